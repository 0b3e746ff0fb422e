/**
 * A trade-off chart as inline SVG (the sweep and compare HTML reports): every configuration a point at its cost
 * (x) and risk (y), the Pareto front joined by its staircase and its points numbered, the configurations whose
 * assertions failed drawn hollow. Axes with nice ticks (svg-chart.ts niceTicks), each point with a hover title.
 */
import { escapeMarkup } from "./markup-escape.js";
import { CHAR, niceTicks, px, svgOpen, tickNumber } from "./svg-chart.js";

/** One configuration of the chart. */
export interface ScatterPoint {
  readonly x: number;
  readonly y: number;
  /** The number drawn next to a point of the front (its row in the table). */
  readonly label: string;
  /** The hover text: the configuration and its figures. */
  readonly title: string;
  /** On the Pareto front (joined and numbered). */
  readonly front: boolean;
  /** Its assertions all held (else drawn hollow and red). */
  readonly holds: boolean;
}

/** What the axes say. */
export interface ScatterAxes {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** The y values are shares (0..1), labelled as percentages. */
  readonly yShare: boolean;
}

const TOP = 30;
const RIGHT = 20;
const FRONT = "#1f77b4";
const FAILED = "#d62728";

/**
 * An axis domain: the values' range, with 0 included when that at most doubles it; widened when flat (a range below
 * a billionth of the values, or of 1: nothing to tell apart; [0, 1] around zero).
 */
function domain(values: readonly number[]): [number, number] {
  // (loops, not Math.min(...values): a sweep's many points would overflow the call stack)
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > 0 && lo <= hi / 2) lo = 0;
  if (hi - lo > 1e-9 * Math.max(1, Math.abs(hi))) return [lo, hi];
  if (Math.abs(hi) <= 1e-9) return [0, 1];
  const d = Math.abs(hi) * 0.1;
  return [hi - d, hi + d];
}

/** An x-y plot's drawing: its opening, gridlines, axes and tick labels, and the value -> pixel maps. */
export interface XyFrame {
  readonly parts: string[];
  readonly x: (v: number) => number;
  readonly y: (v: number) => number;
  readonly left: number;
  readonly right: number;
  readonly bottom: number;
}

/**
 * The frame of an x-y plot over the given values (y shares drawn as percentages), `extraHeight` px left below the
 * x axis' label (a legend).
 */
export function xyFrame(
  xs: readonly number[],
  ys: readonly number[],
  axes: ScatterAxes,
  size: { readonly width?: number; readonly height?: number },
  extraHeight = 0,
): XyFrame {
  const width = Math.max(240, Math.round(size.width ?? 800));
  const height = Math.max(160, Math.round(size.height ?? 360)) + extraHeight;
  const scale = axes.yShare ? 100 : 1;
  const xTicks = niceTicks(...domain(xs));
  const yTicks = niceTicks(...domain(ys.map((v) => v * scale)));
  const xStep = (xTicks[1] ?? 1) - (xTicks[0] ?? 0);
  const yStep = (yTicks[1] ?? 1) - (yTicks[0] ?? 0);
  const yText = (v: number) => `${tickNumber(v, yStep)}${axes.yShare ? "%" : ""}`;
  const left = Math.ceil(22 + Math.max(...yTicks.map((v) => yText(v).length)) * CHAR + 6);
  const right = width - RIGHT;
  const bottom = height - 44 - extraHeight;
  const [x0, x1] = [xTicks[0] ?? 0, xTicks[xTicks.length - 1] ?? 1];
  const [y0, y1] = [yTicks[0] ?? 0, yTicks[yTicks.length - 1] ?? 1];
  const x = (v: number) => left + ((v - x0) / (x1 - x0)) * (right - left);
  const y = (v: number) => bottom - ((v * scale - y0) / (y1 - y0)) * (bottom - TOP);
  const parts = [
    svgOpen(axes.title, width, height),
    `<path d="${yTicks.map((v) => `M${left},${px(y(v / scale))}H${right}`).join("")}${xTicks.map((v) => `M${px(x(v))},${TOP}V${bottom}`).join("")}" stroke="#e4e4e4" fill="none"/>`,
    `<path d="M${left},${TOP}V${bottom}H${right}" stroke="#888888" fill="none"/>`,
    `<g text-anchor="end">${yTicks.map((v) => `<text x="${left - 4}" y="${px(y(v / scale) + 4)}">${escapeMarkup(yText(v))}</text>`).join("")}</g>`,
    `<g text-anchor="middle">${xTicks.map((v) => `<text x="${px(x(v))}" y="${bottom + 15}">${escapeMarkup(tickNumber(v, xStep))}</text>`).join("")}</g>`,
    `<text x="${px((left + right) / 2)}" y="${bottom + 34}" text-anchor="middle">${escapeMarkup(axes.xLabel)}</text>`,
    `<text transform="rotate(-90)" x="${px(-(TOP + bottom) / 2)}" y="12" text-anchor="middle">${escapeMarkup(axes.yLabel)}</text>`,
  ];
  return { parts, x, y, left, right, bottom };
}

/** An SVG that says there is nothing to draw. */
export function emptyXySvg(title: string, width = 800): string {
  return `${svgOpen(title, Math.max(240, Math.round(width)), 60)}<text x="4" y="40" fill="#777777">(no configurations to chart)</text></svg>`;
}

/**
 * The chart: points with finite coordinates (the others are left out), ticks at niceTicks of each axis, the front
 * as a staircase in the order given (cheapest first). `(no configurations to chart)` when no point is finite.
 */
export function renderScatterSvg(
  points: readonly ScatterPoint[],
  axes: ScatterAxes,
  size: { readonly width?: number; readonly height?: number } = {},
): string {
  const shown = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (shown.length === 0) return emptyXySvg(axes.title, size.width);
  const { parts, x, y } = xyFrame(
    shown.map((p) => p.x),
    shown.map((p) => p.y),
    axes,
    size,
  );
  const front = shown.filter((p) => p.front);
  if (front.length > 1) {
    // the staircase: from each point of the front across to the next one's cost, then down to its risk
    let d = `M${px(x(front[0]?.x ?? 0))},${px(y(front[0]?.y ?? 0))}`;
    for (const p of front.slice(1)) d += `H${px(x(p.x))}V${px(y(p.y))}`;
    parts.push(`<path d="${d}" stroke="${FRONT}" stroke-width="1.5" fill="none"/>`);
  }
  for (const p of shown) {
    const fill = p.holds ? (p.front ? FRONT : "#9ecae1") : "none";
    const stroke = p.holds ? FRONT : FAILED;
    parts.push(
      `<circle cx="${px(x(p.x))}" cy="${px(y(p.y))}" r="${p.front ? 5 : 4}" fill="${fill}" stroke="${stroke}" stroke-width="1.5"><title>${escapeMarkup(p.title)}</title></circle>`,
    );
    if (p.front)
      parts.push(
        `<text x="${px(x(p.x) + 7)}" y="${px(y(p.y) - 6)}" fill="${FRONT}">${escapeMarkup(p.label)}</text>`,
      );
  }
  parts.push("</svg>");
  return parts.join("");
}
