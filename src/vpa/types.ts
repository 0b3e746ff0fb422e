/**
 * The VPA model's data (mirrors vertical-pod-autoscaler/pkg/recommender/model/types.go and
 * pkg/updater/priority). Times are Unix seconds; "no time yet" is Go's zero time (see go-time.ts).
 */

/** The two resources VPA recommends (mirrors model/types.go ResourceName). */
export type ResourceName = "cpu" | "memory";

/** Both resources in the order upstream lists them (mirrors model DefaultControlledResources). */
export const RESOURCE_NAMES: readonly ResourceName[] = ["cpu", "memory"];

/**
 * An integer amount of a resource: millicores for CPU, bytes for memory, in [0, 1e14]
 * (mirrors model/types.go ResourceAmount, an int64; every value VPA produces is a safe integer).
 */
export type ResourceAmount = number;

/** A resource -> amount map; an absent key means the resource is not in the list (mirrors model.Resources). */
export type Resources = { readonly [R in ResourceName]?: ResourceAmount };

/** One usage measurement of a container (mirrors model/container.go ContainerUsageSample). */
export interface ContainerUsageSample {
  /** Start of the measurement interval, Unix seconds. */
  readonly measureStart: number;
  /** Millicores for CPU, bytes for memory. */
  readonly usage: ResourceAmount;
  readonly resource: ResourceName;
}

/** A recommendation for one container (mirrors logic/recommender.go RecommendedContainerResources). */
export interface RecommendedContainerResources {
  readonly target: Resources;
  readonly lowerBound: Resources;
  readonly upperBound: Resources;
}

/** The recommendation as stored in the VPA status, with the target before policy capping. */
export interface ContainerRecommendation extends RecommendedContainerResources {
  readonly containerName: string;
  readonly uncappedTarget?: Resources;
}

/** Container scaling mode of a resource policy (mirrors vpa_types.ContainerScalingMode). */
export type ContainerScalingMode = "Auto" | "Off";

/** Which of requests and limits VPA controls (mirrors vpa_types.ContainerControlledValues). */
export type ContainerControlledValues = "RequestsAndLimits" | "RequestsOnly";

/** A container's resource policy, the part the recommender and updater read (mirrors vpa_types.ContainerResourcePolicy). */
export interface ContainerResourcePolicy {
  readonly mode?: ContainerScalingMode;
  readonly minAllowed?: Resources;
  readonly maxAllowed?: Resources;
  readonly controlledResources?: readonly ResourceName[];
  readonly controlledValues?: ContainerControlledValues;
}

/** Update priority of a pod (mirrors updater/priority/update_priority_calculator.go PodPriority). */
export interface PodPriority {
  /** Some container's request is outside [lowerBound, upperBound] (or missing). */
  readonly outsideRecommendedRange: boolean;
  /** Some container wants more than it requests. */
  readonly scaleUp: boolean;
  /** Sum over resources of |total request - total target| / max(total request, 1), in milli-units. */
  readonly resourceDiff: number;
}
