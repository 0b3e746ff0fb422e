import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderScatterSvg, type ScatterPoint } from "../../src/report/svg-scatter.js";
import { unbalanced } from "./html-reading.js";

const AXES = { title: "cost against risk", xLabel: "replica-hours", yLabel: "unserved load", yShare: true };

/** The ticks of an axis: label values and their pixel positions (x from the middle-anchored labels, y from the end-anchored). */
function ticks(svg: string, axis: "x" | "y"): { values: number[]; at: number[] } {
  const group = axis === "y" ? "end" : "middle";
  const labels = new RegExp(`<g text-anchor="${group}">(.*?)</g>`).exec(svg)?.[1] ?? "";
  const parsed = [...labels.matchAll(/<text x="([\d.]+)" y="([\d.]+)">([^<]*)<\/text>/g)];
  const num = (s: string) => {
    const v = Number.parseFloat(s);
    return s.endsWith("k") ? v * 1000 : v;
  };
  return {
    values: parsed.map((m) => num(m[3] ?? "")),
    at: parsed.map((m) => (axis === "x" ? Number(m[1]) : Number(m[2]) - 4)),
  };
}

/** The points drawn: centre and the hover title, in order. */
function circles(svg: string): { cx: number; cy: number; fill: string; title: string }[] {
  return [
    ...svg.matchAll(
      /<circle cx="([\d.]+)" cy="([\d.]+)" r="\d" fill="([^"]+)"[^>]*><title>([^<]*)<\/title>/g,
    ),
  ].map((m) => ({ cx: Number(m[1]), cy: Number(m[2]), fill: m[3] ?? "", title: m[4] ?? "" }));
}

/** A value back from its pixel position, by the axis' first and last ticks (linear). */
function invert(p: number, t: { values: number[]; at: number[] }): number {
  const [v0, v1] = [t.values[0] ?? 0, t.values[t.values.length - 1] ?? 1];
  const [p0, p1] = [t.at[0] ?? 0, t.at[t.at.length - 1] ?? 1];
  return v0 + ((p - p0) / (p1 - p0)) * (v1 - v0);
}

const point = (x: number, y: number, o: Partial<ScatterPoint> = {}): ScatterPoint => ({
  x,
  y,
  label: "1",
  title: `(${x}, ${y})`,
  front: false,
  holds: true,
  ...o,
});

describe("renderScatterSvg", () => {
  it("draws each point where its figures are: the axes invert the coordinates (property)", () => {
    const pt = fc.record({
      x: fc.double({ min: 0, max: 5000, noNaN: true }),
      y: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(pt, { minLength: 1, maxLength: 15 }), (pts) => {
        const svg = renderScatterSvg(
          pts.map((p) => point(p.x, p.y)),
          AXES,
        );
        expect(unbalanced(svg)).toEqual([]);
        const [xs, ys] = [ticks(svg, "x"), ticks(svg, "y")];
        const drawn = circles(svg);
        expect(drawn).toHaveLength(pts.length);
        const xSpan = (xs.values.at(-1) ?? 1) - (xs.values[0] ?? 0);
        const ySpan = (ys.values.at(-1) ?? 1) - (ys.values[0] ?? 0);
        drawn.forEach((c, i) => {
          const p = pts[i] as { x: number; y: number };
          // coordinates carry one decimal of a pixel: within a pixel's worth of the axis span
          expect(Math.abs(invert(c.cx, xs) - p.x)).toBeLessThanOrEqual(xSpan / 500 + 1e-9);
          expect(Math.abs(invert(c.cy, ys) - p.y * 100)).toBeLessThanOrEqual(ySpan / 250 + 1e-9);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("joins the front as a staircase in the order given, numbers it, and draws failed runs hollow", () => {
    const svg = renderScatterSvg(
      [
        point(10, 0.4, { front: true, label: "2" }),
        point(20, 0.1, { front: true, label: "3" }),
        point(15, 0.5),
        point(5, 0.05, { holds: false, title: "cheap but failing" }),
      ],
      AXES,
    );
    const stair = /<path d="(M[\d.]+,[\d.]+H[\d.]+V[\d.]+)" stroke="#1f77b4"/.exec(svg)?.[1] ?? "";
    const drawn = circles(svg);
    const [a, b] = [drawn[0], drawn[1]];
    expect(stair).toBe(`M${a?.cx},${a?.cy}H${b?.cx}V${b?.cy}`);
    expect(
      [...svg.matchAll(/<text x="[\d.]+" y="[\d.]+" fill="#1f77b4">(\d+)<\/text>/g)].map((m) => m[1]),
    ).toEqual(["2", "3"]);
    expect(drawn.map((c) => c.fill)).toEqual(["#1f77b4", "#1f77b4", "#9ecae1", "none"]);
    expect(svg).toMatch(/fill="none" stroke="#d62728" stroke-width="1.5"><title>cheap but failing<\/title>/);
  });

  it("labels shares as percentages and escapes titles", () => {
    const svg = renderScatterSvg([point(1, 0.25, { title: "a<b & c" }), point(2, 0.5)], AXES);
    expect(ticks(svg, "y").values.at(-1)).toBe(50);
    expect(svg).toMatch(/>50%<\/text>/);
    expect(svg).toContain("<title>a&lt;b &amp; c</title>");
  });

  it("says so when no point has finite figures", () => {
    const svg = renderScatterSvg([point(Number.NaN, 0.1)], AXES);
    expect(svg).toContain("(no configurations to chart)");
    expect(circles(svg)).toHaveLength(0);
  });
});
