/**
 * The usage model's fit (calibrate/usage-fit.ts), its expression (usage-expression-text.ts) and the samples it
 * fits (calibration-points.ts): exact recovery of a model the samples follow, the refusal of samples that cannot
 * identify it, quantities as a Scenario takes them, and the alignment of the three traces.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calibrationPoints } from "../../src/calibrate/calibration-points.js";
import { cpuQuantity, memoryQuantity, usageExpression } from "../../src/calibrate/usage-expression-text.js";
import { fitUsage, UnidentifiableFitError, type UsagePoint } from "../../src/calibrate/usage-fit.js";
import { compileLoadExpression } from "../../src/metrics/usage-expression.js";

/** Samples of a workload whose pods use `base + perLoad * (load / pods)` each. */
const follow = (base: number, perLoad: number, xs: [number, number][]): UsagePoint[] =>
  xs.map(([pods, load]) => ({ pods, load, usage: base * pods + perLoad * load }));

describe("fitUsage", () => {
  it("recovers the model the samples follow exactly (R² 1, no residual)", () => {
    // 20m per pod idle, 4m per request/s: 2 pods at 10 rps use 0.08, 3 pods at 60 rps 0.3, 4 pods at 20 rps 0.16
    const fit = fitUsage(
      follow(0.02, 0.004, [
        [2, 10],
        [3, 60],
        [4, 20],
      ]),
    );
    expect(fit.base).toBeCloseTo(0.02, 12);
    expect(fit.perLoad).toBeCloseTo(0.004, 12);
    expect(fit.r2).toBeCloseTo(1, 12);
    expect(fit.rmsError).toBeLessThan(1e-12);
    expect(fit.samples).toBe(3);
    expect(fit.loadPerPod).toEqual({ min: 5, max: 20 });
    expect(fit.meanUsage).toBeCloseTo((0.08 + 0.3 + 0.16) / 3, 12);
  });

  it("a least-squares fit of noisy samples: the residual is the noise (hand-checked 2x2 normal equations)", () => {
    // points (n, L, U): (1, 0, 1), (1, 10, 2), (2, 10, 4); normal equations:
    // [Σn² ΣnL; ΣnL ΣL²] = [6 30; 30 200], [ΣnU; ΣLU] = [11, 60] -> det 300, base = (11*200 - 60*30)/300 = 4/3,
    // perLoad = (60*6 - 11*30)/300 = 0.1; residuals -1/3, -1/3, +1/3: RMS 1/3; mean 7/3, SStot 42/9, R² 1 - (3/9)/(42/9)
    const fit = fitUsage([
      { pods: 1, load: 0, usage: 1 },
      { pods: 1, load: 10, usage: 2 },
      { pods: 2, load: 10, usage: 4 },
    ]);
    expect(fit.base).toBeCloseTo(4 / 3, 12);
    expect(fit.perLoad).toBeCloseTo(0.1, 12);
    expect(fit.rmsError).toBeCloseTo(1 / 3, 12);
    expect(fit.r2).toBeCloseTo(1 - 3 / 42, 12);
    // residual variance (1/3) / (3 - 2); inverse normal matrix diagonal 200/300 and 6/300
    expect(fit.baseStdError).toBeCloseTo(Math.sqrt((1 / 3) * (200 / 300)), 12);
    expect(fit.perLoadStdError).toBeCloseTo(Math.sqrt((1 / 3) * (6 / 300)), 12);
  });

  it("samples without pods take no part", () => {
    const fit = fitUsage([
      { pods: 0, load: 50, usage: 9 },
      ...follow(1, 2, [
        [1, 1],
        [2, 5],
      ]),
    ]);
    expect([fit.samples, fit.base, fit.perLoad].map((x) => Number(x.toFixed(9)))).toEqual([2, 1, 2]);
  });

  it.each([
    ["fewer than two samples", follow(1, 1, [[2, 4]]), "1 sample with Ready pods"],
    [
      "a constant load per pod (an HPA holding its target)",
      follow(0.02, 0.004, [
        [2, 20],
        [4, 40],
        [6, 60],
      ]),
      "the load per pod hardly varies (10 .. 10)",
    ],
  ])("refuses %s", (_name, points, message) => {
    expect(() => fitUsage(points)).toThrow(UnidentifiableFitError);
    expect(() => fitUsage(points)).toThrow(message);
  });

  it("property: any model is recovered from samples whose load per pod varies", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 5000, noNaN: true })), {
          minLength: 2,
          maxLength: 50,
        }),
        (base, perLoad, xs) => {
          const points = follow(base, perLoad, xs);
          const perPod = xs.map(([n, l]) => l / n);
          fc.pre(Math.max(...perPod) - Math.min(...perPod) > 1);
          const fit = fitUsage(points);
          const scale = Math.max(...points.map((p) => Math.abs(p.usage)), 1);
          for (const p of points) {
            expect(Math.abs(fit.base * p.pods + fit.perLoad * p.load - p.usage)).toBeLessThan(1e-9 * scale);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("usage expressions", () => {
  it.each([
    [0.0203, "20.3m"],
    [0.004, "4m"],
    [0.0000412, "0.0412m"],
    [1.5, "1.5"],
    [12.345, "12.3"],
    [0, "0m"],
  ])("cpu %d cores -> %s", (cores, text) => {
    expect(cpuQuantity(cores)).toBe(text);
  });

  it.each([
    [120 * 2 ** 20, "120Mi"],
    [100 * 1024, "100Ki"],
    [1.5 * 2 ** 30, "1.5Gi"],
    [512, "512"],
    [123456789, "118Mi"],
  ])("memory %d bytes -> %s", (bytes, text) => {
    expect(memoryQuantity(bytes)).toBe(text);
  });

  it("an expression the Scenario compiles back to the model (a negative cost subtracted)", () => {
    const cpu = usageExpression({ base: 0.0203, perLoad: 0.00402 }, "cpu");
    expect(cpu).toBe("20.3m + 4.02m * load");
    expect(compileLoadExpression(cpu, "cpu")(10)).toBeCloseTo(0.0203 + 0.0402, 12);
    const memory = usageExpression({ base: 120 * 2 ** 20, perLoad: -1024 }, "memory");
    expect(memory).toBe("120Mi - 1Ki * load");
    expect(compileLoadExpression(memory, "memory")(2)).toBe(120 * 2 ** 20 - 2048);
  });
});

describe("calibrationPoints", () => {
  const series = (samples: [number, number][], start: number | null, source: string) => ({
    t: Float64Array.from(samples.map(([t]) => t)),
    v: Float64Array.from(samples.map(([, v]) => v)),
    startEpochSeconds: start,
    source,
  });

  it("reads the demand and pods at each usage sample by date-time; samples outside their spans are skipped", () => {
    // usage at 1000, 1060, 1120, 1180 (epoch); load from 1030 (every 60 s, to 1150); pods from 1000 (one sample, +1 s)
    const p = calibrationPoints({
      usage: series(
        [
          [0, 1],
          [60, 2],
          [120, 3],
          [180, 4],
        ],
        1000,
        "u",
      ),
      load: series(
        [
          [0, 10],
          [60, 20],
        ],
        1030,
        "l",
      ),
      pods: series(
        [
          [0, 2],
          [100, 3],
          [200, 4],
        ],
        1000,
        "p",
      ),
    });
    // usage 1000: before the load; 1060: load 10 (from 1030), pods 2; 1120: load 20 (1090), pods 3 (1100);
    // 1180: the load's span ended at 1030 + 60 + 60 = 1150
    expect(p.points).toEqual([
      { load: 10, pods: 2, usage: 2 },
      { load: 20, pods: 3, usage: 3 },
    ]);
    expect([p.skipped, p.alignment, p.warnings]).toEqual([2, "date-time", []]);
  });

  it("when only some traces have date-times, all start together (with a warning)", () => {
    const p = calibrationPoints({
      usage: series(
        [
          [0, 1],
          [60, 2],
        ],
        5000,
        "u",
      ),
      load: series(
        [
          [0, 10],
          [60, 20],
        ],
        null,
        "l.csv",
      ),
      pods: series(
        [
          [0, 2],
          [60, 2],
        ],
        9000,
        "p",
      ),
    });
    expect(p.points).toEqual([
      { load: 10, pods: 2, usage: 1 },
      { load: 20, pods: 2, usage: 2 },
    ]);
    expect(p.alignment).toBe("start");
    expect(p.warnings).toEqual(["l.csv has no date-times: all traces are taken to start together"]);
  });
});
