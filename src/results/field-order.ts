/**
 * The declared order of a run's record fields, shared by the reporters that write them in order (run-json.ts,
 * timeline-csv.ts) and the assertions that read them (assertion-scope.ts).
 */
import type { RunSummary, TimelineRow } from "./types.js";

/** The timeline's fixed leading fields, in order; each is a numeric field of {@link TimelineRow}. */
export const TIMELINE_BASE_COLUMNS = [
  "t",
  "demand",
  "served",
  "unserved",
  "desiredReplicas",
  "replicas",
  "readyReplicas",
  "pendingPods",
  "startingPods",
  "terminatingPods",
] as const satisfies readonly (keyof TimelineRow)[];

/** The summary's numeric fields, in declared order (before its metrics, cluster and VPA parts). */
export const SUMMARY_NUMBERS = [
  "durationSeconds",
  "peakReplicas",
  "meanReplicas",
  "finalReplicas",
  "replicaHours",
  "peakReadyReplicas",
  "unservedShare",
  "peakUnserved",
  "totalDemand",
  "totalUnserved",
  "scaleUps",
  "scaleDowns",
  "flaps",
  "secondsLimitedAtMax",
  "syncs",
  "oomKills",
] as const satisfies readonly (keyof RunSummary)[];
