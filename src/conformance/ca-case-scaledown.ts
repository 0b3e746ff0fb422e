/**
 * Conformance runners for the scale-down kinds of ../shared/conformance/ca/ca.json (FORMAT-vpa-ca.md):
 * ca.utilization, ca.eligibility, ca.removableAt. Vector times are offsets from the case's "now" (0).
 */
import { filterOutUnremovable, SCALE_DOWN_DISABLED_ANNOTATION } from "../cluster-autoscaler/eligibility.js";
import { DAEMONSET_POD_ANNOTATION, MIRROR_POD_ANNOTATION } from "../cluster-autoscaler/pod-requests.js";
import { QuotaTracker } from "../cluster-autoscaler/resource-quotas.js";
import type { InitContainer, Node, NodeGroup, Pod } from "../cluster-autoscaler/types.js";
import { removableAt, removalThreshold, type UnneededEntry } from "../cluster-autoscaler/unneeded-nodes.js";
import { calculateUtilization, GPU_LABEL } from "../cluster-autoscaler/utilization.js";

interface VectorPod {
  readonly name?: string;
  readonly node?: string;
  readonly cpuMilli?: number;
  readonly memBytes?: number;
  readonly gpus?: number;
  readonly initContainers?: readonly {
    readonly cpuMilli: number;
    readonly memBytes: number;
    readonly restartPolicy?: "Always";
  }[];
  readonly daemonSet?: boolean;
  readonly daemonSetVia?: string;
  readonly mirror?: boolean;
  readonly deletionTimestampSecondsAgo?: number;
  readonly terminationGracePeriodSeconds?: number | null;
}

/** BuildTestPod: one container with the given requests (absent = not requested) and the markers. */
function vectorPod(p: VectorPod, i: number): Pod {
  const annotations: Record<string, string> = {};
  if (p.mirror === true) annotations[MIRROR_POD_ANNOTATION] = "";
  const viaAnnotation = p.daemonSet === true && (p.daemonSetVia ?? "").includes("annotation");
  if (viaAnnotation) annotations[DAEMONSET_POD_ANNOTATION] = "true";
  return {
    name: p.name ?? `p${i}`,
    namespace: "default",
    annotations,
    containers: [
      {
        ...(p.cpuMilli === undefined ? {} : { cpuMilli: p.cpuMilli }),
        ...(p.memBytes === undefined ? {} : { memBytes: p.memBytes }),
        ...(p.gpus === undefined ? {} : { gpus: p.gpus }),
      },
    ],
    ...(p.initContainers === undefined
      ? {}
      : { initContainers: p.initContainers.map((c): InitContainer => ({ ...c })) }),
    ...(p.daemonSet === true && !viaAnnotation
      ? { owner: { kind: "DaemonSet", name: "ds", apiGroup: "apps" } }
      : {}),
    ...(p.deletionTimestampSecondsAgo === undefined ? {} : { deletedAt: -p.deletionTimestampSecondsAgo }),
    ...(typeof p.terminationGracePeriodSeconds === "number"
      ? { terminationGracePeriodSeconds: p.terminationGracePeriodSeconds }
      : {}),
    ...(p.node === undefined ? {} : { nodeName: p.node }),
  };
}

function runUtilization(input: {
  readonly node: {
    readonly allocCpuMilli?: number;
    readonly allocMemBytes?: number;
    readonly gpus?: number;
    readonly gpuLabelOnly?: boolean;
  };
  readonly pods: readonly VectorPod[];
  readonly skipDaemonSets: boolean;
  readonly skipMirror: boolean;
}): Record<string, unknown> {
  const n = input.node;
  const alloc = {
    ...(n.allocCpuMilli === undefined ? {} : { cpuMilli: n.allocCpuMilli }),
    ...(n.allocMemBytes === undefined ? {} : { memBytes: n.allocMemBytes }),
    ...(n.gpus === undefined ? {} : { gpus: n.gpus }),
    pods: 100,
  };
  const gpuNode = n.gpuLabelOnly === true || (n.gpus ?? 0) > 0;
  const node: Node = {
    name: "node1",
    allocatable: alloc,
    ...(gpuNode ? { labels: { [GPU_LABEL]: "" } } : {}),
  };
  const r = calculateUtilization(
    node,
    input.pods.map(vectorPod),
    { skipDaemonSetPods: input.skipDaemonSets, skipMirrorPods: input.skipMirror },
    0,
  );
  if (r instanceof Error) return { error: r.message };
  return { utilization: r.utilization, cpuUtil: r.cpuUtil, memUtil: r.memUtil, resourceName: r.resourceName };
}

interface EligibilityInput {
  readonly nodes: readonly {
    readonly name: string;
    readonly allocCpuMilli: number;
    readonly allocMemBytes: number;
    readonly ready: boolean;
    readonly toBeDeletedTaintSecondsAgo?: number;
    readonly annotations?: Record<string, string>;
    readonly gpus?: number;
  }[];
  readonly pods: readonly VectorPod[];
  readonly scaleDownUtilizationThreshold: number;
  readonly scaleDownGpuUtilizationThreshold?: number;
  readonly ignoreDaemonSetsUtilization: boolean;
  readonly scaleDownUnreadyEnabled: boolean;
  readonly nodeGroup: { readonly min: number; readonly max: number; readonly targetSize: number };
}

