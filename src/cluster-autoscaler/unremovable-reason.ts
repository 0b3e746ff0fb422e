/**
 * Why a node cannot be scaled down: the upstream enum identifiers verbatim
 * (mirrors simulator/cluster.go UnremovableReason).
 */
export type UnremovableReason =
  | "ScaleDownDisabledAnnotation"
  | "ScaleDownUnreadyDisabled"
  | "NotAutoscaled"
  | "NotUnneededLongEnough"
  | "NotUnreadyLongEnough"
  | "NodeGroupMinSizeReached"
  | "NodeGroupMaxDeletionCountReached"
  | "AtomicScaleDownFailed"
  | "MinimalResourceLimitExceeded"
  | "CurrentlyBeingDeleted"
  | "NotUnderutilized"
  | "NotUnneededOtherReason"
  | "RecentlyUnremovable"
  | "NoPlaceToMovePods"
  | "BlockedByPod"
  | "UnexpectedError"
  | "NoNodeInfo"
  | "BlockedByOnCompletionPod";

/** A node that stays, with the reason. */
export interface UnremovableNode {
  readonly node: string;
  readonly reason: UnremovableReason;
}
