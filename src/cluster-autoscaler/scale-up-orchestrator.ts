/**
 * One scale-up: equivalence groups, node groups that may grow, the binpacking estimate per group, the
 * expander's choice, the limits, balancing and the events (mirrors core/scaleup/orchestrator/orchestrator.go
 * ScaleUp, computeExpansionOption, filterValidScaleUpNodeGroups; equivalence/groups.go
 * BuildPodGroups; processors/status/eventing_scale_up_processor.go Process and ReasonsMessage).
 */
import { balanceScaleUpBetweenGroups } from "./balance-scale-up.js";
import { estimate } from "./binpacking-estimator.js";
import type { ClusterSnapshot } from "./cluster-snapshot.js";
import { ClusterSnapshot as Snapshot } from "./cluster-snapshot.js";
import type { CaEvent, ObservedNodeGroup } from "./cluster-state.js";
import type { CaConfig } from "./config.js";
import {
  clusterCapacityThreshold,
  sngCapacityThreshold,
  staticThreshold,
  ThresholdBasedEstimationLimiter,
} from "./estimation-limiter.js";
import { buildExpander } from "./expander/chain.js";
import { type PricingModel, simplePreferredNode } from "./expander/price.js";
import type { ExpansionOption, NodeInfos } from "./expander/types.js";
import { podRequests } from "./pod-requests.js";
import { clusterResourceLimits, QuotaTracker } from "./resource-quotas.js";
import {
  capByGroupMax,
  capByResourceLimits,
  getCappedNewNodeCount,
  nodeGroupSkipReason,
} from "./scale-up-limits.js";
import {
  LABEL_HOSTNAME,
  LABEL_ZONE,
  type Node,
  type NodeGroup,
  type Pod,
  type PodEquivalenceGroup,
} from "./types.js";

/** A target-size increase the engine applies. */
export interface ScaleUpDecision {
  readonly group: string;
  readonly delta: number;
  readonly reason: string;
}

/** A pod left unschedulable with the aggregated reasons (`2 max node group size reached`). */
export interface NotTriggered {
  readonly pod: string;
  readonly reasons: readonly string[];
}

export interface ScaleUpInput {
  readonly pending: readonly Pod[];
  readonly groups: readonly ObservedNodeGroup[];
  /** Nodes plus upcoming placeholders (estimations fork it). */
  readonly snapshot: ClusterSnapshot;
  /** Nodes counted by --max-nodes-total (registered + upcoming). */
  readonly currentNodeCount: number;
  /** Nodes whose capacity counts against --cores-total / --memory-total. */
  readonly nodesForQuota: readonly Node[];
  readonly isBackedOff: (groupId: string) => boolean;
  readonly cfg: CaConfig;
  readonly now: number;
  readonly rng: () => number;
}

export interface ScaleUpResult {
  readonly scaleUps: readonly ScaleUpDecision[];
  readonly notTriggered: readonly NotTriggered[];
  readonly events: readonly CaEvent[];
}

const podKey = (p: Pod) => `pod/${p.namespace}/${p.name}`;

