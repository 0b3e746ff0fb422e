/**
 * One terminal line chart (asciichart), fitted to the terminal width: a title with the downsampling rule, the
 * plot with unit labels, a time axis and a legend. Downsampling rule: chart-columns.ts. The charts of a replay
 * are chosen in charts-text.ts.
 */
import asciichart from "asciichart";
import { type Aggregate, binSeries, type Columns, carryForward, chartColumns } from "./chart-columns.js";
import { RELATIVE_CLOCK, type ReportClock, tickTime } from "./report-clock.js";
import { fixedTrim, formatCompact, formatDuration } from "./text-format.js";

/** Options of {@link renderLineChart} (and of charts-text.ts renderCharts). */
export interface ChartOptions {
  /** Terminal columns; no line of the output is longer (default 100; at least label width + 2 for a plot). */
  readonly width?: number;
  /** Plot height in rows, plus or minus one from rounding (default 10). */
  readonly height?: number;
  /** Color the series and the legend with ANSI sequences (default false). */
  readonly color?: boolean;
  /** Unit of demand, e.g. `requests/s` (RunResult does not carry it); omitted when empty. */
  readonly demandUnit?: string;
  /** The clock of the time axis (default: offsets from the start; report-clock.ts). */
  readonly clock?: ReportClock;
}

/** One line of a chart: values per timeline row (null / NaN carried forward) or one constant. */
export interface ChartSeries {
  readonly name: string;
  readonly values: readonly (number | null | undefined)[] | number;
  /** asciichart color sequence used when `color` is on. */
  readonly color: string;
}

/** What {@link renderLineChart} draws. */
export interface ChartSpec {
  /** Title; the downsampling rule and column width are appended. */
  readonly title: string;
  /** Unit of the values: in the title, and in the y labels when at most 5 characters (`%` attached). */
  readonly unit: string;
  readonly aggregate: Aggregate;
  readonly series: readonly ChartSeries[];
  /**
   * Whole counts (pods, nodes): the y range is widened to integers, and when it spans at most the requested
   * height the plot gets one row per unit (fewer rows, every label an integer) so no count is drawn between rows.
   */
  readonly integer?: boolean;
  /**
   * A value drawn on a row of its own with that row's label showing it exactly (a metric's target): the bottom
   * label stays the data's minimum and the row spacing is stretched or shrunk so the anchor falls on a row.
   */
  readonly anchor?: number;
}

/** Row times and the end of the replay: the span the charts cover. */
export interface ChartTime {
  /** Timeline row times, ascending. */
  readonly times: readonly number[];
  /** End of the last row's step (exclusive). */
  readonly end: number;
}

/** An ANSI color sequence (ESC [ ... m), built from the char code to keep the control character out of a literal. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** Length as the terminal shows it (ANSI color sequences not counted). */
export function visibleLength(line: string): number {
  return line.replace(ANSI, "").length;
}

/** Cuts a line to at most `width` visible characters, ending with `…` when cut. */
function fitWidth(line: string, width: number): string {
  if (visibleLength(line) <= width) return line;
  const plain = line.replace(ANSI, "");
  return `${plain.slice(0, Math.max(0, width - 1))}…`;
}

function axisNumber(x: number): string {
  const a = Math.abs(x);
  if (a >= 1000) return formatCompact(x);
  return fixedTrim(x, a >= 100 ? 0 : a >= 10 ? 1 : 2, false);
}

/**
 * A y label: the number (an integer as is when `whole`) and, when the unit is short (at most 5 characters),
 * the unit (long ones: title only).
 */
function axisLabel(x: number, unit: string, whole = false): string {
  const n = whole && Math.abs(x) < 1000 ? String(x) : axisNumber(x);
  if (unit === "%") return `${n}%`;
  return unit === "" || unit === "1" || unit.length > 5 ? n : `${n} ${unit}`;
}

/** The y range: the data's, widened when flat (asciichart needs min != max), never below 0 for data >= 0. */
function yRange(series: readonly number[][]): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of series) for (const v of s) [min, max] = [Math.min(min, v), Math.max(max, v)];
  if (max > min) return { min, max };
  const delta = min === 0 ? 1 : Math.abs(min) * 0.1;
  return { min: min >= 0 && min - delta < 0 ? 0 : min - delta, max: max + delta };
}

/**
 * The plot rows with `anchor` on one of them: the bottom stays `min`, the spacing is (anchor - min) / a for the
 * whole a nearest (anchor - min) / (the requested spacing) from below or above, and the top is the first row at
 * or above `max`; the candidate whose row count is nearest the request wins (the fewer on a tie). Null (draw as
 * usual) when the anchor is outside the range or no candidate comes within 2 rows of the request.
 */
export function anchoredRows(
  range: { min: number; max: number },
  anchor: number,
  requested: number,
): { min: number; max: number; height: number } | null {
  const { min, max } = range;
  if (!(anchor >= min && anchor <= max && max > min)) return null;
  const step = (max - min) / requested;
  // row counts from rounding: a quotient within 1e-9 of a whole number is that number
  const whole = (x: number, up: boolean) => {
    const r = Math.round(x);
    return Math.abs(x - r) < 1e-9 ? r : up ? Math.ceil(x) : Math.floor(x);
  };
  if (anchor === min) return { min, max, height: requested };
  let best: { min: number; max: number; height: number } | null = null;
  const below = (anchor - min) / step;
  for (const a of new Set([whole(below, false), whole(below, true)])) {
    if (a < 1) continue;
    const spacing = (anchor - min) / a;
    const b = whole((max - anchor) / spacing, true);
    const height = a + b;
    if (Math.abs(height - requested) > 2) continue;
    if (best === null || Math.abs(height - requested) < Math.abs(best.height - requested)) {
      best = { min, max: anchor + b * spacing, height };
    }
  }
  return best;
}

