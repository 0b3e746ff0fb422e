/**
 * `kube-whatif simulate -o html` end to end: one self-contained page on stdout (the summary's figures, one SVG
 * chart per terminal chart, every event), with assertions in it and the exit code of a failed one; bad input
 * still exits 2 with nothing written. The run: the bundled WorldCup98 example's first 6 hours.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const RUN = ["simulate", "-s", "examples/worldcup/scenario.yaml", "--duration", "6h"];

describe("simulate -o html", () => {
  it("a whole page: heading, summary, the table's charts as SVG, every event", () => {
    const html = runCli([...RUN, "-o", "html"]);
    expect(html.code).toBe(0);
    expect(html.stderr).toBe("");
    expect(html.stdout.startsWith("<!DOCTYPE html>\n")).toBe(true);
    expect(html.stdout.endsWith("</html>\n")).toBe(true);
    expect(html.stdout).toContain(
      "<h1>Replay of traces/worldcup98-requests-per-minute.csv (requests/s) through HorizontalPodAutoscaler worldcup/web -&gt; Deployment/web</h1>",
    );
    // no resource is fetched: no scripts, no links, no external images
    expect(html.stdout).not.toMatch(/<script|<link|src=|href=/);
    const json = JSON.parse(runCli([...RUN, "-o", "json"]).stdout);
    const table = runCli([...RUN, "--width", "100"]).stdout;
    // one SVG per terminal chart (demand, replicas, cpu)
    const terminalCharts = table.split("\n").filter((l) => / column\)$/.test(l)).length;
    expect(terminalCharts).toBe(3);
    expect(html.stdout.match(/<svg /g)?.length).toBe(terminalCharts);
    // every event, on the trace's clock
    expect(html.stdout.match(/<tr[^>]*><td class="t">/g)?.length).toBe(json.events.length);
    expect(html.stdout).toContain('<td class="t">1998-06-28 00:0');
    expect(html.stdout).toContain(`<tr><th>Replicas</th><td>peak ${json.summary.peakReplicas}, mean `);
    // same input, same bytes
    expect(runCli([...RUN, "-o", "html"]).stdout).toBe(html.stdout);
  });

  it("assertions: in the page, and a failure exits 1 after it is written", () => {
    const r = runCli([...RUN, "-o", "html", "--assert", "peakReplicas <= 3"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("<h2>Assertions: 0 of 1 hold</h2>");
    expect(r.stdout.endsWith("</html>\n")).toBe(true);
    expect(r.stderr).toMatch(/^assertion failed: peakReplicas <= 3 \(peakReplicas = \d+\)/);
  });

  it("bad input: exit 2, nothing written", () => {
    const r = runCli([...RUN, "-o", "html", "--assert", "nodes.total < 3"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const bad = runCli([...RUN, "-o", "pdf"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--output: unsupported value "pdf": supported values: "table", "json", "csv", "html"/,
    );
  });
});
