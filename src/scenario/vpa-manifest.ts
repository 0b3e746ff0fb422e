/**
 * Parsed manifest documents -> validated `autoscaling.k8s.io/v1` VerticalPodAutoscalers, as the API server
 * (strict decoding against the CRD) and the VPA admission webhook would accept them on create
 * (mirrors kubernetes/autoscaler vertical-pod-autoscaler/pkg/admission-controller/resource/vpa/validation.go
 * validateVPASpec, with its field paths and messages). Problems are collected and reported together.
 */
import { parseQuantityRational } from "../units/quantity.js";
import type {
  ContainerControlledValues,
  ContainerResourcePolicy,
  ContainerScalingMode,
  ResourceName,
  Resources,
} from "../vpa/types.js";
import { OBJECT_META_FIELDS, TOP_LEVEL_FIELDS } from "./decode-hpa-v2.js";
import {
  child,
  type FieldPath,
  forbidden,
  invalidValue,
  notSupported,
  requiredValue,
} from "./field-violations.js";
import { type FieldViolation, InputError, type ObjectIdentity } from "./manifest-errors.js";
import { isDNS1123Subdomain } from "./name-validation.js";
import { canonicalQuantity } from "./quantity-string.js";
import { selectObjects } from "./read-manifests.js";
import { decodeResourceList, type QuantityMap } from "./resource-list.js";
import { StrictObject } from "./strict-reader.js";
import {
  DEFAULT_UPDATE_MODE,
  type EvictionRequirement,
  type ReadVpaOptions,
  SUPPORTED_CHANGE_REQUIREMENTS,
  SUPPORTED_CONTROLLED_VALUES,
  type UpdateMode,
  VPA_API_VERSION,
  VPA_KIND,
  type VpaFeatureGates,
  type VpaManifest,
} from "./vpa-manifest-types.js";
import { validateContainerPolicy, validateUpdatePolicy } from "./vpa-manifest-validate.js";

export * from "./vpa-manifest-types.js";

const SPEC_FIELDS = ["targetRef", "updatePolicy", "resourcePolicy", "recommenders", "startupBoost"];
const TARGET_REF_FIELDS = ["apiVersion", "kind", "name"];
const UPDATE_POLICY_FIELDS = ["updateMode", "minReplicas", "evictionRequirements", "evictAfterOOMSeconds"];
const RESOURCE_POLICY_FIELDS = ["containerPolicies"];
// biome-ignore format: packed list
const CONTAINER_POLICY_FIELDS = [
  "containerName", "mode", "minAllowed", "maxAllowed", "controlledResources", "controlledValues",
  "oomBumpUpRatio", "oomMinBumpUp", "startupBoost",
];

/**
 * Selects the VerticalPodAutoscalers among `docs` (other kinds are skipped) and returns them validated,
 * in document order. Throws {@link InputError} for the first object that would be rejected, listing all
 * its violations, e.g.
 * `vpa.yaml: VerticalPodAutoscaler "web": spec.updatePolicy.updateMode: Unsupported value: "Sometimes": supported values: ...`.
 */
export function readVerticalPodAutoscalers(
  docs: readonly unknown[],
  file: string,
  options: ReadVpaOptions = {},
): VpaManifest[] {
  return selectObjects(docs, file, [VPA_KIND]).map((o) =>
    readOne(o.doc, o.position, file, options.featureGates ?? {}),
  );
}

export interface DecodedContainerPolicy {
  readonly path: FieldPath;
  readonly containerName: string | undefined;
  readonly mode: string | undefined;
  readonly minAllowed: QuantityMap;
  readonly maxAllowed: QuantityMap;
  readonly controlledResources: readonly string[] | undefined;
  readonly controlledValues: string | undefined;
  readonly gated: readonly string[];
}

