/** Human descriptions of metric specs, targets and current values (what `kubectl describe hpa` shows). */
import type { MetricSpec, MetricStatus, MetricTarget } from "../hpa/api-types.js";
import { formatMilli, formatResourceMilli, parseMilli } from "../units/quantity.js";

function quantity(resource: string, q: MetricTarget["value"]): string {
  return q === undefined ? "<unset>" : formatResourceMilli(resource, parseMilli(q));
}

/** The metric's name as kubectl prints it, e.g. `resource cpu on pods  (as a percentage of request)`. */
export function metricName(spec: MetricSpec): string {
  switch (spec.type) {
    case "Resource":
      return spec.resource?.target.type === "Utilization"
        ? `resource ${spec.resource?.name} on pods  (as a percentage of request)`
        : `resource ${spec.resource?.name} on pods`;
    case "ContainerResource":
      return `resource ${spec.containerResource?.name} of container "${spec.containerResource?.container}" on pods${spec.containerResource?.target.type === "Utilization" ? "  (as a percentage of request)" : ""}`;
    case "Pods":
      return `"${spec.pods?.metric.name}" on pods`;
    case "Object":
      return `"${spec.object?.metric.name}" on ${spec.object?.describedObject.kind}/${spec.object?.describedObject.name}${spec.object?.target.type === "AverageValue" ? " (target average value)" : ""}`;
    case "External":
      return `"${spec.external?.metric.name}" (external metric)${spec.external?.target.type === "AverageValue" ? " (target average value)" : ""}`;
    default:
      return `unknown metric type "${spec.type}"`;
  }
}

function targetOf(spec: MetricSpec): { target: MetricTarget | undefined; resource: string } {
  const src = spec.resource ?? spec.containerResource ?? spec.pods ?? spec.object ?? spec.external;
  const resource = spec.resource?.name ?? spec.containerResource?.name ?? "";
  return { target: src?.target, resource };
}

/** The target as a short phrase: `50% of request`, `500m per pod`, `10 (total)`. */
export function describeTarget(spec: MetricSpec): string {
  const { target, resource } = targetOf(spec);
  if (target === undefined) return "<no target>";
  if (target.averageUtilization !== undefined && target.averageValue === undefined)
    return `${target.averageUtilization}% of request`;
  if (target.averageValue !== undefined)
    return `${quantity(resource, target.averageValue)} per pod (averageValue)`;
  if (target.value !== undefined) return `${quantity(resource, target.value)} (value)`;
  return "<no target>";
}

/** `current / target` the way kubectl prints the Metrics line, e.g. `50% (1) / 30%`. */
export function describeCurrent(spec: MetricSpec, status: MetricStatus | undefined): string {
  const { target, resource } = targetOf(spec);
  const c = status?.current;
  let cur = "<unknown>";
  if (c?.averageUtilization !== undefined) {
    cur = `${c.averageUtilization}% (${c.averageValue !== undefined ? formatResourceMilli(resource, c.averageValue) : "?"})`;
  } else if (c?.averageValue !== undefined) {
    cur = formatResourceMilli(resource, c.averageValue);
  } else if (c?.value !== undefined) {
    cur = formatMilli(c.value);
  }
  let tgt = "<unset>";
  if (target?.averageValue !== undefined) tgt = quantity(resource, target.averageValue);
  else if (target?.averageUtilization !== undefined) tgt = `${target.averageUtilization}%`;
  else if (target?.value !== undefined) tgt = quantity(resource, target.value);
  return `${cur} / ${tgt}`;
}
