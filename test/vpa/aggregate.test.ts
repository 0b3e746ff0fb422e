/** Aggregates: checkpoints (aggregate_container_state_test.go), expiry and merging by container name. */
import { describe, expect, it } from "vitest";
import {
  loadAggregateFromCheckpoint,
  saveAggregateToCheckpoint,
  subtractCurrentContainerMemoryPeak,
  updateFromPolicy,
} from "../../src/vpa/aggregate-checkpoint.js";
import {
  aggregateStateByContainerName,
  getControlledResources,
  isAggregateExpired,
  newAggregateContainerState,
} from "../../src/vpa/aggregate-container-state.js";
import { addDecayingSample, isEmptyDecaying } from "../../src/vpa/decaying-histogram.js";
import { feed, makeFed, T0 } from "./builders.js";

const t1 = Date.UTC(2018, 0, 1, 2, 3, 4) / 1000;
const t2 = Date.UTC(2018, 1, 1, 2, 3, 4) / 1000;

describe("aggregate checkpoints", () => {
  it("saves times, count, version and both histograms (TestAggregateContainerStateSaveToCheckpoint)", () => {
    const cs = newAggregateContainerState(T0);
    const filled = {
      ...cs,
      firstSampleStart: t1,
      lastSampleStart: t2,
      totalSamplesCount: 10,
      aggregateCPUUsage: addDecayingSample(cs.aggregateCPUUsage, 1, 33, t2),
      aggregateMemoryPeaks: addDecayingSample(
        addDecayingSample(cs.aggregateMemoryPeaks, 1, 55, t1),
        10000000,
        55,
        t1,
      ),
    };
    const cp = saveAggregateToCheckpoint(filled, T0);
    expect(cp).toMatchObject({
      lastUpdateTime: T0,
      firstSampleStart: t1,
      lastSampleStart: t2,
      totalSamplesCount: 10,
      version: "v3",
    });
    expect(cp.cpuHistogram.bucketWeights.size).toBe(1);
    expect(cp.memoryHistogram.bucketWeights.size).toBe(2);
  });

  it("loads a v3 checkpoint and rejects other versions", () => {
    const cs = newAggregateContainerState(T0);
    const cp = {
      lastUpdateTime: T0,
      version: "v3",
      firstSampleStart: t1,
      lastSampleStart: t2,
      totalSamplesCount: 20,
      memoryHistogram: { totalWeight: 33, bucketWeights: new Map([[0, 10]]), referenceTimestamp: t1 },
      cpuHistogram: { totalWeight: 44, bucketWeights: new Map([[0, 10]]), referenceTimestamp: t1 },
    };
    const loaded = loadAggregateFromCheckpoint(cs, cp);
    if (!("state" in loaded)) throw new Error(loaded.error);
    expect(loaded.state).toMatchObject({ firstSampleStart: t1, lastSampleStart: t2, totalSamplesCount: 20 });
    expect(isEmptyDecaying(loaded.state.aggregateCPUUsage)).toBe(false);
    expect(isEmptyDecaying(loaded.state.aggregateMemoryPeaks)).toBe(false);
    expect(loadAggregateFromCheckpoint(cs, { ...cp, version: "foo" })).toEqual({
      error: "unsupported checkpoint version foo",
    });
  });

  it("the still-open window's peak is left out of a checkpoint", () => {
    let f = makeFed();
    f = feed(f, "memory", T0, 500_000_000);
    const without = subtractCurrentContainerMemoryPeak(f.aggregate, f.container, T0 + 60);
    expect(isEmptyDecaying(without.aggregateMemoryPeaks)).toBe(true);
    // Once the window has ended the peak is final and stays.
    expect(subtractCurrentContainerMemoryPeak(f.aggregate, f.container, T0 + 86400)).toBe(f.aggregate);
  });
});

describe("aggregate lifecycle", () => {
  it("expires 8 days after the last CPU sample", () => {
    let f = makeFed();
    f = feed(f, "cpu", T0, 100);
    expect(isAggregateExpired(f.aggregate, T0 + 8 * 86400 - 1)).toBe(false);
    expect(isAggregateExpired(f.aggregate, T0 + 8 * 86400)).toBe(true);
  });

  it("copies scaling mode and controlled resources from the policy", () => {
    const a = newAggregateContainerState(T0);
    expect(getControlledResources(a)).toEqual(["cpu", "memory"]);
    const b = updateFromPolicy(a, { containerName: "app", mode: "Off", controlledResources: ["memory"] });
    expect([b.scalingMode, getControlledResources(b)]).toEqual(["Off", ["memory"]]);
    expect(updateFromPolicy(a, undefined).scalingMode).toBe("Auto");
  });

  it("merging by name re-references the older input histograms, as upstream's Merge does", () => {
    let older = makeFed();
    older = feed(older, "cpu", T0, 100);
    let newer = makeFed();
    newer = feed(newer, "cpu", T0 + 3 * 86400, 100);
    const { byContainerName, inputs } = aggregateStateByContainerName(
      [
        { key: "new", containerName: "app", state: newer.aggregate },
        { key: "old", containerName: "app", state: older.aggregate },
      ],
      T0,
    );
    const merged = byContainerName.get("app");
    expect(merged?.totalSamplesCount).toBe(2);
    expect(merged?.firstSampleStart).toBe(T0);
    expect(merged?.lastSampleStart).toBe(T0 + 3 * 86400);
    const ref = newer.aggregate.aggregateCPUUsage.referenceTimestamp;
    expect(merged?.aggregateCPUUsage.referenceTimestamp).toBe(ref);
    expect(inputs[1]?.state.aggregateCPUUsage.referenceTimestamp).toBe(ref);
  });
});
