/**
 * Conformance runners for the estimator kinds of ../shared/conformance/ca/ca.json (FORMAT-vpa-ca.md):
 * ca.binpacking, ca.binpackingFastpathChoice, ca.podOrderer, ca.clusterCapacityThreshold,
 * ca.sngCapacityThreshold, ca.estimationLimiter, ca.minLimit.
 */
import { estimate } from "../cluster-autoscaler/binpacking-estimator.js";
import { ClusterSnapshot } from "../cluster-autoscaler/cluster-snapshot.js";
import {
  clusterCapacityThreshold,
  type EstimationContext,
  getMinLimit,
  sngCapacityNodeLimit,
  staticThreshold,
  type Threshold,
  ThresholdBasedEstimationLimiter,
} from "../cluster-autoscaler/estimation-limiter.js";
import { determineBestPEGToFastpath } from "../cluster-autoscaler/fastpath-choice.js";
import { orderPodGroups } from "../cluster-autoscaler/pod-orderer.js";
import {
  LABEL_HOSTNAME,
  LABEL_ZONE,
  type Node,
  type NodeGroup,
  type NodeTemplate,
  type Pod,
  type PodEquivalenceGroup,
  type TopologySpreadConstraint,
} from "../cluster-autoscaler/types.js";

interface VectorNode {
  readonly name?: string;
  readonly cpuMilli: number;
  readonly memBytes: number;
  readonly maxPods: number;
  readonly zone: string;
}

interface VectorSpread {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly minDomains?: number;
  readonly whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
  readonly selector: Record<string, string>;
}

interface BinpackingInput {
  readonly template: VectorNode;
  readonly existingSnapshotNodes: readonly VectorNode[];
  readonly maxNodes: number;
  readonly podGroups: readonly {
    readonly id: string;
    readonly count: number;
    readonly pod: {
      readonly cpuMilli: number;
      readonly memBytes: number;
      readonly labels?: Record<string, string>;
      readonly hostPort?: number;
      readonly topologySpread?: VectorSpread;
    };
  }[];
}

/** makeNode of binpacking_estimator_test.go: hostname and zone labels, allocatable = capacity. */
function vectorNode(n: VectorNode, name: string): Node {
  const r = { cpuMilli: n.cpuMilli, memBytes: n.memBytes, pods: n.maxPods };
  return { name, labels: { [LABEL_HOSTNAME]: name, [LABEL_ZONE]: n.zone }, allocatable: r, capacity: r };
}

function spread(s: VectorSpread): TopologySpreadConstraint {
  return {
    maxSkew: s.maxSkew,
    topologyKey: s.topologyKey,
    whenUnsatisfiable: s.whenUnsatisfiable,
    selector: s.selector,
    ...(s.minDomains === undefined ? {} : { minDomains: s.minDomains }),
  };
}

function runBinpacking(input: BinpackingInput): Record<string, unknown> {
  const template: NodeTemplate = { node: vectorNode(input.template, "template") };
  const snapshot = ClusterSnapshot.of(
    input.existingSnapshotNodes.map((n, i) => vectorNode(n, n.name ?? `node-${i}`)),
  );
  const groupOf = new Map<Pod, string>();
  const groups: PodEquivalenceGroup[] = input.podGroups.map((g) => {
    const p = g.pod;
    const pod: Pod = {
      name: `estimatee-${g.id}`,
      namespace: "universe",
      labels: p.labels ?? {},
      containers: [{ cpuMilli: p.cpuMilli, memBytes: p.memBytes }],
      ...(p.hostPort === undefined ? {} : { hostPorts: [p.hostPort] }),
      ...(p.topologySpread === undefined ? {} : { topologySpread: [spread(p.topologySpread)] }),
    };
    groupOf.set(pod, g.id);
    // Upstream's group repeats one pod object `count` times.
    return { pods: Array.from({ length: g.count }, () => pod) };
  });
  const limiter = new ThresholdBasedEstimationLimiter([staticThreshold(input.maxNodes, 0)]);
  const r = estimate(groups, template, snapshot, limiter, 0);
  const byGroup: Record<string, number> = {};
  for (const g of input.podGroups) byGroup[g.id] = 0;
  for (const p of r.scheduledPods) {
    const id = groupOf.get(p) as string;
    byGroup[id] = (byGroup[id] ?? 0) + 1;
  }
  return { nodeCount: r.nodeCount, scheduledPods: r.scheduledPods.length, scheduledPodsByGroup: byGroup };
}

interface FastpathInput {
  readonly template: { readonly cpuCapacityMilli: number; readonly memCapacityBytes: number };
  readonly podGroups: readonly {
    readonly cpuMilli: number;
    readonly memBytes: number;
    readonly count: number;
    readonly hostnameSpreadMaxSkew?: number;
    readonly noRequests?: boolean;
  }[];
}

function runFastpathChoice(input: FastpathInput): Record<string, unknown> {
  const cap = {
    cpuMilli: input.template.cpuCapacityMilli,
    memBytes: input.template.memCapacityBytes,
    pods: 10,
  };
  const template: NodeTemplate = { node: { name: "oldnode", allocatable: cap, capacity: cap } };
  const groups = input.podGroups.map((g, i): PodEquivalenceGroup => {
    const pod: Pod = {
      name: `estimatee${i + 1}`,
      namespace: "default",
      containers: g.noRequests === true ? [] : [{ cpuMilli: g.cpuMilli, memBytes: g.memBytes }],
      ...(g.hostnameSpreadMaxSkew === undefined
        ? {}
        : {
            topologySpread: [
              {
                maxSkew: g.hostnameSpreadMaxSkew,
                topologyKey: LABEL_HOSTNAME,
                whenUnsatisfiable: "DoNotSchedule",
                selector: { app: "estimatee" },
                minDomains: 1,
              },
            ],
          }),
    };
    return { pods: Array.from({ length: g.count }, () => pod) };
  });
  return { bestIndex: determineBestPEGToFastpath(groups, template) };
}

