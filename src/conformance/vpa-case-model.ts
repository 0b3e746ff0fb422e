/**
 * Runners for the recommender-model kinds of ../shared/conformance/vpa: vpa.containerMemory,
 * vpa.aggregateExpiry, vpa.aggregateByName and vpa.resourceAmount (FORMAT-vpa-ca.md).
 */
import {
  type AggregationsConfig,
  aggregateStateByContainerName,
  applyAggregatorOps,
  DEFAULT_AGGREGATIONS_CONFIG,
  histogramCallOf,
  isAggregateExpired,
  type KeyedAggregate,
  newAggregateContainerState,
} from "../vpa/aggregate-container-state.js";
import {
  addContainerSample,
  type ContainerState,
  newContainerState,
  recordOOM,
} from "../vpa/container-state.js";
import {
  coresFromCPUAmount,
  cpuAmountFromCores,
  memoryAmountFromBytes,
  resourceAmountFromFloat,
  roundUpToScale,
  scaleResource,
} from "../vpa/resource-amount.js";
import { arr, type Json, num, numOr, summarizeHistogram, toUnixSeconds } from "./vpa-case-input.js";

/** The model package's test time, 2017-04-18T17:35:05Z (container_test.go testTimestamp). */
const MODEL_TEST_TIME = 1492536905;

function aggregationSettings(input: Json): AggregationsConfig {
  const d = DEFAULT_AGGREGATIONS_CONFIG;
  return {
    ...d,
    memoryAggregationIntervalSeconds: numOr(
      input.memoryAggregationIntervalSeconds,
      d.memoryAggregationIntervalSeconds,
      "memoryAggregationIntervalSeconds",
    ),
    memoryAggregationIntervalCount: numOr(
      input.memoryAggregationIntervalCount,
      d.memoryAggregationIntervalCount,
      "memoryAggregationIntervalCount",
    ),
    oomBumpUpRatio: numOr(input.oomBumpUpRatio, d.oomBumpUpRatio, "oomBumpUpRatio"),
    oomMinBumpUpBytes: numOr(input.oomMinBumpUpBytes, d.oomMinBumpUpBytes, "oomMinBumpUpBytes"),
  };
}

/** vpa.containerMemory: per-op acceptance and every histogram call the container causes. */
export function runContainerMemory(input: Json): Record<string, unknown> {
  const t0 = input.t0 === undefined ? MODEL_TEST_TIME : toUnixSeconds(input.t0, "t0");
  const settings = aggregationSettings(input);
  let container: ContainerState = newContainerState({});
  const opResults: unknown[] = [];
  const histogramCalls: unknown[] = [];
  arr(input.ops, "ops").forEach((op: Json, i: number) => {
    const what = `ops[${i}]`;
    const at = t0 + num(op.at, `${what}.at`);
    let outcome: { container: ContainerState; ops: readonly Parameters<typeof histogramCallOf>[0][] };
    if (op.op === "sample") {
      if (op.resource !== "cpu" && op.resource !== "memory")
        throw new TypeError(`${what}.resource: expected cpu or memory`);
      const r = addContainerSample(
        container,
        { measureStart: at, usage: num(op.usage, `${what}.usage`), resource: op.resource },
        settings,
      );
      opResults.push(r.accepted);
      outcome = r;
    } else if (op.op === "oom") {
      const r = recordOOM(container, at, num(op.requestBytes, `${what}.requestBytes`), settings);
      opResults.push(r.error === undefined ? "ok" : "error");
      outcome = r;
    } else throw new TypeError(`${what}.op: unknown ${JSON.stringify(op.op)}`);
    container = outcome.container;
    for (const call of outcome.ops.map(histogramCallOf)) {
      histogramCalls.push({
        h: call.histogram,
        fn: call.fn,
        value: call.value,
        weight: call.weight,
        at: call.time - t0,
      });
    }
  });
  return { opResults, histogramCalls };
}

