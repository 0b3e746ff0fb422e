/**
 * Cluster autoscaler flags with their upstream defaults (mirrors cluster-autoscaler-1.36.1
 * config/flags/flags.go and config/const.go). Durations are seconds, memory bytes, CPU whole cores.
 */

/** The expanders upstream knows (expander/expander.go). */
export type ExpanderName = "random" | "most-pods" | "least-waste" | "least-nodes" | "price" | "priority";

export interface CaConfig {
  /** --scan-interval: 10 s between loops. */
  readonly scanIntervalSeconds: number;
  /** --frequent-loops-enabled: true since 1.35 (next loop immediately after a scale-up / deletion). */
  readonly frequentLoopsEnabled: boolean;
  /** --max-nodes-total: 0 = unlimited. */
  readonly maxNodesTotal: number;
  /** --cores-total min:max, whole cores of node capacity: 0:320000. */
  readonly minCoresTotal: number;
  readonly maxCoresTotal: number;
  /** --memory-total min:max, given in GiB and multiplied by 2^30: 0:6400000 GiB. */
  readonly minMemoryTotalBytes: number;
  readonly maxMemoryTotalBytes: number;
  /** --expander: least-waste (a list is applied as a chain; ties broken randomly). */
  readonly expanders: readonly ExpanderName[];
  /** --max-nodes-per-scaleup: 1000. */
  readonly maxNodesPerScaleUp: number;
  /** --max-nodegroup-binpacking-duration: 10 s per node group estimation. */
  readonly maxNodeGroupBinpackingDurationSeconds: number;
  /** --max-binpacking-time: 5 min for a whole scale-up computation. */
  readonly maxBinpackingTimeSeconds: number;
  /** --fastpath-binpacking-enabled: false. */
  readonly fastpathBinpackingEnabled: boolean;
  /** --new-pod-scale-up-delay: 0 s (per pod: annotation cluster-autoscaler.kubernetes.io/pod-scale-up-delay). */
  readonly newPodScaleUpDelaySeconds: number;
  /** Hard-coded in static_autoscaler.go: skip scale-up while all pending pods are younger than 2 s (30 s with GPUs). */
  readonly allPodsNewBufferSeconds: number;
  readonly allPodsNewBufferGpuSeconds: number;
  /** --max-node-provision-time: 15 min. */
  readonly maxNodeProvisionTimeSeconds: number;
  /** --max-node-startup-time: 15 min. */
  readonly maxNodeStartupTimeSeconds: number;
  /** --initial-node-group-backoff-duration: 5 min. */
  readonly initialNodeGroupBackoffSeconds: number;
  /** --max-node-group-backoff-duration: 30 min. */
  readonly maxNodeGroupBackoffSeconds: number;
  /** --node-group-backoff-reset-timeout: 3 h. */
  readonly nodeGroupBackoffResetSeconds: number;
  /** --balance-similar-node-groups: false. */
  readonly balanceSimilarNodeGroups: boolean;
  /** --scale-down-enabled: true. */
  readonly scaleDownEnabled: boolean;
  /** --scale-down-delay-after-add: 10 min. */
  readonly scaleDownDelayAfterAddSeconds: number;
  /** --scale-down-delay-after-delete: 0 s. */
  readonly scaleDownDelayAfterDeleteSeconds: number;
  /** --scale-down-delay-after-failure: 3 min. */
  readonly scaleDownDelayAfterFailureSeconds: number;
  /** --scale-down-unneeded-time: 10 min. */
  readonly scaleDownUnneededTimeSeconds: number;
  /** --scale-down-unready-time: 20 min. */
  readonly scaleDownUnreadyTimeSeconds: number;
  /** --scale-down-unready-enabled: true. */
  readonly scaleDownUnreadyEnabled: boolean;
  /** --scale-down-utilization-threshold: 0.5 (a node at or below is a candidate). */
  readonly scaleDownUtilizationThreshold: number;
  /** --scale-down-gpu-utilization-threshold: 0.5. */
  readonly scaleDownGpuUtilizationThreshold: number;
  /** --scale-down-simulation-timeout: 30 s. */
  readonly scaleDownSimulationTimeoutSeconds: number;
  /** --unremovable-node-recheck-timeout: 5 min. */
  readonly unremovableNodeRecheckTimeoutSeconds: number;
  /** --max-scale-down-parallelism: 10. */
  readonly maxScaleDownParallelism: number;
  /** --max-drain-parallelism: 1. */
  readonly maxDrainParallelism: number;
  /** --max-graceful-termination-sec: 600. */
  readonly maxGracefulTerminationSeconds: number;
  /** --max-pod-eviction-time: 2 min. */
  readonly maxPodEvictionTimeSeconds: number;
  /** --node-delete-delay-after-taint: 5 s. */
  readonly nodeDeleteDelayAfterTaintSeconds: number;
  /**
   * --max-bulk-soft-taint-count: 10 (soft taints added or removed per loop; 0 turns them off). The time budget
   * (--max-bulk-soft-taint-time, 3 s) is not reached in the model: API calls take no time.
   */
  readonly maxBulkSoftTaintCount: number;
  /** --skip-nodes-with-system-pods: true. */
  readonly skipNodesWithSystemPods: boolean;
  /** --skip-nodes-with-local-storage: true. */
  readonly skipNodesWithLocalStorage: boolean;
  /** --skip-nodes-with-custom-controller-pods: true. */
  readonly skipNodesWithCustomControllerPods: boolean;
  /** --min-replica-count: 0. */
  readonly minReplicaCount: number;
  /** --blocking-system-pod-distruption-timeout: 1 h. */
  readonly blockingSystemPodDisruptionTimeoutSeconds: number;
  /** --expendable-pods-priority-cutoff: -10 (pods below it neither trigger scale-up nor block scale-down). */
  readonly expendablePodsPriorityCutoff: number;
  /** --ignore-daemonsets-utilization: false. */
  readonly ignoreDaemonSetsUtilization: boolean;
  /** --ignore-mirror-pods-utilization: false. */
  readonly ignoreMirrorPodsUtilization: boolean;
  /** --max-total-unready-percentage: 45. */
  readonly maxTotalUnreadyPercentage: number;
  /** --ok-total-unready-count: 3. */
  readonly okTotalUnreadyCount: number;
  /** --enforce-node-group-min-size: false. */
  readonly enforceNodeGroupMinSize: boolean;
}