/** Pods of one controller with the same scheduling spec (equivalence/groups.go BuildPodGroups). */
export function buildPodGroups(pods: readonly Pod[]): PodEquivalenceGroup[] {
  const groups = new Map<string, Pod[]>();
  for (const [i, p] of pods.entries()) {
    const spec = JSON.stringify([
      p.namespace,
      p.containers,
      p.initContainers ?? [],
      p.overhead ?? {},
      p.hostPorts ?? [],
      p.nodeSelector ?? {},
      p.topologySpread ?? [],
    ]);
    const key = p.owner === undefined ? `#${i}` : `${p.owner.kind}/${p.owner.name}/${spec}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [p]);
    else g.push(p);
  }
  return [...groups.values()].map((pods) => ({ pods }));
}

/** Why the first pod of a group cannot go on a fresh node of the group; undefined = it can. */
function rejectReasons(g: ObservedNodeGroup, pod: Pod): readonly string[] | undefined {
  const s = Snapshot.of([]);
  s.addNode(g.template.node, g.template.pods ?? []);
  const err = s.checkPredicates(pod, g.template.node.name);
  if (err !== undefined)
    return err.type === "FailingPredicate" ? err.failure.reasons : ["no nodes available"];
  const extra = g.rejects?.(pod);
  return extra !== undefined && extra.length > 0 ? extra : undefined;
}

const IGNORED_LABELS = new Set([LABEL_HOSTNAME, LABEL_ZONE, "topology.kubernetes.io/region"]);
const within = (a: number | undefined, b: number | undefined, ratio: number) =>
  Math.abs((a ?? 0) - (b ?? 0)) <= ratio * Math.max(a ?? 0, b ?? 0);

/** Templates match for balancing (nodegroupset/compare_nodegroups.go, simplified: labels, 5% allocatable, 1.5% memory capacity). */
export function similarTemplates(a: Node, b: Node): boolean {
  const labels = (n: Node) =>
    JSON.stringify(
      Object.entries(n.labels ?? {})
        .filter(([k]) => !IGNORED_LABELS.has(k))
        .sort(),
    );
  const ca = a.capacity ?? a.allocatable;
  const cb = b.capacity ?? b.allocatable;
  return (
    labels(a) === labels(b) &&
    ca.cpuMilli === cb.cpuMilli &&
    within(ca.memBytes, cb.memBytes, 0.015) &&
    within(a.allocatable.cpuMilli, b.allocatable.cpuMilli, 0.05) &&
    within(a.allocatable.memBytes, b.allocatable.memBytes, 0.05)
  );
}

function pricingModel(groups: readonly ObservedNodeGroup[]): PricingModel {
  const byTemplate = new Map(groups.map((g) => [g.template.node.name, g.pricePerHour ?? 0]));
  return {
    nodePrice: (node, start, end) => ((byTemplate.get(node.name) ?? 0) * (end - start)) / 3600,
    podPrice: (pod, start, end) => {
      // A pod's share: its CPU at the cheapest per-core price of any group (price.go uses the provider's).
      const r = podRequests(pod);
      let best = Number.POSITIVE_INFINITY;
      for (const g of groups) {
        const cores = (g.template.node.capacity ?? g.template.node.allocatable).cpuMilli ?? 0;
        if (cores > 0) best = Math.min(best, (g.pricePerHour ?? 0) / cores);
      }
      return Number.isFinite(best) ? (best * r.cpuMilli * (end - start)) / 3600 : 0;
    },
  };
}

/** Aggregated reasons, most frequent first then by text (deviation: upstream iterates a Go map). */
function reasonsMessage(perGroup: ReadonlyMap<string, readonly string[]>): string[] {
  const counts = new Map<string, number>();
  for (const reasons of perGroup.values()) for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([r, n]) => `${n} ${r}`);
}

/** Runs one scale-up for the pending pods (orchestrator.go ScaleUp). */
export function scaleUp(input: ScaleUpInput): ScaleUpResult {
  const { cfg, now } = input;
  const eqGroups = buildPodGroups(input.pending);
  const tracker = QuotaTracker.forMaxima([clusterResourceLimits(cfg).max], input.nodesForQuota);
  // Per equivalence group: node group id -> reasons it was skipped or rejected.
  const reasons = eqGroups.map(() => new Map<string, readonly string[]>());
  const limiter = new ThresholdBasedEstimationLimiter([
    staticThreshold(cfg.maxNodesPerScaleUp, cfg.maxNodeGroupBinpackingDurationSeconds),
    clusterCapacityThreshold,
    sngCapacityThreshold,
  ]);
  const options: ExpansionOption[] = [];
  const sorted = [...input.groups].sort((a, b) => (a.group.id < b.group.id ? -1 : 1));
  for (const g of sorted) {
    const skip = nodeGroupSkipReason(g.group, g.template.node, {
      backedOff: input.isBackedOff(g.group.id),
      tracker,
    });
    if (skip !== undefined) {
      for (const r of reasons) r.set(g.group.id, [skip]);
      continue;
    }
    const fitting: PodEquivalenceGroup[] = [];
    for (const [i, eq] of eqGroups.entries()) {
      const rejected = rejectReasons(g, eq.pods[0] as Pod);
      if (rejected === undefined) fitting.push(eq);
      else reasons[i]?.set(g.group.id, rejected);
    }
    if (fitting.length === 0) continue;
    // computeExpansionOption: the binpacking estimate on a fork of the snapshot.
    const est = estimate(fitting, g.template, input.snapshot, limiter, now, {
      fastpathBinpackingEnabled: cfg.fastpathBinpackingEnabled,
      nodeGroup: g.group,
      context: {
        similarNodeGroups: [],
        clusterMaxNodeLimit: cfg.maxNodesTotal,
        currentNodeCount: input.currentNodeCount,
      },
    });
    if (est.nodeCount > 0 && est.scheduledPods.length > 0)
      options.push({ nodeGroupId: g.group.id, nodeCount: est.nodeCount, pods: est.scheduledPods });
  }
  const notTriggered = (): NotTriggered[] =>
    eqGroups.flatMap((eq, i) =>
      eq.pods.map((p) => ({ pod: podKey(p), reasons: reasonsMessage(reasons[i] ?? new Map()) })),
    );
  const noScaleUp = (override?: string): ScaleUpResult => {
    const nt = notTriggered().map((n) => (override === undefined ? n : { ...n, reasons: [override] }));
    return {
      scaleUps: [],
      notTriggered: nt,
      events: nt.map((n) => ({
        type: "Normal" as const,
        reason: "NotTriggerScaleUp",
        message: `pod didn't trigger scale-up: ${n.reasons.join(", ")}`,
        object: n.pod,
      })),
    };
  };
  if (options.length === 0) return noScaleUp();
  const nodeInfos: NodeInfos = new Map(input.groups.map((g) => [g.group.id, g.template]));
  const expander = buildExpander(cfg.expanders, {
    rng: { next: input.rng },
    price: {
      pricing: pricingModel(input.groups),
      preferredNode: simplePreferredNode(input.currentNodeCount),
      now,
    },
  });
  if (expander instanceof Error) throw expander;
  const best = expander(options, nodeInfos);
  if (best === undefined) return noScaleUp();
  const chosen = input.groups.find((g) => g.group.id === best.nodeGroupId) as ObservedNodeGroup;
  // orchestrator.go: cap by --max-nodes-total (including upcoming nodes), then by resource totals.
  const capped = getCappedNewNodeCount(best.nodeCount, input.currentNodeCount, cfg.maxNodesTotal);
  const capEvents: CaEvent[] =
    capped instanceof Error || capped < best.nodeCount
      ? [
          {
            type: "Warning",
            reason: "MaxNodesTotalReached",
            message: `Max total nodes in cluster reached: ${cfg.maxNodesTotal}`,
            object: "configmap/kube-system/cluster-autoscaler-status",
          },
        ]
      : [];
  if (capped instanceof Error) {
    // ScaleUpError: the eventing processor emits no per-pod events for an errored scale-up.
    const nt = noScaleUp("max total nodes in cluster reached").notTriggered;
    return { scaleUps: [], notTriggered: nt, events: capEvents };
  }
  const newNodes = capByResourceLimits(capped, chosen.template.node, tracker);
  if (newNodes < 1) return noScaleUp();
  // Balance over similar groups (balancing_processor.go), else the chosen group up to its max.
  let targets: NodeGroup[] = [chosen.group];
  if (cfg.balanceSimilarNodeGroups) {
    const similar = input.groups.filter(
      (g) =>
        g.group.id !== chosen.group.id &&
        !input.isBackedOff(g.group.id) &&
        similarTemplates(g.template.node, chosen.template.node) &&
        best.pods.every((p) => rejectReasons(g, p) === undefined),
    );
    targets = [chosen.group, ...similar.map((g) => g.group)];
  }
  const infos =
    targets.length > 1
      ? balanceScaleUpBetweenGroups(targets, newNodes)
      : [
          {
            groupId: chosen.group.id,
            currentSize: chosen.group.targetSize,
            newSize: chosen.group.targetSize + capByGroupMax(chosen.group, newNodes),
            maxSize: chosen.group.maxSize,
          },
        ];
  if (infos instanceof Error || infos.length === 0 || infos.every((i) => i.newSize === i.currentSize))
    return noScaleUp();
  const message = `pod triggered scale-up: [${infos
    .map((i) => `{${i.groupId} ${i.currentSize}->${i.newSize} (max: ${i.maxSize})}`)
    .join(" ")}]`;
  return {
    scaleUps: infos.map((i) => ({ group: i.groupId, delta: i.newSize - i.currentSize, reason: message })),
    notTriggered: [],
    events: [
      ...capEvents,
      ...best.pods.map((p) => ({
        type: "Normal" as const,
        reason: "TriggeredScaleUp",
        message,
        object: podKey(p),
      })),
    ],
  };
}
