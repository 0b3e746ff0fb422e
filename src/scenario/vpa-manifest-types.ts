/** The VerticalPodAutoscaler as kube-whatif reads it (autoscaling.k8s.io/v1): kinds, enums and the validated shape. */
import type { PodResourcePolicy } from "../vpa/types.js";

/** The kind this reader selects. */
export const VPA_KIND = "VerticalPodAutoscaler";
/** The only apiVersion read (v1beta2 is deprecated upstream). */
export const VPA_API_VERSION = "autoscaling.k8s.io/v1";

/** vpa_types.UpdateMode. `Auto` is the deprecated alias of `Recreate`. */
export type UpdateMode = "Off" | "Initial" | "Recreate" | "Auto" | "InPlaceOrRecreate" | "InPlace";
/** What upstream applies when `updatePolicy.updateMode` is unset (api.go GetUpdateMode, master: Recreate). */
export const DEFAULT_UPDATE_MODE: UpdateMode = "Recreate";
/** vpa_types GetUpdateModesList(): the supported modes, sorted, without the deprecated `Auto`. */
export const SUPPORTED_UPDATE_MODES = ["InPlace", "InPlaceOrRecreate", "Initial", "Off", "Recreate"];
export const ALL_UPDATE_MODES: readonly string[] = [...SUPPORTED_UPDATE_MODES, "Auto"];
/** vpa_types GetPossibleScalingModes(), sorted. */
export const SUPPORTED_SCALING_MODES = ["Auto", "Off"];
/** CRD enum of containerPolicies[].controlledValues. */
export const SUPPORTED_CONTROLLED_VALUES = ["RequestsAndLimits", "RequestsOnly"];
/** CRD enum of evictionRequirements[].changeRequirement. */
export const SUPPORTED_CHANGE_REQUIREMENTS = ["TargetHigherThanRequests", "TargetLowerThanRequests"];

/** The scale target (autoscaling/v1 CrossVersionObjectReference). */
export interface VpaTargetRef {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly name: string;
}

/** One `updatePolicy.evictionRequirements` entry. */
export interface EvictionRequirement {
  readonly resources: readonly string[];
  readonly changeRequirement: "TargetHigherThanRequests" | "TargetLowerThanRequests";
}

/** The canonical text of one container policy's bounds, by resource name. */
export interface AllowedQuantities {
  readonly containerName: string;
  readonly minAllowed: Readonly<Record<string, string>>;
  readonly maxAllowed: Readonly<Record<string, string>>;
}

/** A validated VPA: amounts in millicores (cpu) and bytes (memory), as the recommender uses them. */
export interface VpaManifest {
  readonly name: string;
  readonly namespace: string;
  readonly targetRef: VpaTargetRef;
  /** As written; undefined when the VPA has no `updatePolicy`. */
  readonly updateMode?: UpdateMode;
  /** `updateMode`, or {@link DEFAULT_UPDATE_MODE} when unset. */
  readonly effectiveUpdateMode: UpdateMode;
  /** `updatePolicy.minReplicas`; undefined = the updater's `--min-replicas` (2). */
  readonly minReplicas?: number;
  readonly evictionRequirements: readonly EvictionRequirement[];
  /** `resourcePolicy`; undefined when absent. */
  readonly resourcePolicy?: PodResourcePolicy;
  /**
   * minAllowed / maxAllowed as the API server stores them (Quantity.String(), e.g. `2Gi`), per container policy
   * in order: a capped recommendation is that very quantity, so the VPA status prints it this way.
   */
  readonly allowedQuantities: readonly AllowedQuantities[];
  /** Names in `spec.recommenders` (at most one); empty = the default recommender. */
  readonly recommenders: readonly string[];
  readonly file: string;
  /** What kube-whatif ignores, e.g. controlled resources other than cpu and memory. */
  readonly warnings: readonly string[];
}

/** Feature gates of the admission controller that change what is accepted. */
export interface VpaFeatureGates {
  /** Default on (beta): `updateMode: InPlaceOrRecreate` allowed. */
  readonly InPlaceOrRecreate?: boolean | undefined;
  /** Default off (alpha): `updateMode: InPlace` allowed. */
  readonly InPlace?: boolean | undefined;
}

/** Options of {@link readVerticalPodAutoscalers}. */
export interface ReadVpaOptions {
  readonly featureGates?: VpaFeatureGates | undefined;
}
