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
  /** The container it applies to, or "*" for every container without its own policy. */
  readonly containerName: string;
  readonly mode?: ContainerScalingMode;
  readonly minAllowed?: Resources;
  readonly maxAllowed?: Resources;
  readonly controlledResources?: readonly ResourceName[];
  readonly controlledValues?: ContainerControlledValues;
}

/** The VPA's resource policy (mirrors vpa_types.PodResourcePolicy). */
export interface PodResourcePolicy {
  readonly containerPolicies: readonly ContainerResourcePolicy[];
}

/** DefaultContainerResourcePolicy: the policy name that matches every container. */
export const DEFAULT_CONTAINER_RESOURCE_POLICY = "*";

/** Requests and limits of a container, amounts in millicores / bytes. */
export interface ContainerResources {
  readonly requests: Resources;
  readonly limits: Resources;
}

/**
 * A pod's container as the updater and admission controller see it: spec resources, and the resources
 * reported in the container status when the kubelet reports them (in-place resize aware).
 */
export interface PodContainer {
  readonly name: string;
  readonly spec: ContainerResources;
  readonly status?: ContainerResources;
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
