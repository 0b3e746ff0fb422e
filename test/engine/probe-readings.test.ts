/**
 * ProbeReadings reads the metric probes again only when something they read changed: the rates version (the Ready
 * pods' rates and memory), the Ready and active pod counts, the demand, or the VPA's requests object.
 */
import { describe, expect, it } from "vitest";
import { type MetricProbe, type ProbeContext, ProbeReadings } from "../../src/engine/metric-probes.js";

function countingProbe(): { probe: MetricProbe; reads: () => number } {
  let n = 0;
  const probe: MetricProbe = {
    info: { key: "cpu", description: "cpu", unit: "%", target: 50 },
    actual: (c: ProbeContext) => {
      n++;
      return c.readyPods === 0 ? null : ((c.readyRates[0] as number) / 0.5) * 100 + c.demand / 1000;
    },
    observed: () => null,
  };
  return { probe, reads: () => n };
}

describe("ProbeReadings", () => {
  it("reads the probes again exactly when their context changed", () => {
    const { probe, reads } = countingProbe();
    const rates = new Float64Array([0.25]);
    const r = new ProbeReadings([probe], rates, new Float64Array(0));
    r.read(1, 100, 3, 3, 200, undefined);
    expect(reads()).toBe(1);
    expect(r.actual[0]).toBeCloseTo(50.2);
    r.read(1, 100, 3, 3, 200, undefined);
    expect(reads()).toBe(1);
    const cases: [number, number, number, number][] = [
      [2, 3, 3, 200], // rates version
      [2, 4, 4, 200], // Ready pods
      [2, 4, 5, 200], // active pods
      [2, 4, 5, 300], // demand
    ];
    cases.forEach(([version, ready, active, demand], i) => {
      rates[0] = 0.25 * (i + 2);
      r.read(version, 100, ready, active, demand, undefined);
      expect(reads()).toBe(2 + i);
      expect(r.actual[0]).toBeCloseTo(50 * (i + 2) + demand / 1000);
    });
    // a VPA's requests: a new object is new requests
    const requests = { cpu: 0.5 };
    r.read(2, 100, 4, 5, 300, requests);
    r.read(2, 100, 4, 5, 300, requests);
    expect(reads()).toBe(6);
    r.read(2, 100, 4, 5, 300, { cpu: 0.5 });
    expect(reads()).toBe(7);
  });
});
