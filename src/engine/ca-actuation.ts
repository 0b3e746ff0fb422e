/**
 * The cluster autoscaler in the cluster phase (cluster-phase.ts, phase 3): its loop at t = k * scan interval
 * (runOnce on the registered nodes, bound and Pending pods, skipping the loops that provably decide nothing new)
 * and the actuation of each decision on the nodes (cluster-nodes.ts): scale-ups add nodes (provisioning and
 * startup-to-Ready delays drawn from the run's rng), timeouts drop the nodes that never registered, scale-downs
 * taint the node and, after --node-delete-delay-after-taint (actuator.go deleteNodesAsync sleeps before
 * draining), evict its pods (the ReplicaSet recreates them as new Pending pods) and remove it after the drain.
 * It also owns the node groups' target sizes, the scale-up and scale-down counts and the autoscaler's events.
 */

import { newSimNode, nodeName, type SimNode, sampleDelaySeconds } from "../cluster/node-groups.js";
import type { SimPod } from "../cluster/sim-pod.js";
import type { CaEvent, CaState } from "../cluster-autoscaler/cluster-state.js";
import { INITIAL_CA_STATE, recordScaleDownFailure, runOnce } from "../cluster-autoscaler/controller.js";
import { nextLoopThatCanAct, sameCaState } from "../cluster-autoscaler/skip-loops.js";
import { NO_SOFT_TAINT_CHANGES } from "../cluster-autoscaler/soft-taints.js";
import type { RunEvent } from "../results/types.js";
import {
  buildCaObservation,
  matchesObservationKey,
  type ObservationSource,
  observationKey,
} from "./ca-observation.js";
import { ObservationStamp } from "./ca-observation-stamp.js";
import type { ClusterNodes } from "./cluster-nodes.js";
import { eventObject } from "./cluster-pod-requests.js";
import type { DisruptionBudgets } from "./disruption-budgets.js";
import { NodeDrains } from "./node-drains.js";
import type { WorkloadShape } from "./pod-shapes.js";
import type { Rng } from "./rng.js";
import type { ClusterInputs } from "./run-inputs.js";
import { applySoftTaints } from "./soft-taint-nodes.js";

/**
 * Loops run and skipped since the process started, and the skips decided by the stamp alone (diagnostics for
 * benchmarks and tests). With `verifyStamps` (tests), every skip the stamp decides also walks the key and throws
 * if it differs.
 */
export const caLoopStats = { run: 0, skipped: 0, stampSkips: 0, verifyStamps: false };

export class CaActuation {
  private readonly targetSize: number[];
  private readonly ordinal: number[];
  readonly scaleUps: Record<string, number> = {};
  readonly scaleDowns: Record<string, number> = {};
  /** Tainted nodes waiting for their drain, and drains retrying refused evictions. */
  private readonly drains: NodeDrains;
  private readonly lastEvent = new Map<string, string>();
  private caState: CaState = INITIAL_CA_STATE;
  /** Loop skipping: on unless the inputs say `caLoopSkipping: false`, or PodDisruptionBudgets are in play. */
  private skipping: boolean;
  /** The run's PodDisruptionBudgets (their status is read at every loop), or null. */
  private budgets: DisruptionBudgets | null = null;
  /** Loops before this time whose observation key equals {@link skipKey} are skipped (see loop). */
  private skipUntil = Number.NEGATIVE_INFINITY;
  private skipKey: readonly unknown[] = [];
  /** When {@link skipKey} holds without walking it (ca-observation-stamp.ts). */
  private readonly stamp: ObservationStamp;
  /** The time of the next loop. */
  nextLoop = 0;

  constructor(
    private readonly cluster: ClusterInputs,
    private readonly state: ClusterNodes,
    private readonly shapes: readonly WorkloadShape[],
    private readonly pending: {
      readonly unschedulableSince: ReadonlyMap<SimPod, number>;
      readonly unschedulableVersion: number;
    },
    private readonly rng: Rng,
    private readonly emit: (e: RunEvent) => void,
  ) {
    this.targetSize = state.groups.map(() => 0);
    this.ordinal = state.groups.map(() => 0);
    this.skipping = cluster.caLoopSkipping !== false;
    this.drains = new NodeDrains(cluster.ca.maxPodEvictionTimeSeconds, state, shapes, emit);
    this.stamp = new ObservationStamp({ nodes: state, shapes, pending });
  }

  /** Seconds between autoscaler loops. */
  private get interval(): number {
    return this.cluster.caScanIntervalSeconds;
  }

