/**
 * One chart of a replay as inline SVG (the HTML report): the ChartSpec the terminal draws (charts-text.ts),
 * binned to at most one column per pixel of plot width (chart-columns.ts), each series a step line (a value holds
 * until the next column), with nice y ticks, time ticks on the report's clock, gridlines and a legend.
 */
import asciichart from "asciichart";
import { binSeries, type Columns, carryForward, chartColumns } from "./chart-columns.js";
import type { ChartSpec, ChartTime } from "./line-chart.js";
import { escapeMarkup } from "./markup-escape.js";
import { type ReportClock, tickTime } from "./report-clock.js";
import { fixedTrim, formatDuration } from "./text-format.js";

/** Options of {@link renderSvgChart}. */
export interface SvgChartOptions {
  /** The clock of the time axis (report-clock.ts). */
  readonly clock: ReportClock;
  /** Width of the drawing in px (default 800). */
  readonly width?: number;
  /** Height of the drawing in px, legend included (default 260; more when the legend would not fit). */
  readonly height?: number;
}

/** CSS colors of asciichart's color sequences (the series colors of charts-text.ts); others draw gray. */
const CSS_COLORS: ReadonlyMap<string, string> = new Map([
  [asciichart.black, "#222222"],
  [asciichart.red, "#d62728"],
  [asciichart.green, "#2ca02c"],
  [asciichart.yellow, "#c79a00"],
  [asciichart.blue, "#1f77b4"],
  [asciichart.magenta, "#b0359c"],
  [asciichart.cyan, "#17a2b8"],
  [asciichart.lightgray, "#a0a0a0"],
  [asciichart.darkgray, "#555555"],
  [asciichart.lightred, "#ff7f7f"],
  [asciichart.lightgreen, "#7fcf7f"],
  [asciichart.lightyellow, "#e0c040"],
  [asciichart.lightblue, "#6baed6"],
  [asciichart.lightmagenta, "#e377c2"],
  [asciichart.lightcyan, "#7fd8e6"],
  [asciichart.white, "#bbbbbb"],
]);

/** The CSS color of a series' asciichart color sequence (`#777777` when unknown). */
export function cssColor(ansi: string): string {
  return CSS_COLORS.get(ansi) ?? "#777777";
}

/** Estimated width of one character at the 11 px font (layout only: labels, legend). */
export const CHAR = 6.2;
const TOP = 30;
const RIGHT = 14;
export const LEGEND_ROW = 16;

/** A coordinate with at most one decimal. */
export function px(x: number): string {
  return fixedTrim(x, 1);
}

/**
 * 4 to 6 evenly spaced ticks of step 1, 2 or 5 × 10^k covering `[lo, hi]` (integer steps only when `integer`):
 * the smallest such step giving at most 6 ticks, widened upwards to 4 when it gives fewer.
 */
export function niceTicks(lo: number, hi: number, integer = false): number[] {
  const span = hi > lo ? hi - lo : Math.max(Math.abs(lo), 1);
  const k0 = Math.max(Math.floor(Math.log10(span / 5)) - 1, integer ? 0 : Number.NEGATIVE_INFINITY);
  for (let k = k0; k < k0 + 6; k++) {
    for (const m of [1, 2, 5]) {
      const step = m * 10 ** k;
      // tick i is i * m * 10^k, computed so that 3 * 0.1 reads 0.3
      const at = (i: number) => (k >= 0 ? i * m * 10 ** k : (i * m) / 10 ** -k);
      const from = Math.floor(lo / step + 1e-9);
      let to = Math.ceil(hi / step - 1e-9);
      if (to - from + 1 > 6) continue;
      to = Math.max(to, from + 3);
      return Array.from({ length: to - from + 1 }, (_, i) => at(from + i));
    }
  }
  return [lo, hi];
}

/** A tick number: decimals of its step; thousands as `k`, millions as `M` when the step allows one decimal. */
export function tickNumber(v: number, step: number): string {
  const a = Math.abs(v);
  if (a >= 1e6 && step >= 1e5) return `${fixedTrim(v / 1e6, 1)}M`;
  if (a >= 1e3 && step >= 100) return `${fixedTrim(v / 1e3, 1)}k`;
  return fixedTrim(v, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
}

/** Seconds between time ticks to choose from (then whole multiples of 10 days). */
const TIME_STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 432000,
];

