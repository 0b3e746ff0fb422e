/**
 * Lines over a numeric x axis as inline SVG (the sweep HTML report's figure-against-parameter charts): each series
 * its points joined in x order and marked, each point with a hover title, a legend below; the frame of
 * svg-scatter.ts (nice ticks, shares as percentages).
 */
import { escapeMarkup } from "./markup-escape.js";
import { cssColor, LEGEND_ROW, legend, px } from "./svg-chart.js";
import { emptyXySvg, type ScatterAxes, xyFrame } from "./svg-scatter.js";

/** One line: its name, asciichart color and points (hover titles). */
export interface XySeries {
  readonly name: string;
  readonly color: string;
  readonly points: readonly { readonly x: number; readonly y: number; readonly title: string }[];
}

/** The chart: every finite point, each series a polyline in x order; `(no configurations to chart)` when none. */
export function renderLinesSvg(
  series: readonly XySeries[],
  axes: ScatterAxes,
  size: { readonly width?: number; readonly height?: number } = {},
): string {
  const lines = series.map((s) => ({
    ...s,
    points: s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).sort((a, b) => a.x - b.x),
  }));
  const all = lines.flatMap((s) => s.points);
  if (all.length === 0) return emptyXySvg(axes.title, size.width);
  const items = lines.map((s) => ({ name: s.name, color: cssColor(s.color), dashed: false }));
  const [xs, ys] = [all.map((p) => p.x), all.map((p) => p.y)];
  // the frame without a legend first: its plot width says how many rows the legend wraps to (one series: none)
  const bare = xyFrame(xs, ys, axes, size);
  const rows = series.length > 1 ? legend(items, bare.left, bare.right, 0).rows : 0;
  const f = rows === 0 ? bare : xyFrame(xs, ys, axes, size, rows * LEGEND_ROW);
  const parts = [...f.parts, `<g fill="none" stroke-width="1.5">`];
  for (const s of lines) {
    if (s.points.length < 2) continue;
    const d = s.points.map((p, i) => `${i === 0 ? "M" : "L"}${px(f.x(p.x))},${px(f.y(p.y))}`).join("");
    parts.push(`<path d="${d}" stroke="${cssColor(s.color)}"/>`);
  }
  parts.push("</g>");
  for (const s of lines) {
    for (const p of s.points) {
      parts.push(
        `<circle cx="${px(f.x(p.x))}" cy="${px(f.y(p.y))}" r="3.5" fill="${cssColor(s.color)}"><title>${escapeMarkup(p.title)}</title></circle>`,
      );
    }
  }
  if (rows > 0) parts.push(legend(items, f.left, f.right, f.bottom + 56).svg);
  parts.push("</svg>");
  return parts.join("");
}
