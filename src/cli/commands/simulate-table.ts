/**
 * `simulate -o table`: the replay's heading, summary and charts (per workload when several share a cluster), the
 * cluster's totals, and the event log, as one text.
 */
import type { RunInputs } from "../../engine/run-inputs.js";
import { renderCharts } from "../../report/charts-text.js";
import { renderEventLog } from "../../report/event-log-text.js";
import { clusterTotalsLine, replayHeading, workloadHeading } from "../../report/replay-headings.js";
import type { ReportClock } from "../../report/report-clock.js";
import { renderSimulateSummary } from "../../report/simulate-summary-text.js";
import type { SimulationResult } from "../../results/workload-result.js";

/** How the table is drawn: charts (null: none) and the clock of its times. */
export interface TableOptions {
  readonly charts: { readonly width: number; readonly height: number; readonly color: boolean } | null;
  readonly clock: ReportClock;
}

/** The whole table output, ending with a newline. */
export function renderSimulateTable(inputs: RunInputs, result: SimulationResult, o: TableOptions): string {
  const clock = o.clock;
  const sections = (result.workloads ?? []).map((w, i) => {
    const spec = i === 0 ? inputs : (inputs.otherWorkloads ?? [])[i - 1];
    return { w, spec };
  });
  const parts: string[] = [];
  if (sections.length === 0) {
    const unit = inputs.demand.unit;
    parts.push(`${replayHeading(inputs)}\n`);
    parts.push(renderSimulateSummary(result, { demandUnit: unit, clock }));
    if (o.charts !== null) parts.push(renderCharts(result, { ...o.charts, demandUnit: unit, clock }));
  }
  for (const { w, spec } of sections) {
    // one workload of several sharing the cluster: its own summary and charts (warnings once, first)
    const unit = spec?.demand.unit ?? "";
    const view = { ...result, ...w, warnings: w === sections[0]?.w ? result.warnings : [] };
    parts.push(`${workloadHeading(w.workload, w.hpa, spec)}\n`);
    parts.push(renderSimulateSummary(view, { demandUnit: unit, clock }));
    if (o.charts !== null) parts.push(renderCharts(view, { ...o.charts, demandUnit: unit, clock }));
  }
  const cluster = result.summary.cluster;
  if (sections.length > 0 && cluster !== undefined) {
    parts.push(`${clusterTotalsLine(cluster)}\n`);
  }
  parts.push(renderEventLog(result, { clock }));
  return `${parts.join("\n")}\n`;
}
