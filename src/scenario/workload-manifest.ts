/**
 * Parsed manifest documents -> the scale targets the replay models: `apps/v1` Deployments and StatefulSets,
 * decoded strictly (unknown fields rejected, as `kubectl apply` does with strict field validation), defaulted
 * and checked as the API server would on create (mirrors apps/validation ValidateDeployment and
 * ValidateStatefulSet for the fields the model reads, the pod template's placement included: nodeSelector,
 * tolerations and node affinity, see pod-placement-*.ts, and topologySpreadConstraints, see
 * pod-topology-spread.ts). Everything the model does not read (probes, env, volumes, pod affinity, strategy,
 * status, managedFields, ...) is accepted unread, so real exports load as they are.
 */

import type { ContainerTemplate, WorkloadTarget } from "../engine/run-inputs.js";
import type { LabelSelector } from "../hpa/api-types.js";
import { parseSelector, selectorMatches } from "../hpa/label-selector.js";
import type { ResourceList } from "../hpa/types.js";
import { OBJECT_META_FIELDS, TOP_LEVEL_FIELDS } from "./decode-hpa-v2.js";
import { child, invalidValue, invalidValueText, notSupported, requiredValue } from "./field-violations.js";
import {
  decodeLabelSelector,
  goStringMap,
  labelSelectorString,
  validateLabelSelector,
  validateLabels,
} from "./label-selectors.js";
import { type FieldViolation, InputError, type ObjectIdentity } from "./manifest-errors.js";
import { validateObjectMeta } from "./name-validation.js";
import { toPodPlacement } from "./pod-placement-convert.js";
import { decodePodPlacement } from "./pod-placement-decode.js";
import { validatePodPlacement } from "./pod-placement-validate.js";
import { type DecodedContainer, decodePodTemplate, validatePodTemplate } from "./pod-template.js";
import {
  decodeTopologySpread,
  toTopologySpreadSpecs,
  validateTopologySpread,
} from "./pod-topology-spread.js";
import { isPlainObject, selectObjects } from "./read-manifests.js";
import { toResourceList } from "./resource-requirements.js";
import { StrictObject } from "./strict-reader.js";

/** The kinds this reader selects. */
export const WORKLOAD_KINDS = ["Deployment", "StatefulSet"] as const;
/** The only apiVersion served for them. */
export const WORKLOAD_API_VERSION = "apps/v1";
/** The pod spec inside a workload. */
const POD_SPEC_PATH = "spec.template.spec";
/** core/v1 defaults.go: terminationGracePeriodSeconds, 30 s. */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;

/** A StatefulSet's pod management policy (apps/v1 defaults to OrderedReady). */
export type PodManagementPolicy = NonNullable<WorkloadTarget["podManagementPolicy"]>;

/** A scale target as read from a manifest: the model's {@link WorkloadTarget} plus what only reports use. */
export interface WorkloadManifest extends WorkloadTarget {
  /** Pod-level `spec.resources.limits` (milli-units), when set and the gate is on. */
  readonly podLimits?: ResourceList;
  /** The file the object came from. */
  readonly file?: string;
  /** What the API server would warn about on create (e.g. a negative grace period). */
  readonly warnings?: readonly string[];
}

/** Options of {@link readWorkloads}. */
export interface ReadWorkloadOptions {
  readonly featureGates?: {
    /** On by default (beta); when off, the API server drops pod-level `spec.resources`, and so does this reader. */
    readonly PodLevelResources?: boolean | undefined;
  };
}

// biome-ignore format: packed list
const DEPLOYMENT_SPEC_FIELDS = [
  "replicas", "selector", "template", "strategy", "minReadySeconds", "revisionHistoryLimit", "paused",
  "progressDeadlineSeconds",
];
// biome-ignore format: packed list
const STATEFUL_SET_SPEC_FIELDS = [
  "replicas", "selector", "template", "volumeClaimTemplates", "serviceName", "podManagementPolicy",
  "updateStrategy", "revisionHistoryLimit", "minReadySeconds", "persistentVolumeClaimRetentionPolicy", "ordinals",
];

