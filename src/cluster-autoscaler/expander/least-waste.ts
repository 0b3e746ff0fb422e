/**
 * The least-waste expander (the default): minimum of
 * `(nodeCpu*n - podsCpu)/(nodeCpu*n) + (nodeMem*n - podsMem)/(nodeMem*n)` over the template's capacity;
 * exact ties kept, groups without a template skipped (mirrors expander/waste/waste.go).
 */
import { sumRequests } from "../pod-requests.js";
import { nodeCapacity } from "../types.js";
import type { ExpanderFilter, ExpansionOption } from "./types.js";

/** The wasted fraction of CPU plus that of memory for the option on nodes of this capacity. */
export function wastedScore(option: ExpansionOption, capCpuMilli: number, capMemBytes: number): number {
  const req = sumRequests(option.pods);
  const availCpu = capCpuMilli * option.nodeCount;
  const availMem = capMemBytes * option.nodeCount;
  return (availCpu - req.cpuMilli) / availCpu + (availMem - req.memBytes) / availMem;
}

export const leastWasteFilter: ExpanderFilter = (options, nodeInfos) => {
  let leastScore = 0;
  let best: ExpansionOption[] | undefined;
  for (const o of options) {
    const template = nodeInfos.get(o.nodeGroupId);
    if (template === undefined) continue;
    const cap = nodeCapacity(template.node);
    const score = wastedScore(o, cap.cpuMilli ?? 0, cap.memBytes ?? 0);
    if (score === leastScore) best = [...(best ?? []), o];
    if (best === undefined || score < leastScore) {
      leastScore = score;
      best = [o];
    }
  }
  return best ?? [];
};
