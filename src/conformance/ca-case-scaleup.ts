/**
 * Conformance runners for the scale-up kinds of ../shared/conformance/ca/ca.json (FORMAT-vpa-ca.md):
 * ca.balanceScaleUp, ca.backoff, ca.filterYoungPods. Vector times are offsets from the case's "now" (0).
 */
import {
  type BackoffState,
  backoffNodeGroup,
  backoffStatus,
  EMPTY_BACKOFF,
  removeBackoff,
  removeStaleBackoffData,
} from "../cluster-autoscaler/backoff.js";
import { balanceScaleUpBetweenGroups } from "../cluster-autoscaler/balance-scale-up.js";
import {
  filterOutYoungPods,
  POD_SCALE_UP_DELAY_ANNOTATION,
} from "../cluster-autoscaler/filter-young-pods.js";
import type { NodeGroup, Pod } from "../cluster-autoscaler/types.js";

function runBalanceScaleUp(input: {
  readonly groups: readonly {
    readonly id: string;
    readonly min: number;
    readonly max: number;
    readonly size: number;
  }[];
  readonly newNodes: number;
}): Record<string, unknown> {
  const groups = input.groups.map(
    (g): NodeGroup => ({ id: g.id, minSize: g.min, maxSize: g.max, targetSize: g.size }),
  );
  const infos = balanceScaleUpBetweenGroups(groups, input.newNodes);
  if (infos instanceof Error) return { error: infos.message };
  const newSizes: Record<string, number> = {};
  for (const i of [...infos].sort((a, b) => a.groupId.localeCompare(b.groupId)))
    newSizes[i.groupId] = i.newSize;
  return {
    infos: infos.length,
    newSizes,
    groups: Object.keys(newSizes),
    newSizeSum: infos.reduce((s, i) => s + i.newSize, 0),
  };
}
interface BackoffInput {
  readonly initialSeconds: number;
  readonly maxSeconds: number;
  readonly resetSeconds: number;
  readonly ops: readonly {
    readonly op: "backoff" | "status" | "removeStale" | "remove" | "removeBackoff";
    readonly group?: string;
    readonly at: number;
    readonly error?: string;
  }[];
}

/** Times in integer milliseconds, so that fractional vector times (60.001) compare exactly. */
function runBackoff(input: BackoffInput): Record<string, unknown> {
  const ms = (s: number) => Math.round(s * 1000);
  const cfg = {
    initialSeconds: ms(input.initialSeconds),
    maxSeconds: ms(input.maxSeconds),
    resetSeconds: ms(input.resetSeconds),
  };
  let state: BackoffState = EMPTY_BACKOFF;
  const results = input.ops.map((o) => {
    const key = o.group ?? "";
    if (o.op === "backoff") {
      const errorInfo = o.error === undefined ? undefined : { errorCode: o.error };
      state = backoffNodeGroup(state, key, errorInfo, ms(o.at), cfg).state;
      return null;
    }
    if (o.op === "remove" || o.op === "removeBackoff") {
      state = removeBackoff(state, key);
      return null;
    }
    if (o.op === "removeStale") {
      state = removeStaleBackoffData(state, ms(o.at), cfg);
      return { entries: state.size };
    }
    const s = backoffStatus(state, key, ms(o.at));
    return s.errorInfo === undefined
      ? { backedOff: s.isBackedOff }
      : { backedOff: s.isBackedOff, error: s.errorInfo.errorCode };
  });
  return { results };
}

function runFilterYoungPods(input: {
  readonly newPodScaleUpDelaySeconds: number;
  readonly nowOffsetSeconds: number;
  readonly pods: readonly {
    readonly name: string;
    readonly createdSecondsAgo: number;
    readonly scaleUpDelayAnnotation?: string;
  }[];
}): Record<string, unknown> {
  const pods = input.pods.map(
    (p): Pod => ({
      name: p.name,
      namespace: "default",
      containers: [{ cpuMilli: 500, memBytes: 1000 }],
      createdAt: -p.createdSecondsAgo,
      ...(p.scaleUpDelayAnnotation === undefined
        ? {}
        : { annotations: { [POD_SCALE_UP_DELAY_ANNOTATION]: p.scaleUpDelayAnnotation } }),
    }),
  );
  const r = filterOutYoungPods(pods, input.newPodScaleUpDelaySeconds, input.nowOffsetSeconds);
  return { kept: r.kept.map((p) => p.name), log: r.log };
}
export const SCALE_UP_RUNNERS: Record<string, (input: never) => Record<string, unknown>> = {
  "ca.balanceScaleUp": runBalanceScaleUp,
  "ca.backoff": runBackoff,
  "ca.filterYoungPods": runFilterYoungPods,
};