const GIB = 1024 ** 3;

/** config/const.go DefaultMaxClusterCores = 5000 * 64. */
export const DEFAULT_MAX_CLUSTER_CORES = 5000 * 64;
/** config/const.go DefaultMaxClusterMemory = 5000 * 64 * 20 (GiB). */
export const DEFAULT_MAX_CLUSTER_MEMORY_GIB = 5000 * 64 * 20;

/** Every flag at its upstream default. */
export const DEFAULT_CA_CONFIG: CaConfig = {
  scanIntervalSeconds: 10,
  frequentLoopsEnabled: true,
  maxNodesTotal: 0,
  minCoresTotal: 0,
  maxCoresTotal: DEFAULT_MAX_CLUSTER_CORES,
  minMemoryTotalBytes: 0,
  maxMemoryTotalBytes: DEFAULT_MAX_CLUSTER_MEMORY_GIB * GIB,
  expanders: ["least-waste"],
  maxNodesPerScaleUp: 1000,
  maxNodeGroupBinpackingDurationSeconds: 10,
  maxBinpackingTimeSeconds: 300,
  fastpathBinpackingEnabled: false,
  newPodScaleUpDelaySeconds: 0,
  allPodsNewBufferSeconds: 2,
  allPodsNewBufferGpuSeconds: 30,
  maxNodeProvisionTimeSeconds: 900,
  maxNodeStartupTimeSeconds: 900,
  initialNodeGroupBackoffSeconds: 300,
  maxNodeGroupBackoffSeconds: 1800,
  nodeGroupBackoffResetSeconds: 10800,
  balanceSimilarNodeGroups: false,
  scaleDownEnabled: true,
  scaleDownDelayAfterAddSeconds: 600,
  scaleDownDelayAfterDeleteSeconds: 0,
  scaleDownDelayAfterFailureSeconds: 180,
  scaleDownUnneededTimeSeconds: 600,
  scaleDownUnreadyTimeSeconds: 1200,
  scaleDownUnreadyEnabled: true,
  scaleDownUtilizationThreshold: 0.5,
  scaleDownGpuUtilizationThreshold: 0.5,
  scaleDownSimulationTimeoutSeconds: 30,
  unremovableNodeRecheckTimeoutSeconds: 300,
  maxScaleDownParallelism: 10,
  maxDrainParallelism: 1,
  maxGracefulTerminationSeconds: 600,
  maxPodEvictionTimeSeconds: 120,
  nodeDeleteDelayAfterTaintSeconds: 5,
  maxBulkSoftTaintCount: 10,
  skipNodesWithSystemPods: true,
  skipNodesWithLocalStorage: true,
  skipNodesWithCustomControllerPods: true,
  minReplicaCount: 0,
  blockingSystemPodDisruptionTimeoutSeconds: 3600,
  expendablePodsPriorityCutoff: -10,
  ignoreDaemonSetsUtilization: false,
  ignoreMirrorPodsUtilization: false,
  maxTotalUnreadyPercentage: 45,
  okTotalUnreadyCount: 3,
  enforceNodeGroupMinSize: false,
};
