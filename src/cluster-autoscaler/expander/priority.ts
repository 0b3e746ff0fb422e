/**
 * The priority expander: the ConfigMap `cluster-autoscaler-priority-expander`, key `priorities`, maps an
 * integer priority to regexes matched (unanchored) against node-group ids; options with the highest
 * matching priority win, unmatched options are dropped; with no match, or a missing or invalid config,
 * every option passes (mirrors expander/priority/priority.go parsePrioritiesYAMLString, BestOptions).
 */
import { parse } from "yaml";
import type { ExpanderFilter, ExpansionOption } from "./types.js";

export const PRIORITY_CONFIG_MAP_NAME = "cluster-autoscaler-priority-expander";
export const PRIORITY_CONFIG_MAP_KEY = "priorities";

/** Priority -> compiled regexes. */
export type PriorityConfig = ReadonlyMap<number, readonly RegExp[]>;

/** Builds the config from priority -> pattern lists; an Error when a key is not an integer or a pattern does not compile. */
export function priorityConfigFromObject(obj: unknown): PriorityConfig | Error {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj))
    return new Error(
      "Can't parse YAML with priorities in the configmap: not a map of priority to regexp list",
    );
  const config = new Map<number, RegExp[]>();
  for (const [key, list] of Object.entries(obj as Record<string, unknown>)) {
    if (!/^[+-]?\d+$/.test(key.trim()))
      return new Error(
        `Can't parse YAML with priorities in the configmap: priority ${JSON.stringify(key)} is not an integer`,
      );
    if (!Array.isArray(list) || !list.every((re) => typeof re === "string"))
      return new Error(
        `Can't parse YAML with priorities in the configmap: priority ${key} needs a list of regexps`,
      );
    const prio = Number.parseInt(key, 10);
    for (const re of list as string[]) {
      try {
        config.set(prio, [...(config.get(prio) ?? []), new RegExp(re)]);
      } catch (e) {
        return new Error(
          `Can't compile regexp rule for priority ${prio} and rule ${re}: ${(e as Error).message}`,
        );
      }
    }
  }
  return config;
}

/** Parses the ConfigMap value; an empty value is an error (parsePrioritiesYAMLString). */
export function parsePriorityConfig(text: string): PriorityConfig | Error {
  if (text === "")
    return new Error(
      `priority configuration in ${PRIORITY_CONFIG_MAP_NAME} configmap is empty; please provide valid configuration`,
    );
  let obj: unknown;
  try {
    obj = parse(text);
  } catch (e) {
    return new Error(`Can't parse YAML with priorities in the configmap: ${(e as Error).message}`);
  }
  return priorityConfigFromObject(obj);
}

/**
 * The priority filter for a config (an Error or undefined = missing/invalid: pass everything). `warn`
 * receives upstream's warning events (unmatched groups, no match at all).
 */
export function priorityFilter(
  config: PriorityConfig | Error | undefined,
  warn: (message: string) => void = () => {},
): ExpanderFilter {
  return (options) => {
    if (options.length === 0) return [];
    if (config === undefined || config instanceof Error) return [...options];
    let maxPrio = -1;
    let best: ExpansionOption[] = [];
    // Highest priority first; the result does not depend on the order (upstream walks a Go map).
    const entries = [...config].sort((a, b) => b[0] - a[0]);
    for (const option of options) {
      let found = false;
      for (const [prio, regexps] of entries) {
        if (!regexps.some((re) => re.test(option.nodeGroupId))) continue;
        found = true;
        if (prio < maxPrio) continue;
        if (prio > maxPrio) {
          maxPrio = prio;
          best = [];
        }
        best.push(option);
      }
      if (!found)
        warn(
          `Priority expander: node group ${option.nodeGroupId} not found in priority expander configuration. The group won't be used.`,
        );
    }
    if (best.length === 0) {
      warn(
        "Priority expander: no priorities info found for any of the expansion options. No options filtered.",
      );
      return [...options];
    }
    return best;
  };
}