function readOne(
  doc: Readonly<Record<string, unknown>>,
  position: number,
  file: string,
  gates: VpaFeatureGates,
): VpaManifest {
  const problems: FieldViolation[] = [];
  const top = StrictObject.read(doc, "", TOP_LEVEL_FIELDS, problems);
  const metadata = top?.object("metadata", OBJECT_META_FIELDS);
  const name = metadata?.string("name") ?? "";
  const identity: ObjectIdentity = { kind: VPA_KIND, name, position };
  if (doc.apiVersion !== VPA_API_VERSION) {
    const violation =
      doc.apiVersion === undefined || doc.apiVersion === ""
        ? requiredValue("apiVersion", `supported values: "${VPA_API_VERSION}"`)
        : notSupported("apiVersion", doc.apiVersion, [VPA_API_VERSION]);
    throw InputError.fromViolations(file, identity, [violation]);
  }
  metadata?.stringMap("labels");
  metadata?.stringMap("annotations");
  const namespace = metadata?.string("namespace");
  const spec = top?.object("spec", SPEC_FIELDS);
  const targetRefObj = spec?.object("targetRef", TARGET_REF_FIELDS);
  const targetRef = {
    apiVersion: targetRefObj?.string("apiVersion"),
    kind: targetRefObj?.string("kind"),
    name: targetRefObj?.string("name"),
  };
  const updatePolicy = spec?.object("updatePolicy", UPDATE_POLICY_FIELDS);
  const updateMode = updatePolicy?.string("updateMode");
  const minReplicas = updatePolicy?.int32("minReplicas");
  const evictionRequirements =
    updatePolicy?.list("evictionRequirements", (v, p) => readEvictionRequirement(v, p, problems)) ?? [];
  const resourcePolicy = spec?.object("resourcePolicy", RESOURCE_POLICY_FIELDS);
  const containerPolicies = resourcePolicy?.list("containerPolicies", (v, p) =>
    readContainerPolicy(v, p, problems),
  );
  const recommenders =
    spec?.list("recommenders", (v, p) => StrictObject.read(v, p, ["name"], problems)?.string("name")) ?? [];
  if (problems.length > 0) throw InputError.fromViolations(file, identity, problems);

  // --- validation: metadata and CRD schema (required fields), then the admission webhook's rules ---
  const errs: FieldViolation[] = [];
  if (name === "") errs.push(requiredValue("metadata.name", "name or generateName is required"));
  else for (const msg of isDNS1123Subdomain(name)) errs.push(invalidValue("metadata.name", name, msg));
  if (targetRefObj === undefined) {
    errs.push(
      requiredValue("spec.targetRef", "If you're using v1beta1 version of the API, please migrate to v1"),
    );
  } else {
    if (targetRef.kind === undefined || targetRef.kind === "")
      errs.push(requiredValue("spec.targetRef.kind"));
    if (targetRef.name === undefined || targetRef.name === "")
      errs.push(requiredValue("spec.targetRef.name"));
  }
  if (updatePolicy !== undefined) validateUpdatePolicy(updateMode, minReplicas, updatePolicy, gates, errs);
  for (const p of containerPolicies ?? []) validateContainerPolicy(p, errs);
  if (spec?.fields.startupBoost !== undefined && spec.fields.startupBoost !== null) {
    errs.push(
      forbidden(
        "spec.startupBoost",
        "in order to use startupBoost, you must enable feature gate CPUStartupBoost in the admission-controller args",
      ),
    );
  }
  if (recommenders.length > 1) {
    errs.push({
      fieldPath: "spec.recommenders",
      rule: "must have at most 1 items",
      message: `spec.recommenders: Too many: ${recommenders.length}: must have at most 1 items`,
    });
  }
  if (errs.length > 0) throw InputError.fromViolations(file, identity, errs);

  const warnings: string[] = [];
  const policies = (containerPolicies ?? []).map((p) => toContainerPolicy(p, file, name, warnings));
  return {
    name,
    namespace: namespace === undefined || namespace === "" ? "default" : namespace,
    targetRef: {
      ...(targetRef.apiVersion !== undefined ? { apiVersion: targetRef.apiVersion } : {}),
      kind: targetRef.kind ?? "",
      name: targetRef.name ?? "",
    },
    ...(updateMode !== undefined ? { updateMode: updateMode as UpdateMode } : {}),
    effectiveUpdateMode: (updateMode as UpdateMode | undefined) ?? DEFAULT_UPDATE_MODE,
    ...(minReplicas !== undefined ? { minReplicas } : {}),
    evictionRequirements,
    ...(containerPolicies !== undefined || resourcePolicy !== undefined
      ? { resourcePolicy: { containerPolicies: policies } }
      : {}),
    allowedQuantities: (containerPolicies ?? []).map((p) => ({
      containerName: p.containerName ?? "",
      minAllowed: canonicalMap(p.minAllowed),
      maxAllowed: canonicalMap(p.maxAllowed),
    })),
    recommenders,
    file,
    warnings,
  };
}

