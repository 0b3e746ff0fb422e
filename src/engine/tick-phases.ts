/**
 * The one documented order of what happens at a moment t of a replay (the engine visits only moments where
 * something can change: a trace sample, a scrape, an adapter sample, an HPA sync, a pod transition, a
 * recording time; between them everything is constant, so jumping is exact).
 *
 * 1. `integrate`    usage integrals advance over [previous moment, t) at the rates of that interval.
 * 2. `memory-fold`  sticky memory: the highest Ready-pod memory of that span is folded into the pods' peaks.
 * 3. `transitions`  pod transitions due at t take effect (bound, running, Ready, burst end, gone).
 * 4. `scrape`       metrics-server scrapes (t = offset + k * resolution): CPU rate since the pod's last
 *                   sample (exactly the Ready-pod rate for a pod Ready all through the window at rates set
 *                   before it), memory now; a scrape with the same pods and rates as a steady previous one
 *                   repeats it.
 * 5. `adapter`      Prometheus samples custom/external metrics (t = k * adapter interval).
 * 6. `hpa-sync`     the HPA reconciles (t = first sync + k * sync period) on what the APIs return at t; a sync
 *                   proved to repeat the previous one's decision (hpa/repeat-sync.ts) runs only its metric
 *                   computation and normalization (only the stabilization when it reads nothing new but the
 *                   clock: hpa-controller-run.ts; with the same proposal, a stabilization proved the same only
 *                   records it: controller-memory.ts), with the same result as the full reconcile.
 * 7. `replicaset`   the ReplicaSet/StatefulSet controller creates or deletes pods to match spec.replicas;
 *                   deleted pods leave the Service at once. Zero-delay transitions loop back to 3. The
 *                   StatefulSet controller also runs at every moment with pod transitions (it reacts to pod
 *                   events: OrderedReady creates the next pod once the previous is Ready and Available, and
 *                   deletes the next once the previous is gone).
 * 7b. `vpa`         with a VerticalPodAutoscaler (vpa-phase.ts): the recommender (t = k * 60 s, t >= 0) on the
 *                   pods, metrics-server's list and the OOM kills since its last loop, then the updater:
 *                   evicted pods are deleted and recreated at once (7), new pods get the recommendation from
 *                   the admission controller, in-place resizes apply at once.
 *    `cluster`      with a cluster model (cluster-phase.ts): nodes, scheduling, the cluster autoscaler loop.
 * 8. `load`         demand d(t) is split over the Ready pods: served, unserved, per-pod usage for [t, next).
 *                   A running container whose memory exceeds its limit is OOM-killed now (Workload.checkOom):
 *                   it leaves the Service and the rest of the demand is split again.
 * 9. `record`       summary integrals over [t, next) and timeline rows at recording times in it.
 *
 * Several workloads (RunInputs.otherWorkloads) go through phases 2-7b one after the other (the main one first),
 * then the cluster phase once for all, then 8-9 for each: within one second, pods created by an earlier
 * workload are queued for scheduling first.
 *
 * Quiet stretches (quiet-stretch.ts): with one workload and no node model, the moments before the next pod
 * transition and trace sample whose scrape repeats a steady one and whose HPA sync is a deferred quiet repeat run
 * only those two records and phase 9, in one loop (phase 8 sets nothing there); the moment of the next sample runs
 * its phases 2-7 there too. The result is the one the full round of phases gives (checked in tests).
 *
 * Warm start: the loop begins `warmupSeconds` before t = 0 with the demand held at d(0) and the initial pods
 * Ready, so metrics-server and the adapter have history when the first sync reads them; no HPA sync runs and
 * nothing is recorded before t = 0.
 */
export const TICK_PHASES = [
  "integrate",
  "memory-fold",
  "transitions",
  "scrape",
  "adapter",
  "hpa-sync",
  "replicaset",
  "vpa",
  "cluster",
  "load",
  "record",
] as const;