  /** The initial nodes count in their groups' target sizes; the first loop is the first at or after `start`. */
  start(start: number): void {
    for (const n of this.state.nodes) {
      const i = this.state.groupIndex.get(n.group);
      if (i === undefined) continue;
      this.targetSize[i] = (this.targetSize[i] as number) + 1;
      this.ordinal[i] = (this.ordinal[i] as number) + 1;
    }
    this.nextLoop = Math.max(0, Math.ceil(start / this.interval) * this.interval);
  }

  private observationSource(t: number): ObservationSource {
    return {
      t,
      nodes: this.state.nodes,
      groups: this.state.groups,
      groupIndex: this.state.groupIndex,
      targetSize: this.targetSize,
      workloads: this.shapes,
      nodeOf: this.state.nodeOf,
      unschedulableSince: this.pending.unschedulableSince,
    };
  }

  /**
   * One autoscaler loop (then the next is one interval later); true when pods were evicted (the ReplicaSet
   * must recreate them).
   *
   * Skipping (exact). After a loop at t0 that
   *   - changed nothing in the CA state (sameCaState: content and map order),
   *   - decided no scale-up, timeout or scale-down (so the engine changed nothing either),
   *   - drew nothing from the run's rng,
   *   - emitted only events that are now suppressed as repeats (each event's message is the last recorded
   *     for its object and reason, so emitting the list again records nothing),
   * a loop at t < nextLoopThatCanAct(state, observation, cfg, t0) on an observation with the same key
   * (observationKey: everything buildCaObservation reads, so the observation is equal) would, by the claim
   * in src/cluster-autoscaler/skip-loops.ts, return an equal state and the same events and no action, and
   * draw nothing from the rng. Running it would therefore record nothing and change nothing, so it is
   * skipped; by induction so are the following loops under the same conditions. CaState holds no
   * per-loop bookkeeping (no "last loop time"), so nothing needs advancing. Any change of the observation
   * (pods created, bound, Running, deleted or gone, nodes registered, Ready, tainted or removed, target
   * sizes) changes the key and the loop runs. While the counters of what the key reads stay and no node time
   * is reached (ca-observation-stamp.ts), the key is known equal without walking it.
   */
  /**
   * The drain rules see these budgets from now on. Their status follows pod readiness and spec.replicas, which
   * the observation key does not read, so loops are no longer skipped.
   */
  useBudgets(budgets: DisruptionBudgets): void {
    this.budgets = budgets;
    this.skipping = false;
  }

  loop(t: number): boolean {
    const evicted = this.autoscale(t);
    this.nextLoop += this.interval;
    return evicted;
  }