function canonicalMap(map: QuantityMap): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([r, q]) => [r, canonicalQuantity(q)]));
}

function readEvictionRequirement(
  value: unknown,
  path: FieldPath,
  problems: FieldViolation[],
): EvictionRequirement | undefined {
  const obj = StrictObject.read(value, path, ["resources", "changeRequirement"], problems);
  if (obj === undefined) return undefined;
  const resources = obj.list("resources", (v, p) => StrictObject.stringAt(v, p, problems)) ?? [];
  const change = obj.string("changeRequirement");
  if (change === undefined) {
    problems.push(requiredValue(child(path, "changeRequirement")));
    return undefined;
  }
  if (!SUPPORTED_CHANGE_REQUIREMENTS.includes(change)) {
    problems.push(notSupported(child(path, "changeRequirement"), change, SUPPORTED_CHANGE_REQUIREMENTS));
    return undefined;
  }
  return { resources, changeRequirement: change as EvictionRequirement["changeRequirement"] };
}

function readContainerPolicy(
  value: unknown,
  path: FieldPath,
  problems: FieldViolation[],
): DecodedContainerPolicy | undefined {
  const obj = StrictObject.read(value, path, CONTAINER_POLICY_FIELDS, problems);
  if (obj === undefined) return undefined;
  const controlledValues = obj.string("controlledValues");
  if (controlledValues !== undefined && !SUPPORTED_CONTROLLED_VALUES.includes(controlledValues)) {
    // The CRD schema's enum: rejected before the webhook runs.
    problems.push(
      notSupported(child(path, "controlledValues"), controlledValues, SUPPORTED_CONTROLLED_VALUES),
    );
  }
  const gated = ["oomBumpUpRatio", "oomMinBumpUp", "startupBoost"].filter(
    (f) => obj.fields[f] !== undefined && obj.fields[f] !== null,
  );
  return {
    path,
    containerName: obj.string("containerName"),
    mode: obj.string("mode"),
    minAllowed: decodeResourceList(obj.fields.minAllowed, child(path, "minAllowed"), problems),
    maxAllowed: decodeResourceList(obj.fields.maxAllowed, child(path, "maxAllowed"), problems),
    controlledResources: obj.list("controlledResources", (v, p) => StrictObject.stringAt(v, p, problems)),
    controlledValues,
    gated,
  };
}

const MODELLED: readonly ResourceName[] = ["cpu", "memory"];

/** Quantities -> millicores / bytes (Quantity.MilliValue / Value, rounded up); other resources dropped. */
function toResources(map: QuantityMap): Resources | undefined {
  const out: { [R in ResourceName]?: number } = {};
  for (const r of MODELLED) {
    const q = map[r];
    if (q === undefined) continue;
    const { num, den } = parseQuantityRational(q);
    const scaled = r === "cpu" ? num * 1000n : num;
    out[r] = Number((scaled + den - 1n) / den);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function toContainerPolicy(
  p: DecodedContainerPolicy,
  file: string,
  vpaName: string,
  warnings: string[],
): ContainerResourcePolicy {
  const where = `${file}: ${VPA_KIND} "${vpaName}": ${p.path}`;
  for (const r of [...Object.keys(p.minAllowed), ...Object.keys(p.maxAllowed)]) {
    if (!(MODELLED as readonly string[]).includes(r)) {
      warnings.push(`${where}: ${r} is not a resource VPA recommends; ignored`);
    }
  }
  let controlledResources: ResourceName[] | undefined;
  if (p.controlledResources !== undefined) {
    controlledResources = [];
    for (const r of p.controlledResources) {
      if ((MODELLED as readonly string[]).includes(r)) controlledResources.push(r as ResourceName);
      else warnings.push(`${where}.controlledResources: ${JSON.stringify(r)} is never recommended; ignored`);
    }
  }
  const minAllowed = toResources(p.minAllowed);
  const maxAllowed = toResources(p.maxAllowed);
  return {
    containerName: p.containerName ?? "",
    ...(p.mode !== undefined ? { mode: p.mode as ContainerScalingMode } : {}),
    ...(minAllowed !== undefined ? { minAllowed } : {}),
    ...(maxAllowed !== undefined ? { maxAllowed } : {}),
    ...(controlledResources !== undefined ? { controlledResources } : {}),
    ...(p.controlledValues !== undefined
      ? { controlledValues: p.controlledValues as ContainerControlledValues }
      : {}),
  };
}
