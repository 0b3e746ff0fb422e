/**
 * Utilization recorded with a pod count that changed over time (observed-replicas.ts): the count at each sample,
 * aligned by date-time or from the starts, hold-last, nearest outside its span; the demand it converts to; the
 * Scenario form `observedReplicas: {file: ...}`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toDemandSeries } from "../../src/scenario/demand-units.js";
import { replicasAtSamples } from "../../src/scenario/observed-replicas.js";
import { defaultScenario, parseScenario } from "../../src/scenario/scenario-file.js";

const f64 = (xs: number[]) => Float64Array.from(xs);
const series = (t: number[], v: number[], start: number | null, source: string) => ({
  t: f64(t),
  v: f64(v),
  startEpochSeconds: start,
  source,
  notes: [],
});
const WHERE = { scenario: defaultScenario(), field: "spec.trace", fromFlag: false };

describe("replicasAtSamples", () => {
  it("aligns by date-time and reads hold-last", () => {
    // utilization every 60 s from 10:00; replicas from 09:59:30 every 30 s: 4, 4, 6, 6, 8, 8 (to 10:02:30)
    const util = series([0, 60, 120], [1, 1, 1], 36000, "util.json");
    const reps = series([0, 30, 60, 90, 120, 150], [4, 4, 6, 6, 8, 8], 35970, "ready.json");
    const r = replicasAtSamples(util, reps, WHERE);
    // at 10:00 (the replicas' 30 s) 4; at 10:01 (their 90 s) 6; at 10:02 (their 150 s) 8
    expect([...r.values]).toStrictEqual([4, 6, 8]);
    expect(r.warnings).toStrictEqual([]);
    expect(r.notes[0]).toContain("aligned by date-time");
  });

  it("samples outside the replica trace take its nearest count, with a warning", () => {
    const util = series([0, 60, 120, 180], [1, 1, 1, 1], 36000, "util.json");
    const reps = series([0, 60], [5, 7], 36060, "ready.json"); // covers 10:01 to 10:03
    const r = replicasAtSamples(util, reps, WHERE);
    expect([...r.values]).toStrictEqual([5, 5, 7, 7]);
    expect(r.warnings).toStrictEqual([
      "2 of 4 utilization samples lie outside ready.json (1970-01-01T10:01:00Z to 1970-01-01T10:03:00Z): they take its nearest pod count",
    ]);
  });

  it("one trace without date-times: both from their first sample, with a warning", () => {
    const util = series([0, 60], [1, 1], 36000, "util.json");
    const reps = series([0, 30], [3, 9], null, "ready.csv");
    const r = replicasAtSamples(util, reps, WHERE);
    expect([...r.values]).toStrictEqual([3, 9]);
    expect(r.warnings[0]).toBe(
      "ready.csv has no date-times but util.json has: both are taken to start together",
    );
  });

  it("a replica trace of another day is an input error naming the field", () => {
    const util = series([0, 60], [1, 1], 36000, "util.json");
    const reps = series([0, 60], [3, 3], 36000 + 86400, "ready.json");
    expect(() => replicasAtSamples(util, reps, WHERE)).toThrow(
      "(no scenario file): spec.trace.observedReplicas: ready.json covers 1970-01-02T10:00:00Z to 1970-01-02T10:02:00Z, which does not overlap the utilization trace (1970-01-01T10:00:00Z to 1970-01-01T10:01:00Z)",
    );
    expect(() => replicasAtSamples(util, reps, { ...WHERE, fromFlag: true })).toThrow(
      "command line: --observed-replicas: ready.json covers",
    );
  });

  it("a constant replica trace converts as the same number does (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 500 }),
        fc.constantFrom("utilization", "utilization-percent"),
        (values, pods, measures) => {
          const t = values.map((_, i) => i * 60);
          const util = series(t, values, 1_700_000_000, "u");
          const reps = series([0], [pods], 1_700_000_000, "r");
          const at = replicasAtSamples(util, reps, WHERE);
          const ctx = { cpuRequestCores: 0.25, observedReplicas: pods };
          const byNumber = toDemandSeries(util, measures, ctx).demand.v;
          const byTrace = toDemandSeries(util, measures, {
            ...ctx,
            observedReplicas: null,
            observedReplicasAt: at,
          });
          expect([...byTrace.demand.v]).toStrictEqual([...byNumber]);
        },
      ),
    );
  });
});

describe("spec.trace.observedReplicas: {file: ...}", () => {
  const scenario = (trace: string) =>
    `apiVersion: kube-whatif.dev/v1alpha1\nkind: Scenario\nspec:\n  trace: ${trace}\n`;

  it("reads a file of the count over time", () => {
    const s = parseScenario(
      scenario(
        "{file: util.json, measures: utilization, observedReplicas: {file: ready.json, series: {deployment: web}}}",
      ),
      "s.yaml",
    );
    expect(s.trace?.observedReplicas).toBeNull();
    expect(s.trace?.observedReplicasTrace).toMatchObject({
      file: "ready.json",
      series: { deployment: "web" },
    });
  });

  it.each([
    [
      "{file: util.json, measures: utilization, observedReplicas: {valueColumn: ready}}",
      "spec.trace.observedReplicas.file: Required value: a CSV, Prometheus JSON or Grafana CSV file of the pods the utilization was recorded with",
    ],
    [
      "{file: util.json, measures: utilization, observedReplicas: {file: r.csv, measures: cores}}",
      'unknown field "spec.trace.observedReplicas.measures"',
    ],
    [
      "{file: rps.csv, observedReplicas: {file: r.csv}}",
      "spec.trace.observedReplicas: Forbidden: applies only with measures: utilization or utilization-percent",
    ],
  ])("%s: %s", (trace, message) => {
    expect(() => parseScenario(scenario(trace), "s.yaml")).toThrow(message);
  });
});