  private autoscale(t: number): boolean {
    const cfg = this.cluster.ca;
    const src = this.observationSource(t);
    let key: unknown[] | undefined;
    if (this.skipping) {
      if (t < this.skipUntil) {
        if (this.stamp.holds(t)) {
          if (caLoopStats.verifyStamps && !matchesObservationKey(src, this.skipKey))
            throw new Error(`cluster autoscaler loop at ${t}: the stamp holds but the observation changed`);
          caLoopStats.skipped++;
          caLoopStats.stampSkips++;
          return false;
        }
        if (matchesObservationKey(src, this.skipKey)) {
          this.stamp.set(t); // the same key seen at t: it holds from here while the counters stay
          caLoopStats.skipped++;
          return false;
        }
      }
      this.skipUntil = Number.NEGATIVE_INFINITY;
      this.stamp.clear();
      key = observationKey(src);
    }
    caLoopStats.run++;
    const obs = buildCaObservation(src);
    const state0 = this.caState;
    let draws = 0;
    const extras = this.budgets === null ? {} : { pdbs: this.budgets.forAutoscaler(t) };
    const rng = () => {
      draws++;
      return this.rng.next();
    };
    const { state, decision } = runOnce(state0, obs, cfg, t, rng, extras);
    this.caState = state;
    for (const e of decision.events) this.caEvent(t, e);
    if (
      key !== undefined &&
      draws === 0 &&
      decision.scaleUps.length === 0 &&
      decision.scaleUpTimeouts.length === 0 &&
      decision.scaleDowns.length === 0 &&
      decision.softTaints === NO_SOFT_TAINT_CHANGES &&
      decision.events.every((e) => this.isRepeat(e)) &&
      sameCaState(state0, state)
    ) {
      this.skipUntil = nextLoopThatCanAct(state, obs, cfg, t);
      this.skipKey = key;
      this.stamp.set(t);
    }
    const s = this.state;
    applySoftTaints(s, decision.softTaints, t);
    for (const to of decision.scaleUpTimeouts) {
      const i = s.groupIndex.get(to.group);
      if (i === undefined) continue;
      this.targetSize[i] = (this.targetSize[i] as number) - to.delta;
      // the nodes that never registered are given up, latest first
      let left = to.delta;
      for (let k = s.nodes.length - 1; k >= 0 && left > 0; k--) {
        const n = s.nodes[k] as SimNode;
        if (n.group === to.group && n.createdAt > t) {
          s.nodes.splice(k, 1);
          s.timesChanged();
          left--;
        }
      }
    }
    const random = () => this.rng.next();
    for (const su of decision.scaleUps) {
      const i = s.groupIndex.get(su.group);
      const g = i === undefined ? undefined : s.groups[i];
      if (i === undefined || g === undefined) continue;
      const before = this.targetSize[i] as number;
      this.targetSize[i] = before + su.delta;
      this.scaleUps[g.name] = (this.scaleUps[g.name] ?? 0) + 1;
      this.caEvent(t, {
        type: "Normal",
        reason: "ScaledUpGroup",
        message: `Scale-up: setting group ${g.name} size to ${before + su.delta} instead of ${before} (max: ${g.maxSize})`,
        object: "configmap/kube-system/cluster-autoscaler-status",
      });
      for (let k = 0; k < su.delta; k++) {
        const provision = sampleDelaySeconds(g.provisioningDelaySeconds, random);
        const toReady = sampleDelaySeconds(g.startupToReadySeconds, random);
        this.ordinal[i] = (this.ordinal[i] as number) + 1;
        let name = nodeName(g.name, this.ordinal[i] as number);
        while (s.nodes.some((n) => n.name === name)) {
          this.ordinal[i] = (this.ordinal[i] as number) + 1;
          name = nodeName(g.name, this.ordinal[i] as number);
        }
        s.nodes.push(newSimNode(g, name, { createdAt: t + provision, readyAt: t + provision + toReady }));
        s.timesChanged();
        if (provision === 0) s.generation++;
      }
    }
    const delay = cfg.nodeDeleteDelayAfterTaintSeconds;
    let evicted = false;
    for (const sd of decision.scaleDowns) {
      const k = s.nodes.findIndex((n) => n.name === sd.node);
      const i = s.groupIndex.get(sd.group);
      if (k < 0 || i === undefined) continue;
      // tainted now; drained (or deleted, if empty) after the delay; goneAt is raised by the drain
      s.nodes[k] = { ...(s.nodes[k] as SimNode), deletingAt: t, goneAt: t + Math.max(0, delay) };
      s.timesChanged();
      this.drains.schedule(sd.node, t + Math.max(0, delay));
      this.targetSize[i] = (this.targetSize[i] as number) - 1;
      this.scaleDowns[sd.group] = (this.scaleDowns[sd.group] ?? 0) + 1;
      s.generation++;
    }
    if (delay <= 0) evicted = this.drain(t);
    return evicted;
  }

  /** The next drain attempt (a drain start, or a retry of refused evictions). */
  nextDrain(): number {
    return this.drains.nextAttempt();
  }

  /**
   * Drains the tainted nodes whose delay after the taint ends at or before t, and retries the refused evictions
   * due (node-drains.ts). True when pods were evicted.
   */
  drain(t: number): boolean {
    return this.drains.run(t, this.budgets, (node, now) => {
      // the node stays: back in its group's target size, not counted as removed; the autoscaler records it
      const i = this.state.groupIndex.get(node.group);
      if (i !== undefined) {
        this.targetSize[i] = (this.targetSize[i] as number) + 1;
        this.scaleDowns[node.group] = (this.scaleDowns[node.group] ?? 1) - 1;
      }
      this.caState = recordScaleDownFailure(this.caState, node.name, now);
    });
  }

  /** Recording the event now would be skipped as a repeat. */
  private isRepeat(e: CaEvent): boolean {
    return this.lastEvent.get(`${eventObject(e.object)}|${e.reason}`) === e.message;
  }

  /** Records an autoscaler event, skipping a repeat of the same object, reason and message. */
  private caEvent(t: number, e: CaEvent): void {
    const object = eventObject(e.object);
    const key = `${object}|${e.reason}`;
    if (this.lastEvent.get(key) === e.message) return;
    this.lastEvent.set(key, e.message);
    this.emit({ t, type: e.type, reason: e.reason, message: e.message, object });
  }
}
