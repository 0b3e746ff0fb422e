/** `kube-whatif explain`: one HPA sync, step by step, as a person debugging "why N replicas?" reads it. */
import type { SyncResult } from "../hpa/controller.js";
import type { NormalizationResult } from "../hpa/normalize.js";
import type { SyncInput } from "../hpa/types.js";
import { describeCurrent, metricName } from "./describe-metric.js";
import { explainMetric, fmtRatio } from "./explain-metric-text.js";
import { renderTable } from "./table.js";

/** Recommendations with runs of equal values folded: `4 (x19, t=330..600), 16 (t=615)`. */
function recs(list: readonly { replicas: number; timestamp: number }[]): string {
  if (list.length === 0) return "none";
  const runs: { replicas: number; from: number; to: number; n: number }[] = [];
  for (const r of list) {
    const last = runs.at(-1);
    if (last !== undefined && last.replicas === r.replicas) {
      last.to = r.timestamp;
      last.n++;
    } else runs.push({ replicas: r.replicas, from: r.timestamp, to: r.timestamp, n: 1 });
  }
  return runs
    .map((r) => (r.n === 1 ? `${r.replicas} (t=${r.from})` : `${r.replicas} (x${r.n}, t=${r.from}..${r.to})`))
    .join(", ");
}

function stabilizationLines(n: NormalizationResult, desired: number): string[] {
  const s = n.stabilization;
  if (n.behavior === undefined) {
    return [
      `Stabilization (no behavior: downscale window ${s.downWindowSeconds} s, recommendations at or after t-${s.downWindowSeconds} count):`,
      `  recommendations in the window: ${recs(s.considered)}`,
      `  max(${desired}, window) = ${s.stabilized}`,
    ];
  }
  return [
    `Stabilization (behavior: scaleUp window ${s.upWindowSeconds} s, scaleDown window ${s.downWindowSeconds} s, strictly inside):`,
    `  recommendations in a window: ${recs(s.considered)}`,
    `  lowest over the scale-up window ${s.upRecommendation}, highest over the scale-down window ${s.downRecommendation}`,
    `  current clamped to [${s.upRecommendation}, ${s.downRecommendation}] = ${s.stabilized}`,
  ];
}

function limitLines(n: NormalizationResult, input: SyncInput, min: number): string[] {
  const l = n.limits;
  const max = input.hpa.spec.maxReplicas;
  if (n.behavior === undefined) {
    const f = input.settings.scaleUpLimitFactor;
    return [
      `Limits (no behavior): scale-up limit int(max(${f} × ${input.scaleTarget.specReplicas}, ${input.settings.scaleUpLimitMinimum})) = ${l.rateLimit}; minReplicas ${min}, maxReplicas ${max}`,
      `  ${n.stabilization.stabilized} -> ${l.desired} (${l.reason})`,
    ];
  }
  const out = [
    `Limits (behavior, selectPolicy ${l.selectPolicy ?? "-"}): minReplicas ${min}, maxReplicas ${max}`,
  ];
  for (const p of l.policies ?? []) {
    out.push(
      `  policy ${p.type} ${p.value} per ${p.periodSeconds} s: replicas at period start ${p.periodStartReplicas} -> limit ${p.limit}`,
    );
  }
  if (l.rateLimit !== undefined) out.push(`  selected rate limit ${l.rateLimit}`);
  out.push(`  ${n.stabilization.stabilized} -> ${l.desired} (${l.reason})`);
  return out;
}

/** Renders the explanation of one sync as text. */
export function renderExplainText(input: SyncInput, result: SyncResult): string {
  const { hpa, scaleTarget } = input;
  const e = result.explanation;
  const ref = hpa.spec.scaleTargetRef;
  const out: string[] = [
    `Name:              ${hpa.metadata.namespace ?? "default"}/${hpa.metadata.name}`,
    `Reference:         ${ref.kind}/${ref.name}`,
    `Sync at:           t=${input.now} s`,
    `Current replicas:  ${scaleTarget.specReplicas} (scale spec.replicas; status.replicas ${scaleTarget.statusReplicas})`,
    `Min/Max replicas:  ${e.minReplicas}/${e.maxReplicas}`,
    `Tolerance:         -${fmtRatio(e.tolerances.scaleDown * 100)}% / +${fmtRatio(e.tolerances.scaleUp * 100)}%`,
    `Behavior:          ${hpa.spec.behavior === undefined ? "absent (legacy path: downscale stabilization + scale-up limit)" : "present (stabilization windows + scaling policies)"}`,
    "",
  ];
  switch (e.path) {
    case "failed-get-scale":
      out.push("The target's scale could not be read: nothing computed.");
      break;
    case "scaling-disabled":
      out.push(
        "The target is at 0 replicas and was not scaled to zero by this HPA: autoscaling is disabled.",
      );
      break;
    case "above-max":
    case "below-min":
      out.push(`${e.rescaleReason}: desired = ${result.status.desiredReplicas} without reading metrics.`);
      break;
    default:
      break;
  }
  const specs = hpa.spec.metrics ?? [];
  const m = e.metrics;
  if (m !== undefined) {
    if (m.outcomes.length === 0 && m.error !== undefined) out.push(`Selector check failed: ${m.error}`);
    m.outcomes.forEach((o, i) => {
      const spec = specs[i];
      if (spec !== undefined)
        out.push(...explainMetric(i, specs.length, spec, o, scaleTarget.specReplicas), "");
    });
    if (m.replicas === -1) {
      out.push(`No usable recommendation: ${m.error ?? ""}`, "");
    } else {
      const valid = m.outcomes.filter((o) => o.ok).length;
      const which =
        specs[m.chosenIndex] !== undefined ? metricName(specs[m.chosenIndex] as (typeof specs)[number]) : "";
      out.push(`Metric choice: max over ${valid} valid proposal(s) = ${m.replicas} (from ${which})`);
      if (m.error !== undefined)
        out.push(`  (some metrics failed; a scale-up may use partial data: ${m.error})`);
      out.push(
        `Rescale reason: ${e.rescaleReason === "" ? "(none: equal to current)" : e.rescaleReason}`,
        "",
      );
    }
  }
  const n = e.normalization;
  if (n !== undefined && m !== undefined) {
    out.push(...stabilizationLines(n, m.replicas), ...limitLines(n, input, e.minReplicas));
    if (e.raisedToMinFromZero)
      out.push(`  scaling from zero with minReplicas ${e.minReplicas}: raised to ${e.minReplicas}`);
    out.push("");
  }
  const written = result.scaleUpdated
    ? `scale written: ${scaleTarget.specReplicas} -> ${result.replicas}`
    : "scale not changed";
  out.push(`Desired replicas:  ${result.status.desiredReplicas}   (${written})`, "");
  if (specs.length > 0 && result.status.currentMetrics !== undefined) {
    out.push("Metrics:           ( current / target )");
    specs.forEach((s, i) => {
      out.push(`  ${metricName(s)}:  ${describeCurrent(s, result.status.currentMetrics?.[i])}`);
    });
    out.push("");
  }
  const conds = (result.status.conditions ?? []).map((c) => [c.type, c.status, c.reason, c.message ?? ""]);
  out.push("Conditions:", renderTable(["Type", "Status", "Reason", "Message"], conds), "");
  if (result.events.length === 0) out.push("Events:            <none>");
  else
    out.push(
      "Events:",
      renderTable(
        ["Type", "Reason", "Message"],
        result.events.map((v) => [v.type, v.reason, v.message]),
      ),
    );
  return `${out.join("\n")}\n`;
}
