/** Test helpers: one container feeding one aggregate, as the recommender's cluster model does. */
import {
  type AggregateContainerState,
  applyAggregatorOps,
  DEFAULT_AGGREGATIONS_CONFIG,
  newAggregateContainerState,
} from "../../src/vpa/aggregate-container-state.js";
import {
  addContainerSample,
  type ContainerState,
  newContainerState,
  recordOOM,
} from "../../src/vpa/container-state.js";
import type { ResourceName } from "../../src/vpa/types.js";

/** 2023-11-14T22:13:20Z, a fixed start time (never wall time). */
export const T0 = 1_700_000_000;

export interface Fed {
  readonly container: ContainerState;
  readonly aggregate: AggregateContainerState;
}

export function makeFed(now = T0): Fed {
  return { container: newContainerState({}), aggregate: newAggregateContainerState(now) };
}

/** Offers one sample to the container and applies the resulting calls to the aggregate. */
export function feed(f: Fed, resource: ResourceName, at: number, usage: number): Fed {
  const r = addContainerSample(
    f.container,
    { measureStart: at, usage, resource },
    DEFAULT_AGGREGATIONS_CONFIG,
  );
  return { container: r.container, aggregate: applyAggregatorOps(f.aggregate, r.ops) };
}

/** Records an OOM with the container's memory request. */
export function feedOOM(f: Fed, at: number, requestBytes: number): Fed {
  const r = recordOOM(f.container, at, requestBytes, DEFAULT_AGGREGATIONS_CONFIG);
  return { container: r.container, aggregate: applyAggregatorOps(f.aggregate, r.ops) };
}

/** A constant usage sampled every `stepSeconds` for `count` samples starting at `start`. */
export function feedConstant(
  f: Fed,
  resource: ResourceName,
  usage: number,
  start: number,
  stepSeconds: number,
  count: number,
): Fed {
  let out = f;
  for (let i = 0; i < count; i++) out = feed(out, resource, start + i * stepSeconds, usage);
  return out;
}