interface PodOrdererInput {
  readonly template: { readonly allocCpuMilli: number; readonly allocMemBytes: number };
  readonly groups: Readonly<Record<string, { readonly cpuMilli: number; readonly memBytes: number }>>;
  readonly orders: readonly (readonly string[])[];
}

function runPodOrderer(input: PodOrdererInput): Record<string, unknown> {
  const alloc = { cpuMilli: input.template.allocCpuMilli, memBytes: input.template.allocMemBytes, pods: 110 };
  const template: NodeTemplate = { node: { name: "template", allocatable: alloc } };
  const names = new Map<PodEquivalenceGroup, string>();
  const groups = new Map<string, PodEquivalenceGroup>();
  for (const [name, r] of Object.entries(input.groups)) {
    const g = {
      pods: [{ name, namespace: "default", containers: [{ cpuMilli: r.cpuMilli, memBytes: r.memBytes }] }],
    };
    names.set(g, name);
    groups.set(name, g);
  }
  const results = input.orders.map((order) =>
    orderPodGroups(
      order.map((n) => groups.get(n) as PodEquivalenceGroup),
      template,
    ).map((g) => names.get(g)),
  );
  return { results };
}

function ctxOf(
  maxNodesTotal: number,
  currentNodes: number,
  similar: readonly NodeGroup[] = [],
): EstimationContext {
  return { clusterMaxNodeLimit: maxNodesTotal, currentNodeCount: currentNodes, similarNodeGroups: similar };
}

function runClusterCapacityThreshold(input: {
  readonly cases: readonly { readonly maxNodesTotal: number; readonly currentNodes: number }[];
}): Record<string, unknown> {
  const ctxs = input.cases.map((c) => ctxOf(c.maxNodesTotal, c.currentNodes));
  return {
    nodeLimit: ctxs.map((ctx) => clusterCapacityThreshold.nodeLimit(undefined, ctx)),
    durationLimit: clusterCapacityThreshold.durationLimit(undefined, ctxs[0]),
  };
}

interface SizeMax {
  readonly max: number;
  readonly target: number;
}

function runSngCapacityThreshold(input: {
  readonly cases: readonly { readonly current: SizeMax; readonly similar: readonly SizeMax[] }[];
}): Record<string, unknown> {
  const group = (s: SizeMax, id: string): NodeGroup => ({
    id,
    minSize: 0,
    maxSize: s.max,
    targetSize: s.target,
  });
  return {
    nodeLimit: input.cases.map((c) =>
      sngCapacityNodeLimit(
        group(c.current, "current"),
        ctxOf(
          0,
          0,
          c.similar.map((s, i) => group(s, `similar-${i}`)),
        ),
      ),
    ),
  };
}

interface LimiterInput {
  readonly thresholds: readonly (
    | { readonly maxNodes: number; readonly maxDurationSeconds: number }
    | { readonly nodeLimitPerStart: readonly number[]; readonly maxDurationSeconds: number }
  )[];
  readonly startElapsedSeconds: number;
  readonly ops: readonly { readonly op: "permission" | "reset" }[];
}

/** The first estimation starts `startElapsedSeconds` before the ops; a reset starts a new one at that time. */
function runEstimationLimiter(input: LimiterInput): Record<string, unknown> {
  const thresholds: Threshold[] = input.thresholds.map((t) => {
    if ("nodeLimitPerStart" in t) {
      let starts = 0;
      // A node limit re-read at every start (upstream's test-only dynamicThreshold).
      return {
        nodeLimit: () => t.nodeLimitPerStart[Math.min(starts++, t.nodeLimitPerStart.length - 1)] as number,
        durationLimit: () => t.maxDurationSeconds,
      };
    }
    return staticThreshold(t.maxNodes, t.maxDurationSeconds);
  });
  const limiter = new ThresholdBasedEstimationLimiter(thresholds);
  const now = input.startElapsedSeconds;
  limiter.startEstimation(undefined, undefined, 0);
  const opResults = input.ops.map((o) => {
    if (o.op === "reset") {
      limiter.endEstimation();
      limiter.startEstimation(undefined, undefined, now);
      return null;
    }
    return limiter.permissionToAddNode(now);
  });
  return { opResults, nodesCounted: limiter.nodes };
}

function runMinLimit(input: {
  readonly pairs: readonly (readonly [number, number])[];
}): Record<string, unknown> {
  return { results: input.pairs.map(([base, target]) => getMinLimit(base, target)) };
}

export const ESTIMATOR_RUNNERS: Record<string, (input: never) => Record<string, unknown>> = {
  "ca.binpacking": runBinpacking,
  "ca.binpackingFastpathChoice": runFastpathChoice,
  "ca.podOrderer": runPodOrderer,
  "ca.clusterCapacityThreshold": runClusterCapacityThreshold,
  "ca.sngCapacityThreshold": runSngCapacityThreshold,
  "ca.estimationLimiter": runEstimationLimiter,
  "ca.minLimit": runMinLimit,
};
