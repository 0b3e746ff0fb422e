/**
 * The backtest (results/backtest-replicas.ts): the replay's replicas at each recorded row against a recorded
 * replica trace, weighted by the time to the next row; the alignment of the two clocks; the recorded trace's span.
 * Expected figures are worked out by hand in each case's comment.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backtestReplicas, type RecordedSeries, withBacktest } from "../../src/results/backtest-replicas.js";
import { ReplicaSteps, stepsOf } from "../../src/results/replica-steps.js";
import { seriesSpan } from "../../src/trace/series-span.js";
import { makeRow, makeRunResult, makeSummary } from "../report/run-result-builder.js";

/** A recorded series: samples [t, v], dated from `start` (Unix seconds) or not. */
function recorded(samples: [number, number][], start: number | null = null): RecordedSeries {
  return {
    t: Float64Array.from(samples.map(([t]) => t)),
    v: Float64Array.from(samples.map(([, v]) => v)),
    startEpochSeconds: start,
    source: "replicas.csv",
  };
}

/** Timeline rows: [t, replicas]. */
const rows = (xs: [number, number][]) => xs.map(([t, replicas]) => ({ t, replicas }));

describe("backtestReplicas", () => {
  it("weights each row by the time to the next (the last to the end of the replay)", () => {
    // rows 0: 2 (60 s), 60: 4 (60 s), 120: 4 (180 s to the end at 300); recorded 2 then 3 from t = 60
    // errors 0, +1, +1 -> |e| time 0*60 + 1*60 + 1*180 = 240 over 300 s = 0.8; bias the same
    // exact only in the first 60 s: 0.2; within one: all; replay 2*60+4*240 = 1080 s -> 0.3 h; recorded 2*60+3*240 = 840 -> 0.2333 h
    const r = backtestReplicas(
      rows([
        [0, 2],
        [60, 4],
        [120, 4],
      ]),
      300,
      recorded([
        [0, 2],
        [60, 3],
        [240, 3],
      ]),
      null,
    );
    expect(r.values).toEqual([2, 3, 3]);
    expect(r.summary).toMatchObject({
      alignment: "start",
      comparedSeconds: 300,
      meanAbsoluteError: 0.8,
      maxAbsoluteError: 1,
      maxErrorAt: 60,
      bias: 0.8,
      exactShare: 0.2,
      withinOneShare: 1,
    });
    expect(r.summary?.replicaHours).toBeCloseTo(1080 / 3600, 12);
    expect(r.summary?.recordedReplicaHours).toBeCloseTo(840 / 3600, 12);
  });

  it("aligns by date-time when both traces have them: a sample at date d is at replay time d - demand start", () => {
    // recorded starts 120 s after the demand: replay rows at 0 and 60 are before it (row values null);
    // row 120 reads the sample at 120 (5); the recorded span ends at 150 + 30 = 180, so row 180 is after it.
    // Compared: [120, 180), 60 s: replay 4 vs 5 for 30 s, then vs 6 (the sample at 150) for 30 s.
    const r = backtestReplicas(
      rows([
        [0, 4],
        [60, 4],
        [120, 4],
        [180, 4],
      ]),
      240,
      recorded(
        [
          [0, 5],
          [30, 6],
        ],
        1_000_120,
      ),
      1_000_000,
    );
    expect(r.values).toEqual([null, null, 5, null]);
    expect(r.summary).toMatchObject({
      alignment: "date-time",
      comparedSeconds: 60,
      meanAbsoluteError: 1.5,
      maxAbsoluteError: 2,
      maxErrorAt: 150,
      bias: -1.5,
      exactShare: 0,
      withinOneShare: 0.5,
    });
  });

  it("a row inside the span but after a sample reads that sample (hold-last), and the span's end cuts the comparison", () => {
    // recorded 3 at 0 and 7 at 100: span [0, 200). The replay holds 3 throughout: 3 vs 3 on [0, 100), 3 vs 7 on
    // [100, 200) (cut at the span's end); row 150 reads 7.
    const r = backtestReplicas(
      rows([
        [0, 3],
        [150, 3],
      ]),
      400,
      recorded([
        [0, 3],
        [100, 7],
      ]),
      null,
    );
    expect(r.values).toEqual([3, 7]);
    expect(r.summary).toMatchObject({
      comparedSeconds: 200,
      maxAbsoluteError: 4,
      maxErrorAt: 100,
      exactShare: 0.5,
    });
    expect(r.summary?.meanAbsoluteError).toBeCloseTo((4 * 100) / 200, 12);
  });

  it("compares the column asked for: ready replicas against a recorded count of available pods", () => {
    const timeline = [
      { t: 0, replicas: 4, readyReplicas: 2, desiredReplicas: 4 },
      { t: 60, replicas: 4, readyReplicas: 4, desiredReplicas: 4 },
    ];
    const available = recorded([
      [0, 2],
      [60, 4],
    ]);
    // ready: 2 vs 2, 4 vs 4; spec.replicas: 4 vs 2 for the first minute
    expect(backtestReplicas(timeline, 120, available, null, "readyReplicas").summary).toMatchObject({
      compared: "readyReplicas",
      meanAbsoluteError: 0,
      exactShare: 1,
    });
    expect(backtestReplicas(timeline, 120, available, null).summary).toMatchObject({
      compared: "replicas",
      meanAbsoluteError: 1,
      exactShare: 0.5,
    });
  });

  it("no overlap: every value null, no figures", () => {
    const r = backtestReplicas(rows([[0, 1]]), 60, recorded([[0, 1]], 5000), 0);
    expect(r.values).toEqual([null]);
    expect(r.summary).toBeNull();
  });

  it("the span: offset by the start difference, to the last sample plus one step", () => {
    expect(
      seriesSpan(
        recorded([
          [0, 1],
          [15, 1],
          [30, 1],
        ]),
        null,
      ),
    ).toEqual({ offset: 0, from: 0, to: 45, alignment: "start" });
    expect(seriesSpan(recorded([[0, 1]], 90), 100)).toEqual({
      offset: -10,
      from: -10,
      to: -9,
      alignment: "date-time",
    });
  });

  it("property: the replay's own rows as the recorded trace give no error; MAE >= |bias|; exact <= within one", () => {
    const step = fc.record({
      dt: fc.integer({ min: 1, max: 120 }),
      replicas: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: -3, max: 3 }),
        (steps, shift) => {
          let t = 0;
          const timeline = steps.map((s) => {
            const row = { t, replicas: s.replicas };
            t += s.dt;
            return row;
          });
          const duration = t;
          const own = recorded(
            timeline.map((r) => [r.t, r.replicas]),
            null,
          );
          // the last sample's step is the one before it: cover the replay to its end
          const self = backtestReplicas(timeline, duration, { ...own, t: own.t, v: own.v }, null);
          expect(self.summary?.meanAbsoluteError).toBe(0);
          expect(self.summary?.exactShare).toBe(1);
          const shifted = recorded(
            timeline.map((r) => [r.t, Math.max(0, r.replicas + shift)]),
            null,
          );
          const b = backtestReplicas(timeline, duration, shifted, null).summary;
          if (b === null) return;
          expect(b.meanAbsoluteError + 1e-12).toBeGreaterThanOrEqual(Math.abs(b.bias));
          expect(b.exactShare).toBeLessThanOrEqual(b.withinOneShare);
          expect(b.withinOneShare).toBeLessThanOrEqual(1 + 1e-12);
          if (Math.abs(shift) >= 2 && timeline.every((r) => r.replicas >= 3))
            expect(b.withinOneShare).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("withBacktest", () => {
  it("adds recordedReplicas to every row and backtest to the summary; nothing without a recorded series", () => {
    const result = makeRunResult({
      timeline: [makeRow(0, { replicas: 2 }), makeRow(60, { replicas: 3 })],
      summary: makeSummary({ durationSeconds: 120 }),
    });
    expect(withBacktest(result, undefined, null)).toBe(result);
    const b = withBacktest(result, { series: recorded([[0, 3]]), compare: "replicas" }, null);
    expect(b.timeline.map((r) => r.recordedReplicas)).toEqual([3, null]);
    expect(b.summary.backtest?.comparedSeconds).toBe(1);
    expect(b.summary.replicaHours).toBe(result.summary.replicaHours);
    expect(result.timeline[0]?.recordedReplicas).toBeUndefined();
  });
});

describe("backtestReplicas on the replay's exact steps (replica-steps.ts)", () => {
  it("keeps only changes, and reads each column as a step function", () => {
    const s = new ReplicaSteps();
    s.note(0, 2, 2, 2);
    s.note(15, 2, 2, 2);
    s.note(30, 4, 2, 4);
    s.note(37, 4, 3, 4);
    s.note(40, 4, 3, 4);
    expect(s.data()).toStrictEqual({
      t: [0, 30, 37],
      replicas: [2, 4, 4],
      readyReplicas: [2, 2, 3],
      desiredReplicas: [2, 4, 4],
    });
    expect(stepsOf(s.data(), "readyReplicas")).toStrictEqual({ t: [0, 30, 37], v: [2, 2, 3] });
  });

  it("property: with the steps given, the figures do not depend on which rows were recorded", () => {
    const change = fc.record({ dt: fc.integer({ min: 1, max: 90 }), v: fc.integer({ min: 0, max: 30 }) });
    fc.assert(
      fc.property(
        fc.array(change, { minLength: 1, maxLength: 30 }),
        fc.array(change, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 400 }),
        (mine, theirs, every) => {
          let t = 0;
          const steps = { t: [] as number[], v: [] as number[] };
          for (const c of mine) {
            steps.t.push(t);
            steps.v.push(c.v);
            t += c.dt;
          }
          const duration = t;
          let u = 0;
          const rec = recorded(
            theirs.map((c) => {
              const at = u;
              u += c.dt;
              return [at, c.v] as [number, number];
            }),
          );
          // rows every `every` seconds (what --record-every keeps), reading the steps
          const rowsAt = (step: number) =>
            Array.from({ length: Math.ceil(duration / step) }, (_, i) => {
              const at = i * step;
              let k = 0;
              while (k + 1 < steps.t.length && (steps.t[k + 1] as number) <= at) k++;
              return { t: at, replicas: steps.v[k] as number };
            });
          const exact = backtestReplicas(rowsAt(1), duration, rec, null).summary;
          const thinned = backtestReplicas(rowsAt(every), duration, rec, null, "replicas", steps).summary;
          // the same figures, up to the order floating-point sums were taken in
          expect(thinned === null).toBe(exact === null);
          if (thinned === null || exact === null) return;
          for (const [k, v] of Object.entries(exact)) {
            const got = (thinned as unknown as Record<string, unknown>)[k];
            if (typeof v === "number") expect(got as number).toBeCloseTo(v, 9);
            else expect(got).toBe(v);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
