/**
 * Which HPA to replay and which workload it scales: `spec.hpa` (or the only HPA), then its scaleTargetRef
 * (kind, name, the HPA's namespace, group `apps`) looked up among the Deployments and StatefulSets read.
 */
import type { HorizontalPodAutoscaler } from "../hpa/api-types.js";
import { InputError } from "./manifest-errors.js";
import { parseGroupVersion } from "./name-validation.js";
import type { WorkloadManifest } from "./workload-manifest.js";

/** `namespace/name` of an HPA (namespace "default" when unset). */
export function hpaKey(hpa: HorizontalPodAutoscaler): string {
  return `${namespaceOf(hpa)}/${hpa.metadata.name}`;
}

function namespaceOf(hpa: HorizontalPodAutoscaler): string {
  const ns = hpa.metadata.namespace;
  return ns === undefined || ns === "" ? "default" : ns;
}

/**
 * The HPA named `wanted` (`name` or `namespace/name`), or the only one when `wanted` is null.
 *
 * @param file where `wanted` was written (the scenario file), for errors
 */
export function selectHpa(
  hpas: readonly HorizontalPodAutoscaler[],
  wanted: string | null,
  file: string,
): HorizontalPodAutoscaler {
  const names = hpas.map(hpaKey);
  if (hpas.length === 0) {
    throw new InputError({
      file,
      rule: "an HPA",
      detail: "no HorizontalPodAutoscaler in the manifests: give a file with one (autoscaling/v2 or v1)",
    });
  }
  if (wanted === null) {
    const only = hpas[0];
    if (hpas.length === 1 && only !== undefined) return only;
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice !== undefined)
      throw new InputError({
        file,
        rule: "one definition",
        detail: `HorizontalPodAutoscaler ${twice} is defined ${names.filter((n) => n === twice).length} times in the manifests: keep one`,
      });
    throw new InputError({
      file,
      fieldPath: "spec.hpa",
      rule: "choose an HPA",
      detail: `spec.hpa: Required value: ${hpas.length} HorizontalPodAutoscalers found (${names.join(", ")}): choose one with spec.hpa in the scenario or on the command line`,
    });
  }
  const matches = hpas.filter((h) =>
    wanted.includes("/") ? hpaKey(h) === wanted : h.metadata.name === wanted,
  );
  const found = matches[0];
  if (matches.length === 1 && found !== undefined) return found;
  if (matches.length > 1) {
    throw new InputError({
      file,
      fieldPath: "spec.hpa",
      rule: "unique HPA",
      detail: `spec.hpa: Invalid value: "${wanted}": matches ${matches.length} HorizontalPodAutoscalers (${matches.map(hpaKey).join(", ")}): write it as namespace/name`,
    });
  }
  throw new InputError({
    file,
    fieldPath: "spec.hpa",
    rule: "HPA not found",
    detail: `spec.hpa: Not found: "${wanted}": the manifests hold HorizontalPodAutoscaler ${names.join(", ")}`,
  });
}

/**
 * The workload the HPA's scaleTargetRef points at, in the HPA's namespace. Throws InputError listing what the
 * manifests hold when there is none, or when the target is defined twice.
 */
export function resolveScaleTarget(
  hpa: HorizontalPodAutoscaler,
  workloads: readonly WorkloadManifest[],
  file: string,
): WorkloadManifest {
  const ref = hpa.spec.scaleTargetRef;
  const namespace = namespaceOf(hpa);
  const wanted = `${ref.kind} "${ref.name}" in namespace "${namespace}"`;
  const fail = (why: string): never => {
    throw new InputError({
      file,
      object: { kind: "HorizontalPodAutoscaler", name: hpa.metadata.name },
      fieldPath: "spec.scaleTargetRef",
      rule: "scale target found",
      detail: `spec.scaleTargetRef: ${why}`,
    });
  };
  const gv = parseGroupVersion(ref.apiVersion ?? "");
  const group = typeof gv === "string" ? "" : gv.group;
  if (ref.kind !== "Deployment" && ref.kind !== "StatefulSet") {
    fail(`targets ${wanted}: the replay models Deployments and StatefulSets only`);
  }
  if (group !== "apps") fail(`targets ${wanted} with apiVersion "${ref.apiVersion ?? ""}": expected apps/v1`);
  const matches = workloads.filter(
    (w) => w.kind === ref.kind && w.name === ref.name && w.namespace === namespace,
  );
  const found = matches[0];
  if (matches.length > 1) {
    fail(
      `${wanted} is defined ${matches.length} times (${matches.map((m) => m.file ?? "?").join(", ")}): keep one`,
    );
  }
  if (found === undefined) {
    const held = workloads.map((w) => `${w.kind} ${w.namespace}/${w.name}`);
    fail(
      `targets ${wanted}, which the manifests do not hold; ${held.length === 0 ? "they hold no Deployment or StatefulSet: add the target's manifest (e.g. kubectl get deploy NAME -o yaml)" : `they hold ${held.join(", ")}`}`,
    );
  }
  return found as WorkloadManifest;
}
