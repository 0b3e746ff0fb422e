/**
 * Upstream updater / admission assertions whose vectors are not in the public share, written in the
 * vector format (FORMAT-vpa-ca.md) and judged by the same runner; each case names its upstream test.
 */
import { describe } from "vitest";
import { itPassesEach, MiB, type VectorCase } from "./vector-cases.js";

const cases: VectorCase[] = [
  {
    kind: "vpa.proportionalLimit",
    name: "TestGetProportionalResourceLimitCPU go over milli cap",
    input: {
      resource: "cpu",
      originalLimitQuantity: "10G",
      originalRequestQuantity: "1m",
      recommendedRequestQuantity: "10G",
    },
    expect: { limitMilli: "9223372036854775807", annotation: true },
  },
  {
    kind: "vpa.proportionalLimit",
    name: "TestGetProportionalResourceLimitMem handle non-integer ratios",
    input: {
      resource: "memory",
      originalLimitBytes: 200,
      originalRequestBytes: 150,
      recommendedRequestBytes: 100,
    },
    expect: { limitBytes: 133, annotation: false },
  },
  {
    kind: "vpa.proportionalLimit",
    name: "TestGetProportionalResourceLimitMem go over milli cap",
    input: {
      resource: "memory",
      originalLimitQuantity: "10G",
      originalRequestQuantity: "1m",
      recommendedRequestQuantity: "10G",
    },
    expect: { limitBytes: "9223372036854775807", annotation: true },
  },
  {
    kind: "vpa.proportionalLimit",
    name: "TestGetProportionalResourceLimitMem no recommendation",
    input: { resource: "memory", originalRequestBytes: 1, recommendedRequestBytes: 0, defaultLimitBytes: 2 },
    expect: { limitBytes: null, annotation: true },
  },
  {
    kind: "vpa.updatePriority",
    name: "TestGetUpdatePriority simple scale up, resources from containerStatus have higher priority",
    input: {
      containers: [
        {
          name: "c",
          request: { cpuMilli: 10000000 },
          containerStatusRequest: { cpuMilli: 2000 },
          target: { cpuMilli: 10000 },
        },
      ],
    },
    expect: { outsideRecommendedRange: false, scaleUp: true, resourceDiff: 4 },
  },
  {
    kind: "vpa.updatePriority",
    name: "TestGetUpdatePriority multiple resources, both scale up",
    input: {
      containers: [
        {
          name: "c",
          request: { cpuMilli: 3000, memBytes: 10000000 },
          target: { cpuMilli: 6000, memBytes: 20000000 },
        },
      ],
    },
    expect: { outsideRecommendedRange: false, scaleUp: true, resourceDiff: 2 },
  },
  {
    kind: "vpa.updateDecision",
    name: "TestSortPriorityResourcesDecrease",
    input: {
      config: {
        minChangePriority: 0.1,
        podLifetimeUpdateThresholdHours: 12,
        evictAfterOOMThresholdMinutes: 10,
      },
      podAgeHours: 24,
      pods: [
        { name: "POD1", priority: { outsideRecommendedRange: false, scaleUp: true, resourceDiff: 0.25 } },
        { name: "POD2", priority: { outsideRecommendedRange: false, scaleUp: false, resourceDiff: 0.25 } },
        { name: "POD3", priority: { outsideRecommendedRange: false, scaleUp: false, resourceDiff: 0.5 } },
      ],
    },
    expect: { order: ["POD1", "POD3", "POD2"] },
  },
  {
    kind: "vpa.updateDecision",
    name: "TestUpdateNotRequired",
    input: {
      config: {
        minChangePriority: 0.1,
        podLifetimeUpdateThresholdHours: 12,
        evictAfterOOMThresholdMinutes: 10,
      },
      podAgeHours: 24,
      pods: [{ name: "POD1", priority: { outsideRecommendedRange: false, scaleUp: false, resourceDiff: 0 } }],
    },
    expect: { order: [] },
  },
  {
    kind: "vpa.evictionRestriction",
    name: "TestEvictEmitEvent pod that can not be evicted (1 live pod < minReplicas 2)",
    input: {
      configuredReplicas: 4,
      livePods: 1,
      minReplicas: 2,
      evictionToleranceFraction: 0.5,
      evictAttempts: 1,
    },
    expect: { canEvictEach: false, successfulEvictions: 0 },
  },
  {
    kind: "vpa.applyPolicy",
    name: "TestApplyVPAPolicy resource policy has max allowed and global max allowed is nil",
    input: {
      recommendation: {
        target: { cpuMilli: 42, memBytes: 42 * MiB },
        lowerBound: { cpuMilli: 31, memBytes: 31 * MiB },
        upperBound: { cpuMilli: 53, memBytes: 53 * MiB },
        uncappedTarget: { cpuMilli: 42, memBytes: 42 * MiB },
      },
      containerPolicy: { maxAllowed: { cpuMilli: 40, memBytes: 40 * MiB } },
      globalMaxAllowed: null,
    },
    expect: {
      target: { cpuMilli: 40, memBytes: 40 * MiB },
      lowerBound: { cpuMilli: 31, memBytes: 31 * MiB },
      upperBound: { cpuMilli: 40, memBytes: 40 * MiB },
      uncappedTarget: { cpuMilli: 42, memBytes: 42 * MiB },
    },
  },
];

describe("upstream updater assertions beyond the public vectors", () => {
  itPassesEach(cases);
});
