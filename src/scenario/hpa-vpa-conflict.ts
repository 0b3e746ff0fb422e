/**
 * The HPA x VPA fight: an HPA scaling on cpu or memory *utilization* (usage / request) and a VPA in an
 * evicting mode changing the requests of the same pods. Every VPA update moves the utilization the HPA divides
 * by, so the two chase each other (the upstream VPA docs warn against it). Said before the replay.
 */

import type { WorkloadTarget } from "../engine/run-inputs.js";
import type { HorizontalPodAutoscaler } from "../hpa/api-types.js";
import type { VpaManifest } from "./vpa-manifest.js";

/** VPA modes that change the requests of running workloads (Off and Initial leave running pods alone). */
const ACTING_MODES = new Set(["Auto", "Recreate", "InPlaceOrRecreate", "InPlace"]);

/** The resources a VPA controls for a container (its policy, else the `*` policy, else cpu and memory). */
function controlled(vpa: VpaManifest, container: string): readonly string[] {
  const policies = vpa.resourcePolicy?.containerPolicies ?? [];
  const p =
    policies.find((x) => x.containerName === container) ?? policies.find((x) => x.containerName === "*");
  if (p?.mode === "Off") return [];
  return p?.controlledResources ?? ["cpu", "memory"];
}

/** One warning per (VPA, resource) that fights the HPA on `target`; empty when there is no conflict. */
export function hpaVpaConflicts(
  hpa: HorizontalPodAutoscaler,
  target: WorkloadTarget,
  vpas: readonly VpaManifest[],
): string[] {
  const utilization = new Set<string>();
  for (const m of hpa.spec.metrics ?? []) {
    const src = m.resource ?? m.containerResource;
    if (
      src !== undefined &&
      src.target.averageUtilization !== undefined &&
      src.target.averageValue === undefined
    ) {
      utilization.add(src.name);
    }
  }
  const out: string[] = [];
  for (const vpa of vpas) {
    const ref = vpa.targetRef;
    if (ref.kind !== target.kind || ref.name !== target.name || vpa.namespace !== target.namespace) continue;
    if (!ACTING_MODES.has(vpa.effectiveUpdateMode)) continue;
    const resources = new Set(
      target.containers.filter((c) => c.init !== true).flatMap((c) => controlled(vpa, c.name)),
    );
    for (const r of [...utilization].filter((x) => resources.has(x)).sort()) {
      out.push(
        `VerticalPodAutoscaler ${vpa.namespace}/${vpa.name} (updateMode ${vpa.effectiveUpdateMode}) controls the ${r} requests of ` +
          `${target.kind}/${target.name}, which HorizontalPodAutoscaler ${hpa.metadata.namespace ?? "default"}/${hpa.metadata.name} ` +
          `scales on ${r} utilization: they fight (each VPA update changes the utilization the HPA sees). ` +
          `Scale the HPA on a custom or external metric, or set the VPA to Off/Initial or leave ${r} out of its controlledResources. ` +
          "The replay runs both: see the evictions (EvictedByVPA), the requests and the replicas over time.",
      );
    }
  }
  return out;
}
