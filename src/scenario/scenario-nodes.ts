/**
 * spec.cluster.nodes (or `simulate --nodes FILE`): the nodes file read and applied to the scenario, its node
 * groups resolved against the file's nodes (rules: resolve-cluster-nodes.ts).
 */
import { FLAGS_FILE, flagName } from "./flag-names.js";
import { type NodesFile, resolveClusterNodes } from "./resolve-cluster-nodes.js";
import { type ReadFile, readNamedFile, resolveRelative } from "./scenario-trace.js";
import type { ParsedScenario } from "./scenario-types.js";
import { scenarioLabel } from "./usage-model.js";

/** Where the nodes file is (resolved) and the field that named it; undefined without spec.cluster.nodes. */
export function scenarioNodesPath(scenario: ParsedScenario): { path: string; field: string } | undefined {
  const n = scenario.cluster?.nodes;
  if (n === undefined) return undefined;
  return n.fileBase === "cwd"
    ? { path: n.file, field: flagName("nodesFile") }
    : { path: resolveRelative(scenario.file, n.file), field: "spec.cluster.nodes.file" };
}

/** A scenario with its nodes file applied, and what the user should know about it. */
export interface ScenarioWithNodes {
  /** `cluster.nodeGroups` resolved and `cluster.initialNodes` set; the scenario itself when there is no nodes file. */
  readonly scenario: ParsedScenario;
  readonly warnings: readonly string[];
}

/**
 * Reads the nodes file spec.cluster.nodes (or --nodes) names through `readFile` and applies it
 * ({@link applyClusterNodes}); the scenario unchanged when there is none.
 *
 * @throws InputError naming the field that named an unreadable file, or as {@link resolveClusterNodes}
 */
export function loadClusterNodes(scenario: ParsedScenario, readFile: ReadFile): ScenarioWithNodes {
  const where = scenarioNodesPath(scenario);
  if (where === undefined || scenario.cluster?.initialNodes !== undefined) return { scenario, warnings: [] };
  const label = scenario.cluster?.nodes?.fileBase === "cwd" ? FLAGS_FILE : scenarioLabel(scenario);
  const text = readNamedFile(readFile, where.path, label, where.field);
  return applyClusterNodes(scenario, { path: where.path, text });
}

/**
 * The scenario with `cluster.nodeGroups` resolved against the nodes file and `cluster.initialNodes` set; the
 * rules applied are added to its notes (effectiveConfig.rules). Pure.
 */
export function applyClusterNodes(scenario: ParsedScenario, file: NodesFile): ScenarioWithNodes {
  const cluster = scenario.cluster;
  if (cluster === undefined) return { scenario, warnings: [] };
  const r = resolveClusterNodes(cluster, file, scenarioLabel(scenario));
  return {
    scenario: {
      ...scenario,
      cluster: { ...cluster, nodeGroups: r.nodeGroups, initialNodes: r.initialNodes },
      notes: [...scenario.notes, ...r.rules],
    },
    warnings: r.warnings,
  };
}