/** An integer y range around a (possibly widened) one: floor / ceil, and at least one unit (never below 0 for data >= 0). */
function integerRange(r: { min: number; max: number }): { min: number; max: number } {
  const min = Math.max(Math.floor(r.min), r.min >= 0 ? 0 : Number.NEGATIVE_INFINITY);
  const max = Math.ceil(r.max);
  return max > min ? { min, max } : { min: min > 0 ? min - 1 : min, max: max + 1 };
}

/**
 * The x axis: a rule with tick marks under the plot, and the times at left, middle and right (the middle and right
 * ones only when they fit with a space between labels; the left one may run past a one-column plot).
 */
function timeAxis(labelWidth: number, cols: Columns, width: number, clock: ReportClock): string[] {
  const formatTick = (t: number): string => tickTime(clock, t, cols.end - cols.start, cols.start);
  const n = cols.count;
  const rule: string[] = Array.from({ length: n }, (_, c) => (c === 0 ? "└" : "─"));
  const line: string[] = Array(Math.max(width, labelWidth + n)).fill(" ");
  const taken: [number, number][] = [];
  const place = (text: string, at: number, limit: number): boolean => {
    const to = at + text.length;
    if (at < labelWidth || to > limit) return false;
    if (taken.some(([a, b]) => at < b + 1 && to + 1 > a)) return false;
    taken.push([at, to]);
    for (let k = 0; k < text.length; k++) line[at + k] = text[k] ?? " ";
    return true;
  };
  place(formatTick(cols.start), labelWidth, width);
  if (n > 1) {
    const end = labelWidth + n;
    const right = formatTick(cols.end);
    if (place(right, end - right.length, end)) rule[n - 1] = "┬";
    const mid = Math.floor(n / 2);
    const middle = formatTick(cols.start + mid * cols.step);
    if (mid > 0 && mid < n - 1 && place(middle, labelWidth + mid - Math.floor(middle.length / 2), end)) {
      rule[mid] = "┬";
    }
  }
  return [" ".repeat(labelWidth) + rule.join(""), line.join("").trimEnd()];
}

/**
 * One chart: a title line (with the downsampling rule), the asciichart plot with unit labels, the time axis and
 * a legend. The plot gets `width - labelWidth` columns (label width = the widest y label; the y axis column holds
 * the first point), each covering whole seconds. Lines end without trailing spaces; none is longer than `width`.
 */
export function renderLineChart(spec: ChartSpec, time: ChartTime, options: ChartOptions = {}): string {
  const width = Math.max(1, Math.floor(options.width ?? 100));
  const requested = Math.max(1, Math.floor(options.height ?? 10));
  const filled = spec.series.map((s) =>
    typeof s.values === "number" ? s.values : carryForward(s.values.slice(0, time.times.length)),
  );
  const present = spec.series.filter((_, k) => filled[k] !== null);
  const rawSeries = filled.filter((v): v is number | number[] => v !== null);
  const start = time.times[0] ?? 0;
  if (present.length === 0 || time.times.length === 0) {
    return [fitWidth(spec.title, width), "  (no samples)"].join("\n");
  }
  const range = yRange(rawSeries.map((v) => (typeof v === "number" ? [v] : v)));
  const anchored =
    spec.integer !== true && spec.anchor !== undefined ? anchoredRows(range, spec.anchor, requested) : null;
  const { min, max } = anchored ?? (spec.integer === true ? integerRange(range) : range);
  const exact = spec.integer === true && max - min <= requested;
  const height = anchored?.height ?? (exact ? max - min : requested);
  const label = (x: number): string => axisLabel(exact ? Math.round(x) : x, spec.unit, exact);
  const labels: string[] = [];
  asciichart.plot([min, max], {
    min,
    max,
    height,
    format: (x) => {
      labels.push(label(x));
      return "";
    },
  });
  const labelWidth = Math.max(2, ...labels.map((l) => l.length));
  const cols = chartColumns(start, time.end, width - labelWidth);
  const data = rawSeries.map((v) =>
    typeof v === "number"
      ? Array<number>(cols.count).fill(v)
      : binSeries(time.times, v, cols, spec.aggregate),
  );
  const plot = asciichart.plot(data, {
    min,
    max,
    height,
    offset: 2,
    format: (x) => label(x).padStart(labelWidth),
    ...(options.color === true ? { colors: present.map((s) => s.color) } : {}),
  });
  const rule = `${spec.aggregate} per ${formatDuration(cols.step)} column`;
  const title = `${spec.title} (${spec.unit === "" || spec.unit === "1" ? "" : `${spec.unit}; `}${rule})`;
  const legend = present
    .map((s) => `${options.color === true ? asciichart.colored("──", s.color) : "──"} ${s.name}`)
    .join("   ");
  const lines = [
    fitWidth(title, width),
    ...plot.split("\n").map((l) => l.trimEnd()),
    ...timeAxis(labelWidth, cols, width, options.clock ?? RELATIVE_CLOCK).map((l) => fitWidth(l, width)),
    fitWidth(`${" ".repeat(labelWidth)}${legend}`, width),
  ];
  return lines.join("\n");
}