/**
 * Time ticks over `[start, end]`: the smallest step of {@link TIME_STEPS} giving at most 6, at whole multiples
 * of the step on the report's clock (midnight UTC for days on an absolute clock).
 */
export function timeTicks(start: number, end: number, clock: ReportClock): number[] {
  const span = Math.max(1, end - start);
  const step = TIME_STEPS.find((s) => span / s <= 6) ?? 864000 * Math.ceil(span / 6 / 864000);
  const base = clock.startEpochSeconds ?? 0;
  const ticks: number[] = [];
  for (let t = Math.ceil((start + base) / step) * step - base; t <= end; t += step) ticks.push(t);
  return ticks;
}

/** The y domain of the data: zero included when that at most doubles the span; a flat one widened. */
function yDomain(series: readonly (number | number[])[]): { lo: number; hi: number } {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of series)
    for (const v of typeof s === "number" ? [s] : s) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (lo > 0 && lo <= hi / 2) lo = 0;
  if (hi < 0 && hi >= lo / 2) hi = 0;
  if (hi > lo) return { lo, hi };
  const delta = lo === 0 ? 1 : Math.abs(lo) * 0.1;
  return { lo: lo - (lo === 0 ? 0 : delta), hi: hi + delta };
}

/** The series' step line over the columns: one `H…V…` per change of its rounded y. */
function stepPath(
  values: readonly number[],
  cols: Columns,
  x: (t: number) => number,
  y: (v: number) => number,
): string {
  let prev = px(y(values[0] ?? 0));
  let d = `M${px(x(cols.start))},${prev}`;
  for (let c = 1; c < values.length; c++) {
    const yc = px(y(values[c] ?? 0));
    if (yc === prev) continue;
    d += `H${px(x(cols.start + c * cols.step))}V${yc}`;
    prev = yc;
  }
  return `${d}H${px(x(cols.end))}`;
}

/** The legend: a colored stroke and the name per series (dashed for a constant), wrapped to the width. */
export function legend(
  items: readonly { name: string; color: string; dashed: boolean }[],
  left: number,
  right: number,
  top: number,
): { svg: string; rows: number } {
  const parts: string[] = [];
  let x = left;
  let row = 0;
  for (const it of items) {
    const w = 26 + it.name.length * CHAR + 18;
    if (x > left && x + w > right) [x, row] = [left, row + 1];
    const y = top + row * LEGEND_ROW;
    const dash = it.dashed ? ' stroke-dasharray="6 4"' : "";
    parts.push(
      `<path d="M${px(x)},${px(y - 4)}h20" stroke="${it.color}" stroke-width="2"${dash}/>`,
      `<text x="${px(x + 26)}" y="${px(y)}">${escapeMarkup(it.name)}</text>`,
    );
    x += w;
  }
  return { svg: parts.join(""), rows: items.length === 0 ? 0 : row + 1 };
}

/** The opening tag and title of a chart's SVG. */
export function svgOpen(title: string, width: number, height: number): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
    `role="img" font-family="sans-serif" font-size="11"><title>${escapeMarkup(title)}</title>` +
    `<text x="4" y="15" font-size="13" font-weight="bold">${escapeMarkup(title)}</text>`
  );
}

/** Time tick labels centered under their ticks (kept inside the drawing); one overlapping the previous is left out. */
function timeLabels(
  ticks: readonly number[],
  x: (t: number) => number,
  y: number,
  width: number,
  label: (t: number) => string,
): string {
  const parts: string[] = [];
  let free = 0;
  for (const t of ticks) {
    const text = label(t);
    const w = text.length * CHAR;
    const at = x(t);
    let [from, anchor] = [at - w / 2, "middle"];
    if (from < 2) [from, anchor] = [at, "start"];
    else if (at + w / 2 > width - 2) [from, anchor] = [at - w, "end"];
    if (from < free) continue;
    free = from + w + 8;
    parts.push(`<text x="${px(at)}" y="${px(y)}" text-anchor="${anchor}">${escapeMarkup(text)}</text>`);
  }
  return parts.join("");
}

/**
 * One chart as an `<svg>`: its title (with the unit and the binning rule, as the terminal's), y gridlines at
 * {@link niceTicks} labelled with the unit, time ticks via tickTime, each series binned with binSeries and the
 * spec's aggregate to at most one column per pixel and drawn as a step line (a constant one dashed), and a
 * legend. `(no samples)` when the timeline is empty or no series has a finite value.
 */
