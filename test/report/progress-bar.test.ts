import { describe, expect, test } from "vitest";
import {
  CLEAR_LINE,
  createProgress,
  type ProgressStream,
  renderProgressFrame,
} from "../../src/report/progress-bar.js";

/** A stream that records writes; `isTTY` as given. */
function fakeStream(isTTY: boolean | undefined, columns?: number): ProgressStream & { writes: string[] } {
  const writes: string[] = [];
  return { isTTY, columns, writes, write: (chunk: string) => writes.push(chunk) };
}

/** A clock the test moves by hand (milliseconds). */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe("renderProgressFrame", () => {
  test("label, bar, percent, counts and eta", () => {
    // 42% of 20 cells = 8.4 -> 8; rate 12.6M / 8 s -> 17.4M left takes ceil(11.05) = 12 s
    expect(renderProgressFrame("replay", 12_600_000, 30_000_000, 8000)).toBe(
      "replay [########............] 42% 12.6M/30.0M simulated s, eta 12s",
    );
  });

  test("no eta before there is a rate; eta 0s when done; done clamped to total", () => {
    expect(renderProgressFrame("x", 0, 100, 0, "runs", 4)).toBe("x [....] 0% 0/100 runs");
    expect(renderProgressFrame("x", 150, 100, 5000, "runs", 4)).toBe("x [####] 100% 100/100 runs, eta 0s");
  });
});

describe("createProgress", () => {
  test("writes nothing at all to a stream that is not a TTY", () => {
    for (const isTTY of [false, undefined]) {
      const stream = fakeStream(isTTY);
      const clock = fakeClock();
      const p = createProgress(stream, { total: 10, label: "sweep", now: clock.now });
      for (let i = 0; i <= 10; i++) {
        clock.advance(1000);
        p.update(i);
      }
      p.finish();
      expect(stream.writes).toEqual([]);
    }
  });

  test("on a TTY: `\\r`-prefixed frames, padded over a longer previous frame, cleared on finish", () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const p = createProgress(stream, {
      total: 100,
      label: "sweep",
      unit: "runs",
      barWidth: 10,
      now: clock.now,
    });
    clock.advance(1000);
    p.update(50); // 50 in 1 s: 50 left take 1 s
    clock.advance(9000);
    p.update(99); // 99 in 10 s: 1 left takes ceil(0.101) = 1 s
    clock.advance(200);
    p.update(100);
    p.finish();
    p.update(100); // after finish: nothing
    expect(stream.writes).toEqual([
      "\rsweep [#####.....] 50% 50/100 runs, eta 1s",
      "\rsweep [#########.] 99% 99/100 runs, eta 1s",
      "\rsweep [##########] 100% 100/100 runs, eta 0s",
      CLEAR_LINE,
    ]);
    expect(CLEAR_LINE.startsWith("\r")).toBe(true);
  });

  test("a shorter frame covers the rest of the previous one with spaces", () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const p = createProgress(stream, { total: 100, label: "x", unit: "u", barWidth: 2, now: clock.now });
    clock.advance(1000);
    p.update(1); // 99 left at 1/s: 99 s
    clock.advance(1000);
    p.update(50); // 50 left at 25/s: 2 s
    expect(stream.writes).toEqual([
      "\rx [..] 1% 1/100 u, eta 1m 39s", // 29 characters
      "\rx [#.] 50% 50/100 u, eta 2s  ", // 27 + 2 spaces
    ]);
  });

  test("throttled to one redraw per 100 ms of the injected clock", () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const p = createProgress(stream, { total: 1000, label: "t", now: clock.now });
    for (let i = 1; i <= 100; i++) {
      clock.advance(10); // 100 updates over 1 s
      p.update(i);
    }
    // first update draws at 10 ms, then every 100 ms: 10, 110, ..., 910 -> 10 frames
    expect(stream.writes).toHaveLength(10);
    expect(stream.writes.every((w) => w.startsWith("\r"))).toBe(true);
  });

  test("frames are cut to the terminal width; finish without a frame writes nothing", () => {
    const stream = fakeStream(true, 20);
    const clock = fakeClock();
    const p = createProgress(stream, { total: 10, label: "a long label", now: clock.now });
    p.update(3);
    expect(stream.writes).toEqual(["\ra long label [#####"]);
    const quiet = fakeStream(true);
    createProgress(quiet, { total: 1, label: "q", now: clock.now }).finish();
    expect(quiet.writes).toEqual([]);
  });
});