function runEligibility(input: EligibilityInput): Record<string, unknown> {
  const group: NodeGroup = {
    id: "ng1",
    minSize: input.nodeGroup.min,
    maxSize: input.nodeGroup.max,
    targetSize: input.nodeGroup.targetSize,
  };
  const pods = input.pods.map(vectorPod);
  const candidates = input.nodes.map((n) => {
    const alloc = {
      cpuMilli: n.allocCpuMilli,
      memBytes: n.allocMemBytes,
      pods: 100,
      ...(n.gpus === undefined ? {} : { gpus: n.gpus }),
    };
    const node: Node = {
      name: n.name,
      allocatable: alloc,
      ready: n.ready,
      ...(n.annotations === undefined ? {} : { annotations: n.annotations }),
      ...(n.toBeDeletedTaintSecondsAgo === undefined
        ? {}
        : { toBeDeletedTaintAt: -n.toBeDeletedTaintSecondsAgo }),
    };
    return { node, pods: pods.filter((p) => p.nodeName === n.name), nodeGroup: group };
  });
  const r = filterOutUnremovable(
    candidates,
    {
      scaleDownUtilizationThreshold: input.scaleDownUtilizationThreshold,
      scaleDownGpuUtilizationThreshold: input.scaleDownGpuUtilizationThreshold ?? 0.5,
      ignoreDaemonSetsUtilization: input.ignoreDaemonSetsUtilization,
      ignoreMirrorPodsUtilization: false,
      scaleDownUnreadyEnabled: input.scaleDownUnreadyEnabled,
    },
    0,
  );
  return { unneeded: r.unneeded, unremovable: r.unremovable };
}

interface RemovableAtInput {
  readonly numEmpty: number;
  readonly numDrain: number;
  readonly unneededSinceMinutesAgo: number;
  readonly unneededTimeMinutes: number;
  readonly unreadyTimeMinutes: number;
  readonly nodesReady: boolean;
  readonly minSize: number;
  readonly targetSize: number;
  readonly ongoingDeletions: number;
  readonly scaleDownDisabledAnnotation?: boolean;
  readonly nodeGroupConfigured?: boolean;
  readonly minQuota?: { readonly nodes?: number; readonly cores?: number; readonly memoryBytes?: number };
  /** Upstream's "ThresholdRetrievalFails" case (the time getter errors); not in FORMAT, accepted under these names. */
  readonly thresholdRetrievalFails?: boolean;
  readonly timeGetterError?: boolean;
}

function runRemovableAt(input: RemovableAtInput): Record<string, unknown> {
  const group: NodeGroup = { id: "ng", minSize: input.minSize, maxSize: 100, targetSize: input.targetSize };
  const configured = input.nodeGroupConfigured !== false;
  const since = -input.unneededSinceMinutesAgo * 60;
  const entries: UnneededEntry[] = [];
  const mk = (name: string, empty: boolean): UnneededEntry => ({
    node: {
      name,
      allocatable: { cpuMilli: 10, memBytes: 100, pods: 100 },
      ready: input.nodesReady,
      ...(input.scaleDownDisabledAnnotation === true
        ? { annotations: { [SCALE_DOWN_DISABLED_ANNOTATION]: "true" } }
        : {}),
    },
    since,
    empty,
    nodeGroup: configured ? group : undefined,
    thresholdRetrievalFailed: input.thresholdRetrievalFails === true || input.timeGetterError === true,
  });
  for (let i = 0; i < input.numEmpty; i++) entries.push(mk(`empty-${i}`, true));
  for (let i = 0; i < input.numDrain; i++) entries.push(mk(`drain-${i}`, false));
  const q = input.minQuota;
  const minQuota =
    q === undefined
      ? undefined
      : QuotaTracker.forMinima(
          [
            {
              id: "quota1",
              limits: {
                ...(q.nodes === undefined ? {} : { nodes: q.nodes }),
                ...(q.cores === undefined ? {} : { cpu: q.cores }),
                ...(q.memoryBytes === undefined ? {} : { memory: q.memoryBytes }),
              },
            },
          ],
          entries.map((e) => e.node),
        );
  const times = {
    scaleDownUnneededTimeSeconds: input.unneededTimeMinutes * 60,
    scaleDownUnreadyTimeSeconds: input.unreadyTimeMinutes * 60,
  };
  const r = removableAt(
    {
      entries,
      times,
      deletionsInProgress: new Map([["ng", input.ongoingDeletions]]),
      ...(minQuota === undefined ? {} : { minQuota }),
    },
    0,
  );
  const first = entries[0];
  return {
    emptyToRemove: r.empty.length,
    drainToRemove: r.needDrain.length,
    removalThresholdMinutes: first === undefined ? null : removalThreshold(first, times) / 60,
    unremovableReason: r.unremovable[0]?.reason ?? null,
    unremovable: r.unremovable,
  };
}
export const SCALE_DOWN_RUNNERS: Record<string, (input: never) => Record<string, unknown>> = {
  "ca.utilization": runUtilization,
  "ca.eligibility": runEligibility,
  "ca.removableAt": runRemovableAt,
};
