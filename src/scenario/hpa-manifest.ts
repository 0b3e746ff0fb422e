/**
 * Parsed manifest documents -> validated autoscaling/v2 HorizontalPodAutoscalers, as the API server would
 * store them on create: decoded strictly, converted from v1, given the plain API defaults, stripped of
 * fields whose feature gate is off, and validated. Behavior defaults are NOT applied here (the decision
 * core applies them), so an HPA without `behavior` stays without it.
 */
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec } from "../hpa/api-types.js";
import { convertSpecV1, cpuUtilizationMetric, DEFAULT_CPU_UTILIZATION } from "./convert-hpa-v1.js";
import { decodeSpecV2, OBJECT_META_FIELDS, TOP_LEVEL_FIELDS } from "./decode-hpa-v2.js";
import { notSupported, requiredValue } from "./field-violations.js";
import { type FieldViolation, InputError, type ObjectIdentity } from "./manifest-errors.js";
import { describeJsonType, isPlainObject } from "./read-manifests.js";
import { StrictObject } from "./strict-reader.js";
import { validateHorizontalPodAutoscaler } from "./validate-hpa.js";

/** API server feature gates that change what is accepted or stored. */
export interface HpaFeatureGates {
  /** Alpha, default off: `minReplicas: 0` allowed with an Object or External metric. */
  readonly HPAScaleToZero?: boolean | undefined;
  /**
   * Default on here (beta upstream; alpha and off in v1.33): when off, the API server silently drops
   * `behavior.*.tolerance` on create (strategy.go dropDisabledFields), and so does this reader.
   */
  readonly HPAConfigurableTolerance?: boolean | undefined;
}

/** Options of {@link readHorizontalPodAutoscalers}. */
export interface ReadHpaOptions {
  readonly featureGates?: HpaFeatureGates | undefined;
}

/** The kind this reader selects. */
export const HPA_KIND = "HorizontalPodAutoscaler";
/** apiVersions accepted for {@link HPA_KIND}, sorted as upstream lists supported values. */
export const SUPPORTED_HPA_API_VERSIONS = ["autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta2"];

/**
 * Selects the HorizontalPodAutoscalers among `docs` (other kinds are skipped) and returns them as
 * validated autoscaling/v2 objects, in document order, without `status`.
 * Throws {@link InputError} for the first object the API server would reject, listing all its violations.
 *
 * @param docs parsed documents, e.g. from parseManifestDocuments
 * @param file the name to report in errors
 */
export function readHorizontalPodAutoscalers(
  docs: readonly unknown[],
  file: string,
  options: ReadHpaOptions = {},
): HorizontalPodAutoscaler[] {
  const out: HorizontalPodAutoscaler[] = [];
  docs.forEach((doc, i) => {
    const hpa = readOne(doc, i + 1, file, options.featureGates ?? {});
    if (hpa !== undefined) out.push(hpa);
  });
  return out;
}

function readOne(
  doc: unknown,
  position: number,
  file: string,
  gates: HpaFeatureGates,
): HorizontalPodAutoscaler | undefined {
  if (!isPlainObject(doc)) {
    throw new InputError({
      file,
      rule: "object expected",
      detail: `object ${position}: expected a Kubernetes object, got ${describeJsonType(doc)}`,
    });
  }
  if (typeof doc.kind !== "string" || doc.kind === "") {
    throw new InputError({
      file,
      fieldPath: "kind",
      rule: "required",
      detail: `object ${position}: Object 'Kind' is missing`,
    });
  }
  if (doc.kind !== HPA_KIND) return undefined;

  const problems: FieldViolation[] = [];
  const top = StrictObject.read(doc, "", TOP_LEVEL_FIELDS, problems);
  const metadata = top?.object("metadata", OBJECT_META_FIELDS);
  const name = metadata?.string("name") ?? "";
  const identity: ObjectIdentity = { kind: HPA_KIND, name, position };

  const apiVersion = doc.apiVersion;
  if (typeof apiVersion !== "string" || !SUPPORTED_HPA_API_VERSIONS.includes(apiVersion)) {
    const violation =
      apiVersion === undefined || apiVersion === ""
        ? requiredValue(
            "apiVersion",
            `supported values: ${SUPPORTED_HPA_API_VERSIONS.map((v) => `"${v}"`).join(", ")}`,
          )
        : notSupported("apiVersion", apiVersion, SUPPORTED_HPA_API_VERSIONS);
    throw InputError.fromViolations(file, identity, [violation]);
  }

  const annotations = metadata?.stringMap("annotations") ?? {};
  metadata?.stringMap("labels"); // read only so that non-string label values are rejected, as the decoder does
  const namespace = metadata?.string("namespace");
  const decoded =
    apiVersion === "autoscaling/v1"
      ? convertSpecV1(doc.spec, annotations, problems)
      : decodeSpecV2(doc.spec, problems);
  // The API server rejects an undecodable body before it defaults or validates anything.
  if (problems.length > 0) throw InputError.fromViolations(file, identity, problems);

  let spec = applyHorizontalPodAutoscalerDefaults(decoded);
  if (gates.HPAConfigurableTolerance === false) spec = dropTolerance(spec);
  const hpa: HorizontalPodAutoscaler = {
    metadata: namespace !== undefined && namespace !== "" ? { name, namespace } : { name },
    spec,
  };
  const violations = validateHorizontalPodAutoscaler(hpa, {
    featureGates: { HPAScaleToZero: gates.HPAScaleToZero },
  });
  if (violations.length > 0) throw InputError.fromViolations(file, identity, violations);
  return hpa;
}

/**
 * The plain API defaults: `minReplicas` 1, and no metrics -> CPU at 80% utilization
 * (mirrors v2/defaults.go SetDefaults_HorizontalPodAutoscaler, without the behavior part).
 */
export function applyHorizontalPodAutoscalerDefaults(
  spec: HorizontalPodAutoscalerSpec,
): HorizontalPodAutoscalerSpec {
  const out: HorizontalPodAutoscalerSpec = { ...spec };
  if (out.minReplicas === undefined) out.minReplicas = 1;
  if (out.metrics === undefined || out.metrics.length === 0) {
    out.metrics = [cpuUtilizationMetric(DEFAULT_CPU_UTILIZATION)];
  }
  return out;
}

/** mirrors strategy.go dropDisabledFields: `tolerance` removed from both directions. */
function dropTolerance(spec: HorizontalPodAutoscalerSpec): HorizontalPodAutoscalerSpec {
  if (spec.behavior === undefined) return spec;
  const behavior = { ...spec.behavior };
  for (const direction of ["scaleUp", "scaleDown"] as const) {
    const rules = behavior[direction];
    if (rules?.tolerance === undefined) continue;
    const { tolerance: _dropped, ...rest } = rules;
    behavior[direction] = rest;
  }
  return { ...spec, behavior };
}
