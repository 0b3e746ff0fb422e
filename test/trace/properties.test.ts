/** Invariants of the trace layer, checked with fast-check on generated traces. */

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { formatEpoch, parseDateTime } from "../../src/trace/civil-time.js";
import {
  createCursor,
  parseCsvTrace,
  resample,
  sampleIndexAt,
  type TimeSeries,
  valueAt,
} from "../../src/trace/index.js";

/** A valid series: integer times from 0, strictly increasing; small non-negative integer values. */
const seriesArb: fc.Arbitrary<TimeSeries> = fc
  .uniqueArray(fc.integer({ min: 1, max: 5000 }), { maxLength: 60 })
  .chain((rest) => {
    const t = Float64Array.from([0, ...rest].sort((a, b) => a - b));
    return fc
      .array(fc.integer({ min: 0, max: 1000 }), { minLength: t.length, maxLength: t.length })
      .map((v) => ({
        t,
        v: Float64Array.from(v),
        startEpochSeconds: null,
        source: "generated",
        notes: [],
      }));
  });

/** Brute force hold-last: the last sample at or before x (the first before 0). */
function holdAt(s: TimeSeries, x: number): number {
  let value = s.v[0] ?? Number.NaN;
  for (let i = 0; i < s.t.length; i++) if ((s.t[i] ?? 0) <= x) value = s.v[i] ?? Number.NaN;
  return value;
}

describe("resample", () => {
  test("hold is a step function equal to the source at every source sample time", () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 1, max: 400 }), (s, step) => {
        const out = resample(s, step, "hold");
        const last = s.t[s.t.length - 1] ?? 0;
        expect(out.t.length).toBe(Math.floor(last / step) + 1);
        out.t.forEach((g, k) => {
          expect(g).toBe(k * step);
          expect(out.v[k]).toBe(holdAt(s, g));
        });
        const fine = resample(s, 1, "hold");
        s.t.forEach((x, i) => {
          expect(fine.v[x]).toBe(s.v[i]);
        });
      }),
    );
  });

  test("linear equals the source at source sample times", () => {
    fc.assert(
      fc.property(seriesArb, (s) => {
        const out = resample(s, 1, "linear");
        s.t.forEach((x, i) => {
          expect(out.v[x]).toBe(s.v[i]);
        });
      }),
    );
  });

  test("mean keeps the integral of the hold-last source over the grid", () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 1, max: 400 }), (s, step) => {
        const out = resample(s, step, "mean");
        let integral = 0;
        const end = out.t.length * step;
        for (let x = 0; x < end; x++) integral += holdAt(s, x);
        let total = 0;
        for (const m of out.v) total += m * step;
        expect(Math.abs(total - integral)).toBeLessThanOrEqual(1e-6 * Math.max(1, integral));
      }),
      { numRuns: 50 },
    );
  });
});

describe("cursor", () => {
  test("valueAt, nextSampleAfter and nextChangeAfter agree with brute force for any query order", () => {
    fc.assert(
      fc.property(
        seriesArb,
        fc.array(fc.integer({ min: -10, max: 5100 }), { maxLength: 80 }),
        fc.boolean(),
        (s, qs, sorted) => {
          const queries = sorted ? [...qs].sort((a, b) => a - b) : qs;
          const cursor = createCursor(s);
          for (const x of queries) {
            const want = holdAt(s, x);
            expect(cursor.valueAt(x)).toBe(want);
            expect(valueAt(s, x)).toBe(want);
            const next = [...s.t].find((y) => y > x) ?? null;
            expect(cursor.nextSampleAfter(x)).toBe(next);
            const change = [...s.t].find((y) => y > x && holdAt(s, y) !== want) ?? null;
            expect(cursor.nextChangeAfter(x)).toBe(change);
            expect(sampleIndexAt(s.t, x)).toBe([...s.t].filter((y) => y <= x).length - 1);
          }
        },
      ),
    );
  });
});

describe("loading", () => {
  const rowsArb = fc.array(
    fc.record({ time: fc.integer({ min: 0, max: 3000 }), value: fc.integer({ min: 0, max: 500 }) }),
    { minLength: 1, maxLength: 60 },
  );

  test("any shuffled input with duplicates gives strictly increasing integer t from 0, means per timestamp", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const text = `time,value\n${rows.map((r) => `${r.time},${r.value}`).join("\n")}\n`;
        const s = parseCsvTrace(text, { file: "gen.csv" });
        expect(s.t[0]).toBe(0);
        for (let i = 1; i < s.t.length; i++) expect((s.t[i] ?? 0) > (s.t[i - 1] ?? 0)).toBe(true);
        for (const x of s.t) expect(Number.isInteger(x)).toBe(true);
        const start = Math.min(...rows.map((r) => r.time));
        const byTime = new Map<number, number[]>();
        for (const r of rows) byTime.set(r.time, [...(byTime.get(r.time) ?? []), r.value]);
        for (const [time, values] of byTime) {
          const i = sampleIndexAt(s.t, time - start);
          expect(s.t[i]).toBe(time - start);
          expect(s.v[i]).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
        }
        // only held gap samples are added: each repeats the value before it
        for (let i = 0; i < s.t.length; i++) {
          if (!byTime.has((s.t[i] ?? 0) + start)) expect(s.v[i]).toBe(s.v[i - 1]);
        }
      }),
    );
  });

  test("strict accepts exactly the inputs that are already strictly increasing", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const text = `time,value\n${rows.map((r) => `${r.time},${r.value}`).join("\n")}\n`;
        const increasing = rows.every((r, i) => i === 0 || r.time > (rows[i - 1]?.time ?? 0));
        const attempt = () => parseCsvTrace(text, { file: "gen.csv", strict: true });
        if (increasing) expect(attempt).not.toThrow();
        else expect(attempt).toThrow(/strict mode requires strictly increasing timestamps/);
      }),
    );
  });
});

describe("civil time", () => {
  test("formatEpoch and parseDateTime round-trip (years 1 to 9999)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -62135596800, max: 253402300799 }), (x) => {
        const text = formatEpoch(x);
        expect(parseDateTime(text)).toEqual({ epochSeconds: x, hasZone: true });
        expect(parseDateTime(text.replace("T", " ").replace("Z", ""))).toEqual({
          epochSeconds: x,
          hasZone: false,
        });
      }),
    );
  });
});
