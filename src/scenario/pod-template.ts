/**
 * The pod template of a Deployment or StatefulSet: strict decoding of the fields the model reads (labels,
 * containers and their resources, pod-level resources, grace period), with every other core/v1 field of
 * PodSpec and Container accepted as is (probes, env, volumes, affinity, ...), then the API server's checks
 * on what is read (mirrors core/validation ValidatePodTemplateSpec, validateContainers, validateInitContainers).
 * The scheduling fields are read apart: nodeSelector, tolerations and node affinity in pod-placement-*.ts,
 * topologySpreadConstraints in pod-topology-spread.ts.
 */

import { OBJECT_META_FIELDS } from "./decode-hpa-v2.js";
import {
  child,
  duplicate,
  type FieldPath,
  forbidden,
  index,
  invalidValue,
  notSupported,
  requiredValue,
} from "./field-violations.js";
import { validateLabels } from "./label-selectors.js";
import type { FieldViolation } from "./manifest-errors.js";
import { isDNS1123Label } from "./name-validation.js";
import { type DecodedResources, decodeResources, validateResources } from "./resource-requirements.js";
import { StrictObject } from "./strict-reader.js";

/** Every field of core/v1 PodSpec (Kubernetes 1.35); only some are read, the rest are accepted unread. */
// biome-ignore format: one long list reads better packed
export const POD_SPEC_FIELDS = [
  "volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy",
  "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy", "nodeSelector", "serviceAccountName",
  "serviceAccount", "automountServiceAccountToken", "nodeName", "hostNetwork", "hostPID", "hostIPC",
  "shareProcessNamespace", "securityContext", "imagePullSecrets", "hostname", "subdomain", "affinity",
  "schedulerName", "tolerations", "hostAliases", "priorityClassName", "priority", "dnsConfig", "readinessGates",
  "runtimeClassName", "enableServiceLinks", "preemptionPolicy", "overhead", "topologySpreadConstraints",
  "setHostnameAsFQDN", "os", "hostUsers", "schedulingGates", "resourceClaims", "resources", "hostnameOverride",
  "workloadRef",
] as const;

/** Every field of core/v1 Container (Kubernetes 1.35). */
// biome-ignore format: one long list reads better packed
export const CONTAINER_FIELDS = [
  "name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources", "resizePolicy",
  "restartPolicy", "restartPolicyRules", "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe",
  "startupProbe", "lifecycle", "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy",
  "securityContext", "stdin", "stdinOnce", "tty",
] as const;

/** One container as decoded. */
export interface DecodedContainer {
  readonly name: string;
  readonly restartPolicy?: string;
  readonly resources: DecodedResources;
}

/** What the model reads of a pod template. */
export interface DecodedPodTemplate {
  readonly labels: Readonly<Record<string, string>>;
  readonly containers: readonly DecodedContainer[];
  readonly initContainers: readonly DecodedContainer[];
  /** Pod-level `spec.resources`, when written. */
  readonly podResources?: DecodedResources;
  readonly terminationGracePeriodSeconds?: number;
  readonly restartPolicy?: string;
}

/** Decodes `template` (at `path`, e.g. `spec.template`); problems are collected, not thrown. */
export function decodePodTemplate(
  raw: unknown,
  path: FieldPath,
  problems: FieldViolation[],
): DecodedPodTemplate {
  const template = StrictObject.read(raw, path, ["metadata", "spec"], problems);
  const metadata = template?.object("metadata", OBJECT_META_FIELDS);
  metadata?.stringMap("annotations");
  const spec = template?.object("spec", POD_SPEC_FIELDS);
  const readContainer = (item: unknown, itemPath: FieldPath): DecodedContainer | undefined => {
    const c = StrictObject.read(item, itemPath, CONTAINER_FIELDS, problems);
    if (c === undefined) return undefined;
    const restartPolicy = c.string("restartPolicy");
    const resources = decodeResources(c.fields.resources, child(itemPath, "resources"), problems);
    return {
      name: c.string("name") ?? "",
      resources,
      ...(restartPolicy !== undefined ? { restartPolicy } : {}),
    };
  };
  const out: {
    -readonly [K in keyof DecodedPodTemplate]: DecodedPodTemplate[K];
  } = {
    labels: metadata?.stringMap("labels") ?? {},
    containers: spec?.list("containers", readContainer) ?? [],
    initContainers: spec?.list("initContainers", readContainer) ?? [],
  };
  if (spec?.fields.resources !== undefined && spec.fields.resources !== null) {
    out.podResources = decodeResources(
      spec.fields.resources,
      child(child(path, "spec"), "resources"),
      problems,
    );
  }
  const grace = spec?.int64("terminationGracePeriodSeconds");
  if (grace !== undefined) out.terminationGracePeriodSeconds = grace;
  const restartPolicy = spec?.string("restartPolicy");
  if (restartPolicy !== undefined) out.restartPolicy = restartPolicy;
  return out;
}

/**
 * The API server's checks on the decoded template of a workload, in its order; returns warnings the server
 * would print (e.g. a negative grace period, treated as 1).
 */
export function validatePodTemplate(
  template: DecodedPodTemplate,
  path: FieldPath,
  errs: FieldViolation[],
): string[] {
  const warnings: string[] = [];
  validateLabels(template.labels, child(child(path, "metadata"), "labels"), errs);
  const specPath = child(path, "spec");
  const seen = new Set<string>();
  validateContainerList(template.initContainers, child(specPath, "initContainers"), true, seen, errs);
  if (template.containers.length === 0) errs.push(requiredValue(child(specPath, "containers")));
  validateContainerList(template.containers, child(specPath, "containers"), false, seen, errs);
  if (template.podResources !== undefined) {
    validateResources(template.podResources, child(specPath, "resources"), "pod", errs);
  }
  // mirrors apps/validation ValidatePodTemplateSpecForReplicaSet / ForStatefulSet
  if (template.restartPolicy !== undefined && template.restartPolicy !== "Always") {
    errs.push(notSupported(child(specPath, "restartPolicy"), template.restartPolicy, ["Always"]));
  }
  const grace = template.terminationGracePeriodSeconds;
  if (grace !== undefined && grace < 0) {
    // mirrors pkg/api/pod/warnings.go: accepted, stored as 1
    warnings.push(
      `${child(specPath, "terminationGracePeriodSeconds")}: must be >= 0; negative values are invalid and will be treated as 1`,
    );
  }
  return warnings;
}

function validateContainerList(
  containers: readonly DecodedContainer[],
  path: FieldPath,
  init: boolean,
  seen: Set<string>,
  errs: FieldViolation[],
): void {
  containers.forEach((c, i) => {
    const itemPath = index(path, i);
    const namePath = child(itemPath, "name");
    if (c.name === "") errs.push(requiredValue(namePath));
    else {
      for (const msg of isDNS1123Label(c.name)) errs.push(invalidValue(namePath, c.name, msg));
      if (seen.has(c.name)) errs.push(duplicate(namePath, c.name));
      seen.add(c.name);
    }
    const policyPath = child(itemPath, "restartPolicy");
    if (c.restartPolicy !== undefined) {
      if (!init) errs.push(forbidden(policyPath, "may not be set for non-init containers"));
      else if (c.restartPolicy !== "Always") errs.push(notSupported(policyPath, c.restartPolicy, ["Always"]));
    }
    validateResources(c.resources, child(itemPath, "resources"), "container", errs);
  });
}
