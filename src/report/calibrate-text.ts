/**
 * `kube-whatif calibrate`'s report: per resource the fitted usage expression, how well it explains the samples,
 * and the load per pod it was fitted over; then the Scenario snippet that uses it. JSON gives the same as data.
 */
import type { Calibration, ResourceCalibration } from "../calibrate/calibrate-usage.js";
import { cpuQuantity, memoryQuantity } from "../calibrate/usage-expression-text.js";
import { toJson } from "./table.js";
import { fixedTrim, formatShare } from "./text-format.js";

/** A number with at most 4 significant digits. */
const n4 = (x: number) => String(Number(x.toPrecision(4)));

/** The usage's unit as the text says it. */
const unitOf = (r: ResourceCalibration) => (r.resource === "cpu" ? "cores" : "bytes");

/** `value ± 1.96 standard errors`, or `value (± <0.1%)` when the interval is below a thousandth of the value. */
function interval(q: (x: number) => string, value: number, stdError: number): string {
  const half = 1.96 * stdError;
  return half < 1e-3 * Math.abs(value) ? `${q(value)} (± <0.1%)` : `${q(value)} ± ${q(half)}`;
}

/** The table output, ending with a newline. */
export function renderCalibrationText(c: Calibration): string {
  const out: string[] = [];
  if (c.warnings.length > 0)
    out.push(`Warnings (${c.warnings.length}):`, ...c.warnings.map((w) => `  - ${w}`), "");
  const aligned = c.alignment === "date-time" ? "aligned by date-time" : "all from their first sample";
  out.push(
    `Usage per Ready pod, fitted (load from ${c.load.source} in ${c.load.unit}, Ready pods from ${c.pods}; ${aligned}):`,
    "",
  );
  for (const r of c.resources) {
    const f = r.fit;
    const skipped = r.skipped > 0 ? `, ${r.skipped} outside the other traces` : "";
    const q = r.resource === "cpu" ? cpuQuantity : memoryQuantity;
    out.push(
      `  ${r.resource.padEnd(7)} ${r.expression}`,
      `          base ${interval(q, f.base, f.baseStdError)}, per unit of load ${interval(q, f.perLoad, f.perLoadStdError)} (95%)`,
      `          from ${r.source}: ${f.samples} samples${skipped}${f.method === "huber" ? `; Huber's robust fit: ${f.downWeighted} beyond 1.345 robust standard deviations weighed less` : ""}`,
      `          R² ${fixedTrim(f.r2, 3)}; residual RMS ${n4(f.rmsError)} ${unitOf(r)}, ${formatShare(f.meanUsage === 0 ? 0 : f.rmsError / Math.abs(f.meanUsage))} of the mean usage (${n4(f.meanUsage)} ${unitOf(r)})`,
      `          fitted over a load per pod of ${n4(f.loadPerPod.min)} .. ${n4(f.loadPerPod.max)} ${c.load.unit}: beyond it the model is extrapolated`,
    );
    if (1.96 * f.baseStdError > Math.abs(f.base) || 1.96 * f.perLoadStdError > Math.abs(f.perLoad)) {
      out.push("          an interval wider than its value: the samples do not pin the model down");
    }
    if (f.base < 0 || f.perLoad < 0) {
      out.push(
        `          a negative ${f.base < 0 ? "base" : "per-load cost"}: the samples do not follow a linear model well`,
      );
    }
    out.push("");
  }
  out.push(
    "For the Scenario (docs/scenario.md, spec.workload.usage):",
    "",
    "spec:",
    "  workload:",
    "    usage:",
  );
  for (const r of c.resources) out.push(`      ${r.resource}: ${r.expression}`);
  out.push(
    "",
    "Or as flags of simulate, compare and sweep:",
    "",
    `  ${c.resources.map((r) => `--${r.resource} '${r.expression}'`).join(" ")}`,
  );
  return `${out.join("\n")}\n`;
}

/** The JSON output: the same figures as data, ending with a newline. */
export function renderCalibrationJson(c: Calibration): string {
  const resources = Object.fromEntries(
    c.resources.map((r) => [
      r.resource,
      {
        source: r.source,
        expression: r.expression,
        base: r.fit.base,
        perLoad: r.fit.perLoad,
        baseStdError: r.fit.baseStdError,
        perLoadStdError: r.fit.perLoadStdError,
        samples: r.fit.samples,
        skipped: r.skipped,
        r2: r.fit.r2,
        rmsError: r.fit.rmsError,
        meanUsage: r.fit.meanUsage,
        loadPerPod: r.fit.loadPerPod,
        method: r.fit.method,
        downWeighted: r.fit.downWeighted,
      },
    ]),
  );
  return `${toJson({ load: c.load, pods: c.pods, alignment: c.alignment, ...resources, warnings: c.warnings })}\n`;
}
