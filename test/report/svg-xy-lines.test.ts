import asciichart from "asciichart";
import { describe, expect, it } from "vitest";
import { renderLinesSvg } from "../../src/report/svg-xy-lines.js";
import { parameterCharts } from "../../src/report/sweep-parameter-charts.js";
import type { SweepReport } from "../../src/report/sweep-report.js";
import { unbalanced } from "./html-reading.js";
import { makeMetricSummary, makeSummary } from "./run-result-builder.js";

const AXES = { title: "flaps against window", xLabel: "window", yLabel: "flaps", yShare: false };

/** The polylines' vertices, per path. */
const vertices = (svg: string) =>
  [...svg.matchAll(/<path d="((?:[ML][\d.]+,[\d.]+)+)" stroke="#/g)].map((m) =>
    [...(m[1] ?? "").matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((v) => [Number(v[1]), Number(v[2])]),
  );

describe("renderLinesSvg", () => {
  it("joins each series' points in x order, marks each with its title, and has a legend only for several", () => {
    const svg = renderLinesSvg(
      [
        {
          name: "max=40",
          color: asciichart.blue,
          points: [
            { x: 300, y: 2, title: "c" },
            { x: 0, y: 8, title: "a" },
            { x: 60, y: 5, title: "b" },
          ],
        },
        {
          name: "max=60",
          color: asciichart.red,
          points: [
            { x: 0, y: 9, title: "d" },
            { x: 300, y: 1, title: "e" },
          ],
        },
      ],
      AXES,
    );
    expect(unbalanced(svg)).toEqual([]);
    const [blue, red] = vertices(svg);
    expect(blue?.map(([x]) => x)).toEqual(
      [...(blue ?? []).map(([x]) => x)].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    expect(blue).toHaveLength(3);
    expect(red).toHaveLength(2);
    // y grows downwards: 8 above 5 above 2
    expect(
      (blue?.[0]?.[1] ?? 0) < (blue?.[1]?.[1] ?? 0) && (blue?.[1]?.[1] ?? 0) < (blue?.[2]?.[1] ?? 0),
    ).toBe(true);
    expect([...svg.matchAll(/<title>([a-e])<\/title>/g)].map((m) => m[1])).toEqual(["a", "b", "c", "d", "e"]);
    expect(svg).toContain(">max=40</text>");
    const one = renderLinesSvg(
      [
        {
          name: "only",
          color: asciichart.blue,
          points: [
            { x: 0, y: 1, title: "t" },
            { x: 1, y: 2, title: "u" },
          ],
        },
      ],
      AXES,
    );
    expect(one).not.toContain(">only</text>");
  });

  it("says so when nothing is finite", () => {
    expect(
      renderLinesSvg(
        [{ name: "n", color: asciichart.blue, points: [{ x: Number.NaN, y: 1, title: "" }] }],
        AXES,
      ),
    ).toContain("(no configurations to chart)");
  });
});

describe("parameterCharts", () => {
  const run = (values: (number | string)[], hours: number, unserved = 0) => ({
    values,
    summary: makeSummary({ replicaHours: hours, unservedShare: unserved, metrics: [makeMetricSummary()] }),
    assertions: [],
  });
  const names = ["hpa.spec.behavior.scaleDown.stabilizationWindowSeconds", "hpa.spec.maxReplicas"];

  it("one figure per figure weighed, one line per combination of the other fields", () => {
    const report: SweepReport = {
      names,
      runs: [run([0, 40], 10), run([300, 40], 12), run([0, 60], 11), run([300, 60], 13, 0.01)],
    };
    const html = parameterCharts(report);
    const titles = [...html.matchAll(/<title>([^<]*against[^<]*)<\/title>/g)].map((m) => m[1]);
    expect(titles).toEqual([
      "replica-hours against stabilizationWindowSeconds",
      "unserved load against stabilizationWindowSeconds",
      "time above the cpu target against stabilizationWindowSeconds",
      "flaps against stabilizationWindowSeconds",
      "peak replicas against stabilizationWindowSeconds",
    ]);
    expect(html.match(/<figure>/g)).toHaveLength(5);
    expect(html).toContain(">maxReplicas=40</text>");
    expect(html).toContain(
      "<title>#2 stabilizationWindowSeconds=300, maxReplicas=40: 12 replica-hours</title>",
    );
  });

  it("nothing when the first field is not numeric or takes one value", () => {
    expect(
      parameterCharts({
        names: ["hpa.spec.behavior.scaleDown.selectPolicy"],
        runs: [run(["Max"], 1), run(["Min"], 2)],
      }),
    ).toBe("");
    expect(parameterCharts({ names, runs: [run([0, 40], 1), run([0, 60], 2)] })).toBe("");
  });
});
