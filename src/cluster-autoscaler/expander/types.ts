/** What an expander chooses between (mirrors expander/expander.go Option, Filter, Strategy). */
import type { NodeTemplate, Pod } from "../types.js";

/** One way to scale up: a node group, how many nodes, which pending pods they would take. */
export interface ExpansionOption {
  readonly nodeGroupId: string;
  readonly nodeCount: number;
  readonly pods: readonly Pod[];
  /** Groups a balanced scale-up would grow with it. */
  readonly similarNodeGroupIds?: readonly string[];
  /** False for a group that does not exist yet (node auto-provisioning); default true. */
  readonly exists?: boolean;
  readonly debug?: string;
}

/** Template node per node group id. */
export type NodeInfos = ReadonlyMap<string, NodeTemplate>;

/** Keeps the best options (possibly several, possibly none). */
export type ExpanderFilter = (options: readonly ExpansionOption[], nodeInfos: NodeInfos) => ExpansionOption[];

/** Picks one option, or none when there is none. */
export type ExpanderStrategy = (
  options: readonly ExpansionOption[],
  nodeInfos: NodeInfos,
) => ExpansionOption | undefined;
