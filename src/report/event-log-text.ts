/** The event log of a replay, printed the way `kubectl describe hpa` prints its Events section. */
import type { RunEvent, RunResult } from "../results/types.js";
import { RELATIVE_CLOCK, type ReportClock, tableTime } from "./report-clock.js";
import { renderTable } from "./table.js";
import { humanDuration } from "./text-format.js";

/** Options of {@link renderEventLog}. */
export interface EventLogOptions {
  /** Most event lines shown after condensing (default 40); beyond it the middle is elided. */
  readonly maxLines?: number;
  /** Lines kept from the start when eliding (default `min(10, floor(maxLines / 4))`); the rest from the end. */
  readonly head?: number;
  /** The clock of the Time column (default: offsets from the start; report-clock.ts). */
  readonly clock?: ReportClock;
}

/** Consecutive equal events (same type, reason, message and object) folded into one. */
export interface CondensedEvent {
  readonly first: RunEvent;
  /** How many events were folded (>= 1). */
  readonly count: number;
  /** Time of the last folded event, seconds from the start. */
  readonly lastT: number;
}

/**
 * The component an event comes from, picked by the kind in `object` (`Kind/name`):
 * HorizontalPodAutoscaler -> `horizontal-pod-autoscaler`, Deployment -> `deployment-controller`,
 * ReplicaSet -> `replicaset-controller`; any other object is printed as is.
 */
export function eventSource(object: string): string {
  const kind = object.split("/")[0];
  switch (kind) {
    case "HorizontalPodAutoscaler":
      return "horizontal-pod-autoscaler";
    case "Deployment":
      return "deployment-controller";
    case "ReplicaSet":
      return "replicaset-controller";
    default:
      return object;
  }
}

/**
 * Folds runs of consecutive events with the same type, reason, message and object (as the event recorder's
 * count does). Events that differ only in object are kept apart so the From column stays true.
 */
export function condenseEvents(events: readonly RunEvent[]): CondensedEvent[] {
  const out: CondensedEvent[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (
      last !== undefined &&
      last.first.type === e.type &&
      last.first.reason === e.reason &&
      last.first.message === e.message &&
      last.first.object === e.object
    ) {
      out[out.length - 1] = { first: last.first, count: last.count + 1, lastT: e.t };
    } else {
      out.push({ first: e, count: 1, lastT: e.t });
    }
  }
  return out;
}

function timeCell(c: CondensedEvent, clock: ReportClock): string {
  const at = tableTime(clock, c.first.t);
  return c.count === 1 ? at : `${at} (x${c.count} over ${humanDuration(c.lastT - c.first.t)})`;
}

/**
 * The Events section: `Events:  <none>` when empty, else a table with columns Type, Reason, Time, From, Message.
 * Time is the offset of the first occurrence from the start of the replay (`t=1h02m15s`; kubectl's Age makes no
 * sense for a replay), or on the trace's clock its UTC date and time (`1998-06-30 14:35:15`, column `Time (UTC)`);
 * folded runs read `t=1h02m15s (x4 over 5m)` with kubectl's short duration of first-to-last.
 * When more than `maxLines` lines remain after folding, the first `head` and the last `maxLines - head` are
 * shown with `  ... N more events ...` between them (N counts events, folded ones included). Ends with a newline.
 */
export function renderEventLog(result: Pick<RunResult, "events">, options: EventLogOptions = {}): string {
  const events = result.events;
  if (events.length === 0) return "Events:  <none>\n";
  const maxLines = Math.max(1, Math.floor(options.maxLines ?? 40));
  const head = Math.min(maxLines, Math.max(0, Math.floor(options.head ?? Math.min(10, maxLines / 4))));
  const clock = options.clock ?? RELATIVE_CLOCK;
  const all = condenseEvents(events);
  let shown = all;
  let hidden = 0;
  let cut = -1;
  if (all.length > maxLines) {
    const tail = maxLines - head;
    const dropped = all.slice(head, all.length - tail);
    hidden = dropped.reduce((n, c) => n + c.count, 0);
    shown = [...all.slice(0, head), ...all.slice(all.length - tail)];
    cut = head;
  }
  const rows = shown.map((c) => [
    c.first.type,
    c.first.reason,
    timeCell(c, clock),
    eventSource(c.first.object),
    c.first.message,
  ]);
  const lines = renderTable(
    ["Type", "Reason", clock.startEpochSeconds === null ? "Time" : "Time (UTC)", "From", "Message"],
    rows,
  ).split("\n");
  if (cut >= 0) lines.splice(2 + cut, 0, `  ... ${hidden} more events ...`);
  return `Events:\n${lines.join("\n")}\n`;
}