/** vpa.aggregateExpiry: isExpired for aggregates with or without samples. */
export function runAggregateExpiry(input: Json): Record<string, unknown> {
  const settings: AggregationsConfig = {
    ...DEFAULT_AGGREGATIONS_CONFIG,
    memoryAggregationIntervalSeconds:
      num(input.memoryAggregationIntervalHours, "memoryAggregationIntervalHours") * 3600,
    memoryAggregationIntervalCount: num(
      input.memoryAggregationIntervalCount,
      "memoryAggregationIntervalCount",
    ),
  };
  const expired = arr(input.checks, "checks").map((c: Json, i: number) => {
    const what = `checks[${i}]`;
    const base = newAggregateContainerState(
      MODEL_TEST_TIME + numOr(c.creationAt, 0, `${what}.creationAt`),
      settings,
    );
    const state = {
      ...base,
      totalSamplesCount: num(c.totalSamples, `${what}.totalSamples`),
      lastSampleStart:
        c.lastSampleAt === undefined
          ? base.lastSampleStart
          : MODEL_TEST_TIME + num(c.lastSampleAt, `${what}.lastSampleAt`),
    };
    return isAggregateExpired(state, MODEL_TEST_TIME + num(c.nowHours, `${what}.nowHours`) * 3600);
  });
  return { expired };
}

/**
 * vpa.aggregateByName: every container gets one CPU and one memory sample at the test time into the
 * aggregate of its (pod labels, name); the aggregates are then merged by container name.
 */
export function runAggregateByName(input: Json): Record<string, unknown> {
  const settings = DEFAULT_AGGREGATIONS_CONFIG;
  const containers = arr(input.containers, "containers").map((c: Json, i: number) => ({
    key: `${c.pod}/${c.name}`,
    name: String(c.name),
    cpu: cpuAmountFromCores(num(c.cpuCores, `containers[${i}].cpuCores`)),
    memory: memoryAmountFromBytes(num(c.memBytes, `containers[${i}].memBytes`)),
  }));
  const states = new Map<string, ContainerState>(containers.map((c) => [c.key, newContainerState({})]));
  const aggregates = new Map(
    containers.map((c) => [c.key, newAggregateContainerState(MODEL_TEST_TIME, settings)]),
  );
  // Upstream adds the CPU samples of all containers first, then the memory samples.
  for (const resource of ["cpu", "memory"] as const) {
    for (const c of containers) {
      const r = addContainerSample(
        states.get(c.key) as ContainerState,
        { measureStart: MODEL_TEST_TIME, usage: c[resource], resource },
        settings,
      );
      states.set(c.key, r.container);
      aggregates.set(
        c.key,
        applyAggregatorOps(aggregates.get(c.key) as ReturnType<typeof newAggregateContainerState>, r.ops),
      );
    }
  }
  const keyed: KeyedAggregate[] = containers.map((c) => ({
    key: c.key,
    containerName: c.name,
    state: aggregates.get(c.key) as KeyedAggregate["state"],
  }));
  const { byContainerName } = aggregateStateByContainerName(keyed, MODEL_TEST_TIME, settings);
  const totalSamplesCount: Record<string, number> = {};
  for (const [name, a] of byContainerName) totalSamplesCount[name] = a.totalSamplesCount;
  const windowEnds: Record<string, number> = {};
  for (const [key, s] of states) windowEnds[key] = s.windowEnd;
  const appA = byContainerName.get("app-A");
  return {
    totalSamplesCount,
    ...(appA === undefined
      ? {}
      : { memoryPeaksOfAppA: { histogram: summarizeHistogram(appA.aggregateMemoryPeaks), windowEnds } }),
  };
}

/** vpa.resourceAmount: the model/types.go conversions. */
export function runResourceAmount(input: Json): Record<string, unknown> {
  const args = arr(input.args, "args");
  const pair = (a: Json, i: number): [number, number] => [
    num(a?.[0], `args[${i}][0]`),
    num(a?.[1], `args[${i}][1]`),
  ];
  switch (input.fn) {
    case "cpuAmountFromCores":
      return { results: args.map((a, i) => cpuAmountFromCores(num(a, `args[${i}]`))) };
    case "coresFromCPUAmount":
      return { results: args.map((a, i) => coresFromCPUAmount(num(a, `args[${i}]`))) };
    case "memoryAmountFromBytes":
      return { results: args.map((a, i) => memoryAmountFromBytes(num(a, `args[${i}]`))) };
    case "resourceAmountFromFloat":
      return { results: args.map((a, i) => resourceAmountFromFloat(num(a, `args[${i}]`))) };
    case "scaleResource":
      return { results: args.map((a, i) => scaleResource(...pair(a, i))) };
    case "roundUpToScale": {
      const rounded = args.map((a, i) => roundUpToScale(...pair(a, i)));
      return { results: rounded.map((r) => r.value), errors: rounded.map((r) => r.error ?? null) };
    }
    default:
      throw new TypeError(`fn: unknown ${JSON.stringify(input.fn)}`);
  }
}
