/**
 * A one-line progress bar for long replays and sweeps. It draws only on a terminal (`stream.isTTY`); anywhere
 * else (pipes, files, CI logs) it writes nothing at all. Time comes from an injected clock, never Date.now().
 */
import { formatCompact, formatDuration } from "./text-format.js";

/** The part of a writable stream the bar needs (process.stderr fits). */
export interface ProgressStream {
  readonly isTTY?: boolean | undefined;
  /** Terminal width; frames are cut to `columns - 1` when known. */
  readonly columns?: number | undefined;
  write(chunk: string): unknown;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** The amount that means done (e.g. simulated seconds of all replays). */
  readonly total: number;
  /** Text before the bar. */
  readonly label: string;
  /** What is counted, after the numbers (default `simulated s`). */
  readonly unit?: string;
  /** Cells of the bar (default 20). */
  readonly barWidth?: number;
  /** Monotonic clock in milliseconds (default `() => performance.now()`). */
  readonly now?: () => number;
  /** Least milliseconds between two redraws (default 100, i.e. at most ~10 redraws/s). */
  readonly minIntervalMs?: number;
}

/** A running progress bar. */
export interface Progress {
  /** Reports `done` units so far; redraws unless the last redraw was less than `minIntervalMs` ago. */
  update(done: number): void;
  /** Clears the line (if anything was drawn); later calls of update and finish do nothing. */
  finish(): void;
}

/** Erase the whole line and return the cursor to its start (CR + ANSI EL2). */
export const CLEAR_LINE = "\r\x1b[2K";

/**
 * One frame without the leading `\r`: `label [########............] 42% 12.6M/30.0M simulated s, eta 4s`.
 * `elapsedMs` is the time since the bar was created; the ETA assumes the rate so far (omitted until there is a rate).
 */
export function renderProgressFrame(
  label: string,
  done: number,
  total: number,
  elapsedMs: number,
  unit = "simulated s",
  barWidth = 20,
): string {
  const clamped = Math.min(Math.max(done, 0), total);
  const fraction = total > 0 ? clamped / total : 1;
  const filled = Math.floor(fraction * barWidth);
  const bar = "#".repeat(filled) + ".".repeat(barWidth - filled);
  const percent = Math.floor(fraction * 100);
  let eta = "";
  if (clamped >= total) eta = ", eta 0s";
  else if (clamped > 0 && elapsedMs > 0) {
    eta = `, eta ${formatDuration(Math.ceil(((total - clamped) * elapsedMs) / clamped / 1000))}`;
  }
  return `${label} [${bar}] ${percent}% ${formatCompact(clamped, 0)}/${formatCompact(total, 0)} ${unit}${eta}`;
}

const NOOP: Progress = { update() {}, finish() {} };

/**
 * A progress bar on `stream`: each redraw writes `\r` + the frame (padded with spaces to cover a longer previous
 * frame); `finish()` writes {@link CLEAR_LINE}. Redraws are throttled by the injected clock: the first update
 * draws, later ones only when at least `minIntervalMs` has passed since the last draw. Does nothing at all when
 * `stream.isTTY` is not true.
 */
export function createProgress(stream: ProgressStream, options: ProgressOptions): Progress {
  if (stream.isTTY !== true) return NOOP;
  const now = options.now ?? (() => performance.now());
  const minInterval = options.minIntervalMs ?? 100;
  const start = now();
  let lastDraw: number | null = null;
  let lastLength = 0;
  let finished = false;
  return {
    update(done: number): void {
      if (finished) return;
      const t = now();
      if (lastDraw !== null && t - lastDraw < minInterval) return;
      lastDraw = t;
      let frame = renderProgressFrame(
        options.label,
        done,
        options.total,
        t - start,
        options.unit,
        options.barWidth,
      );
      if (stream.columns !== undefined && stream.columns > 1) frame = frame.slice(0, stream.columns - 1);
      const pad = " ".repeat(Math.max(0, lastLength - frame.length));
      lastLength = frame.length;
      stream.write(`\r${frame}${pad}`);
    },
    finish(): void {
      if (finished) return;
      finished = true;
      if (lastDraw !== null) stream.write(CLEAR_LINE);
    },
  };
}
