/**
 * Applies the cluster autoscaler's soft-taint changes (cluster-autoscaler/soft-taints.ts) to the simulated nodes:
 * the `DeletionCandidateOfClusterAutoscaler` PreferNoSchedule taint (its value the Unix time it was set, as
 * utils/taints MarkDeletionCandidate writes it) is appended to or dropped from a node's taints. A new taints
 * list replaces the old one, so the autoscaler's observation key sees the change.
 */
import type { SimNode, Taint } from "../cluster/node-groups.js";
import { DELETION_CANDIDATE_TAINT, type SoftTaintChanges } from "../cluster-autoscaler/soft-taints.js";
import type { ClusterNodes } from "./cluster-nodes.js";

export function applySoftTaints(state: ClusterNodes, changes: SoftTaintChanges, t: number): void {
  if (changes.add.length === 0 && changes.remove.length === 0) return;
  const taint: Taint = { key: DELETION_CANDIDATE_TAINT, value: String(t), effect: "PreferNoSchedule" };
  const adding = new Set(changes.add);
  const removing = new Set(changes.remove);
  for (let k = 0; k < state.nodes.length; k++) {
    const n = state.nodes[k] as SimNode;
    if (adding.has(n.name)) state.nodes[k] = { ...n, taints: [...n.taints, taint] };
    else if (removing.has(n.name))
      state.nodes[k] = { ...n, taints: n.taints.filter((x) => x.key !== DELETION_CANDIDATE_TAINT) };
  }
  state.timesChanged();
}