/**
 * Selects the Deployments and StatefulSets among `docs` (other kinds are skipped) and returns them as
 * scale targets, in document order. Throws {@link InputError} for the first object the API server would
 * reject, listing all its violations, e.g.
 * `web.yaml: Deployment "web": spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: \`selector\` does not match template \`labels\``.
 */
export function readWorkloads(
  docs: readonly unknown[],
  file: string,
  options: ReadWorkloadOptions = {},
): WorkloadManifest[] {
  const podLevel = options.featureGates?.PodLevelResources !== false;
  return selectObjects(docs, file, WORKLOAD_KINDS).map((o) =>
    readOne(o.doc, o.kind as WorkloadTarget["kind"], o.position, file, podLevel),
  );
}

function readOne(
  doc: Readonly<Record<string, unknown>>,
  kind: WorkloadTarget["kind"],
  position: number,
  file: string,
  podLevelResources: boolean,
): WorkloadManifest {
  const problems: FieldViolation[] = [];
  const top = StrictObject.read(doc, "", TOP_LEVEL_FIELDS, problems);
  const metadata = top?.object("metadata", OBJECT_META_FIELDS);
  const name = metadata?.string("name") ?? "";
  const identity: ObjectIdentity = { kind, name, position };
  if (doc.apiVersion !== WORKLOAD_API_VERSION) {
    const violation =
      doc.apiVersion === undefined || doc.apiVersion === ""
        ? requiredValue("apiVersion", `supported values: "${WORKLOAD_API_VERSION}"`)
        : notSupported("apiVersion", doc.apiVersion, [WORKLOAD_API_VERSION]);
    throw InputError.fromViolations(file, identity, [violation]);
  }
  const labels = metadata?.stringMap("labels") ?? {};
  metadata?.stringMap("annotations");
  const namespace = metadata?.string("namespace");
  const spec = top?.object("spec", kind === "Deployment" ? DEPLOYMENT_SPEC_FIELDS : STATEFUL_SET_SPEC_FIELDS);
  const replicas = spec?.int32("replicas");
  const selector = decodeLabelSelector(spec?.fields.selector, "spec.selector", problems);
  let template = decodePodTemplate(spec?.fields.template, "spec.template", problems);
  const rawTemplate = spec?.fields.template;
  const rawSpec = isPlainObject(rawTemplate) ? rawTemplate.spec : undefined;
  const placement = decodePodPlacement(rawSpec, POD_SPEC_PATH, problems);
  const spread = decodeTopologySpread(rawSpec, POD_SPEC_PATH, problems) ?? [];
  const policy = kind === "StatefulSet" ? spec?.string("podManagementPolicy") : undefined;
  const minReadySeconds = kind === "StatefulSet" ? spec?.int32("minReadySeconds") : undefined;
  const ordinals = kind === "StatefulSet" ? spec?.object("ordinals", ["start"]) : undefined;
  const startOrdinal = ordinals?.int32("start");
  if (problems.length > 0) throw InputError.fromViolations(file, identity, problems);

  if (!podLevelResources && template.podResources !== undefined) {
    const { podResources: _dropped, ...rest } = template; // mirrors pod/util.go dropDisabledPodFields
    template = rest;
  }
  const errs: FieldViolation[] = [];
  validateObjectMeta(name, namespace, errs);
  validateLabels(labels, "metadata.labels", errs);
  if (replicas !== undefined && replicas < 0) {
    errs.push(invalidValue("spec.replicas", replicas, "must be greater than or equal to 0"));
  }
  const selectorText = validateSelector(selector, template.labels, kind, errs);
  const warnings = validatePodTemplate(template, "spec.template", errs);
  validatePodPlacement(placement, POD_SPEC_PATH, errs);
  validateTopologySpread(spread, POD_SPEC_PATH, errs);
  if (policy !== undefined && policy !== "OrderedReady" && policy !== "Parallel") {
    errs.push(invalidValue("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  // mirrors apps/validation ValidateStatefulSetSpec: ValidateNonnegativeField
  if (minReadySeconds !== undefined && minReadySeconds < 0) {
    errs.push(invalidValue("spec.minReadySeconds", minReadySeconds, "must be greater than or equal to 0"));
  }
  if (startOrdinal !== undefined && startOrdinal < 0) {
    errs.push(invalidValue("spec.ordinals.start", startOrdinal, "must be greater than or equal to 0"));
  }
  if (errs.length > 0) throw InputError.fromViolations(file, identity, errs);

  const placed = toPodPlacement(placement, POD_SPEC_PATH, warnings);
  const scheduling =
    spread.length > 0 ? { ...placed, topologySpreadConstraints: toTopologySpreadSpecs(spread) } : placed;
  const grace = template.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  const podRequests = template.podResources ? toResourceList(template.podResources.requests) : undefined;
  const podLimits = template.podResources ? toResourceList(template.podResources.limits) : undefined;
  return {
    kind,
    name,
    namespace: namespace === undefined || namespace === "" ? "default" : namespace,
    replicas: replicas ?? 1,
    podLabels: template.labels,
    selector: selectorText,
    containers: [
      ...template.initContainers.map((c) => toContainerTemplate(c, true)),
      ...template.containers.map((c) => toContainerTemplate(c, false)),
    ],
    ...(podRequests !== undefined && Object.keys(podRequests).length > 0 ? { podRequests } : {}),
    ...(podLimits !== undefined && Object.keys(podLimits).length > 0 ? { podLimits } : {}),
    terminationGracePeriodSeconds: grace < 0 ? 1 : grace,
    ...(scheduling !== undefined ? { scheduling } : {}),
    ...(kind === "StatefulSet"
      ? {
          podManagementPolicy: (policy ?? "OrderedReady") as PodManagementPolicy,
          minReadySeconds: minReadySeconds ?? 0,
          startOrdinal: startOrdinal ?? 0,
        }
      : {}),
    file,
    warnings: warnings.map((w) => `${file}: ${kind} "${name}": ${w}`),
  };
}

// mirrors core/validation ValidateObjectMeta with ValidateDeploymentName / ValidateStatefulSetName (DNS subdomain)
/**
 * spec.selector required and non-empty, and it must select the template's labels
 * (mirrors ValidateDeploymentSpec / ValidateStatefulSetSpec and ValidatePodTemplateSpecForReplicaSet).
 * Returns the selector string (`app=web,tier=front`).
 */
function validateSelector(
  selector: LabelSelector | undefined,
  labels: Readonly<Record<string, string>>,
  kind: WorkloadTarget["kind"],
  errs: FieldViolation[],
): string {
  if (selector === undefined) {
    errs.push(requiredValue("spec.selector"));
    return "";
  }
  const before = errs.length;
  validateLabelSelector(selector, "spec.selector", errs);
  if (errs.length > before) return "";
  const text = labelSelectorString(selector);
  if (text === "") {
    errs.push(invalidValue("spec.selector", selector, `empty selector is invalid for ${kind.toLowerCase()}`));
    return "";
  }
  if (!selectorMatches(parseSelector(text), labels)) {
    errs.push(
      invalidValueText(
        child(child("spec.template", "metadata"), "labels"),
        goStringMap(labels),
        "`selector` does not match template `labels`",
      ),
    );
  }
  return text;
}

function toContainerTemplate(c: DecodedContainer, init: boolean): ContainerTemplate {
  return {
    name: c.name,
    requests: toResourceList(c.resources.requests),
    limits: toResourceList(c.resources.limits),
    ...(c.restartPolicy !== undefined ? { restartPolicy: c.restartPolicy } : {}),
    ...(init ? { init: true } : {}),
  };
}
