/** The most-pods expander: options that schedule the most pods, ties kept (mirrors expander/mostpods/mostpods.go). */
import type { ExpanderFilter, ExpansionOption } from "./types.js";

export const mostPodsFilter: ExpanderFilter = (options) => {
  let maxPods = 0;
  let best: ExpansionOption[] = [];
  for (const o of options) {
    if (o.pods.length === maxPods) best.push(o);
    else if (o.pods.length > maxPods) {
      maxPods = o.pods.length;
      best = [o];
    }
  }
  return best;
};
