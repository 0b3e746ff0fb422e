/** The per-metric part of `explain`: pod groups, usage vs target, ratio, proposal and any rebalance. */
import type { MetricSpec } from "../hpa/api-types.js";
import type { MetricOutcome } from "../hpa/compute-metric.js";
import type { ReplicaCalcDetail } from "../hpa/replica-calc-result.js";
import { describeCurrent, describeTarget, metricName } from "./describe-metric.js";

/** A ratio as people read it: up to 4 decimals, trailing zeros dropped. */
export function fmtRatio(r: number): string {
  if (!Number.isFinite(r)) return String(r);
  return String(Number(r.toFixed(4)));
}

function names(list: readonly string[], max = 6): string {
  if (list.length === 0) return "";
  const shown = list.slice(0, max).join(", ");
  return list.length > max ? ` (${shown}, … ${list.length - max} more)` : ` (${shown})`;
}

function groupsLine(d: ReplicaCalcDetail): string | undefined {
  const g = d.groups;
  if (g === undefined) return undefined;
  return [
    `${g.ready.length} ready${names(g.ready)}`,
    `${g.unready.length} unready${names(g.unready)}`,
    `${g.missing.length} missing a metric${names(g.missing)}`,
    `${g.ignored.length} ignored (deleted/terminal)${names(g.ignored)}`,
  ].join("; ");
}

function toleranceText(d: ReplicaCalcDetail): string {
  const lo = fmtRatio(1 - d.tolerances.scaleDown);
  const hi = fmtRatio(1 + d.tolerances.scaleUp);
  return `tolerance band [${lo}, ${hi}]`;
}

function proposalLines(d: ReplicaCalcDetail, replicas: number, current: number): string[] {
  const out: string[] = [];
  const rb = d.rebalance;
  if (rb !== undefined) {
    const missing = {
      request: "each missing pod assumed at max(100%, target) of its request (scale down)",
      target: "each missing pod assumed at the target value (scale down)",
      zero: "each missing pod assumed at 0 (scale up)",
      none: "missing pods left out (ratio exactly 1)",
    }[rb.missingAssumed];
    const parts = (d.groups?.missing.length ?? 0) > 0 ? [missing] : [];
    if (rb.unreadyAsZero) parts.push("unready pods counted at 0 (scale up)");
    out.push(`rebalance: ${parts.join("; ")}`);
    out.push(`rebalanced ratio ${fmtRatio(rb.newUsageRatio)} over ${rb.count} pods`);
  }
  switch (d.outcome) {
    case "within-tolerance":
      out.push(
        `ratio ${fmtRatio(d.usageRatio)} is inside the ${toleranceText(d)}: keep current = ${replicas}`,
      );
      break;
    case "rebalanced-within-tolerance":
      out.push(`rebalanced ratio is inside the ${toleranceText(d)}: keep current = ${replicas}`);
      break;
    case "direction-flipped":
      out.push(
        `rebalancing flipped the direction (ratio ${fmtRatio(d.usageRatio)} -> ${fmtRatio(rb?.newUsageRatio ?? 0)}): keep current = ${replicas}`,
      );
      break;
    case "count-reversed":
      out.push(
        `ceil(${fmtRatio(rb?.newUsageRatio ?? 0)} × ${d.count}) = ${d.rejectedProposal} would move against the ratio: keep current = ${current}`,
      );
      break;
    case "from-zero":
      out.push(
        `from zero replicas: ceil(ratio ${fmtRatio(d.usageRatio)}) = ${replicas} (no tolerance, no pod count)`,
      );
      break;
    case "per-pod-total":
      out.push(`outside the ${toleranceText(d)}: ceil(total / target per pod) = ${replicas}`);
      break;
    case "capped-int32":
      out.push(`proposal capped at the int32 maximum: ${replicas}`);
      break;
    case "scaled": {
      const r = rb !== undefined ? rb.newUsageRatio : d.usageRatio;
      const who =
        rb !== undefined
          ? "pods in the rebalanced set"
          : d.groups !== undefined
            ? "ready pods"
            : "Running+Ready pods";
      out.push(`outside the ${toleranceText(d)}: ceil(${fmtRatio(r)} × ${d.count} ${who}) = ${replicas}`);
    }
  }
  return out;
}

/** Lines for one metric, indented under a heading. */
export function explainMetric(
  index: number,
  total: number,
  spec: MetricSpec,
  o: MetricOutcome,
  current: number,
): string[] {
  const out = [`Metric ${index + 1}/${total}: ${metricName(spec)}   target ${describeTarget(spec)}`];
  if (!o.ok) {
    out.push(`  FAILED (${o.reason}): ${o.eventMessage}`);
    return out;
  }
  const d = o.detail;
  const groups = groupsLine(d);
  if (groups !== undefined) out.push(`  pods: ${groups}`);
  out.push(`  current: ${describeCurrent(spec, o.status)}   usage ratio ${fmtRatio(d.usageRatio)}`);
  for (const l of proposalLines(d, o.replicas, current)) out.push(`  ${l}`);
  out.push(`  proposal: ${o.replicas} replicas`);
  return out;
}
