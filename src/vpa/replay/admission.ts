/**
 * The VPA admission controller for a replay: the requests and limits a NEW pod of the target gets
 * (mirrors admission-controller/resource/pod/handler.go -> patch/resource_updates.go CalculatePatches).
 * A VPA in mode Off is not matched (resource/vpa/matcher.go GetMatchingVPA); every other mode
 * (Initial, Recreate, Auto, InPlaceOrRecreate, InPlace) sets requests to the capped target and, with
 * RequestsAndLimits, scales limits to keep the template's limit : request ratio. With no recommendation
 * yet, or for a container without one, the template is unchanged.
 */
import { RESOURCE_NAMES } from "../types.js";
import type { VpaReplayInput } from "./config.js";
import { applyResourcesUpdate, getContainersResourcesForPod } from "./container-resources.js";
import type { ContainerResourcesUpdate, TemplateContainer, VpaRecommendationSnapshot } from "./types.js";

/** The admitted pod's containers and what the admission controller recorded. */
export interface AdmissionResult {
  /** Every container of the template, in order, with the resources the pod is created with. */
  readonly containers: readonly TemplateContainer[];
  /** Whether any container got a patch. */
  readonly patched: boolean;
  /** The pod's `vpaUpdates` annotation ("Pod resources updated by web: container 0: cpu request, ..."); "" if none. */
  readonly updatesAnnotation: string;
}

/** "container i: <annotations>, cpu request, memory request, cpu limit" (mirrors resource_updates.go getContainerPatch). */
function containerUpdateAnnotation(
  index: number,
  update: ContainerResourcesUpdate,
  annotations: readonly string[],
): string {
  const parts = [...annotations];
  // Upstream walks a Go map (random order); cpu before memory here.
  for (const r of RESOURCE_NAMES) if (update.requests[r] !== undefined) parts.push(`${r} request`);
  for (const r of RESOURCE_NAMES) if (update.limits[r] !== undefined) parts.push(`${r} limit`);
  return `container ${index}: ${parts.join(", ")}`;
}

/**
 * The containers of a pod created now from `template` (default: the input's template) under the latest
 * recommendation (mirrors resource_updates.go CalculatePatches via GetContainersResourcesForPod).
 */
export function admitPod(
  input: VpaReplayInput,
  recommendation: VpaRecommendationSnapshot | undefined,
  template: readonly TemplateContainer[] = input.template,
): AdmissionResult {
  if (input.updateMode === "Off") return { containers: template, patched: false, updatesAnnotation: "" };
  const { containers: updates, annotations } = getContainersResourcesForPod(
    template,
    recommendation?.containers,
    input,
  );
  const parts: string[] = [];
  const containers = template.map((c, i) => {
    const update = updates[i];
    if (update === undefined) return c;
    const patched = Object.keys(update.requests).length > 0 || Object.keys(update.limits).length > 0;
    if (patched) parts.push(containerUpdateAnnotation(i, update, annotations.get(c.name) ?? []));
    return { ...c, ...applyResourcesUpdate(c, update) };
  });
  return {
    containers,
    patched: parts.length > 0,
    updatesAnnotation: parts.length > 0 ? `Pod resources updated by ${input.name}: ${parts.join("; ")}` : "",
  };
}