export function renderSvgChart(spec: ChartSpec, time: ChartTime, options: SvgChartOptions): string {
  const width = Math.max(200, Math.round(options.width ?? 800));
  const height = Math.max(120, Math.round(options.height ?? 260));
  const n = time.times.length;
  const filled = spec.series.map((s) =>
    typeof s.values === "number"
      ? Number.isFinite(s.values)
        ? s.values
        : null
      : carryForward(s.values.slice(0, n)),
  );
  const drawn = filled.filter((v): v is number | number[] => v !== null);
  const unitText = spec.unit === "" || spec.unit === "1" ? "" : spec.unit;
  if (n === 0 || drawn.length === 0) {
    return `${svgOpen(spec.title, width, 60)}<text x="4" y="40" fill="#777777">(no samples)</text></svg>`;
  }
  const { lo, hi } = yDomain(drawn);
  const ticks = niceTicks(lo, hi, spec.integer === true);
  const step = (ticks[1] ?? 1) - (ticks[0] ?? 0);
  const yLabel = (v: number) => `${tickNumber(v, step)}${spec.unit === "%" ? "%" : ""}`;
  const caption = spec.unit === "%" ? "" : unitText;
  const left = Math.ceil(
    (caption === "" ? 6 : 22) + Math.max(...ticks.map((v) => yLabel(v).length)) * CHAR + 6,
  );
  const right = width - RIGHT;
  const start = time.times[0] ?? 0;
  const cols = chartColumns(start, time.end, right - left);
  const items = spec.series.map((s, k) => ({
    name: filled[k] === null ? `${s.name} (no samples)` : s.name,
    color: cssColor(s.color),
    dashed: typeof s.values === "number",
  }));
  const legendRows = legend(items, left, right, 0).rows;
  const bottom = Math.max(TOP + 40, height - 30 - legendRows * LEGEND_ROW);
  const yMin = ticks[0] ?? lo;
  const yMax = ticks[ticks.length - 1] ?? hi;
  const x = (t: number) => left + ((t - cols.start) / (cols.end - cols.start)) * (right - left);
  const y = (v: number) => bottom - ((v - yMin) / (yMax - yMin)) * (bottom - TOP);
  const xTicks = timeTicks(cols.start, cols.end, options.clock);
  const first = xTicks[0] ?? cols.start;
  const span = cols.end - cols.start;
  const rule = `${spec.aggregate} per ${formatDuration(cols.step)} column`;
  const title = `${spec.title} (${unitText === "" ? "" : `${unitText}; `}${rule})`;
  const parts = [
    svgOpen(title, width, bottom + 30 + legendRows * LEGEND_ROW),
    `<path d="${ticks.map((v) => `M${left},${px(y(v))}H${right}`).join("")}" stroke="#e4e4e4" fill="none"/>`,
    `<path d="${xTicks.map((t) => `M${px(x(t))},${TOP}V${bottom}`).join("")}" stroke="#e4e4e4" fill="none"/>`,
    `<path d="M${left},${TOP}V${bottom}H${right}" stroke="#888888" fill="none"/>`,
    `<g text-anchor="end">${ticks.map((v) => `<text x="${left - 4}" y="${px(y(v) + 4)}">${escapeMarkup(yLabel(v))}</text>`).join("")}</g>`,
    caption === ""
      ? ""
      : `<text transform="rotate(-90)" x="${px(-(TOP + bottom) / 2)}" y="12" text-anchor="middle">${escapeMarkup(caption)}</text>`,
    timeLabels(xTicks, x, bottom + 15, width, (t) => tickTime(options.clock, t, span, first)),
    `<g fill="none" stroke-width="1.5">`,
  ];
  spec.series.forEach((s, k) => {
    const v = filled[k];
    if (v === undefined || v === null) return;
    const color = cssColor(s.color);
    const name = `<title>${escapeMarkup(s.name)}</title>`;
    if (typeof v === "number") {
      parts.push(
        `<path d="M${left},${px(y(v))}H${right}" stroke="${color}" stroke-dasharray="6 4">${name}</path>`,
      );
    } else {
      const d = stepPath(binSeries(time.times, v, cols, spec.aggregate), cols, x, y);
      parts.push(`<path d="${d}" stroke="${color}">${name}</path>`);
    }
  });
  parts.push("</g>", legend(items, left, right, bottom + 38).svg, "</svg>");
  return parts.join("");
}
