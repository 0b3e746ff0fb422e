/**
 * Node selection by labels: `spec.nodeSelector` and required node affinity
 * (mirrors k8s.io/component-helpers/scheduling/corev1/nodeaffinity nodeaffinity.go GetRequiredNodeAffinity,
 * RequiredNodeAffinity.Match, NodeSelector.Match and k8s.io/apimachinery labels selector.go
 * Requirement.Matches). Only `matchExpressions` on labels are modelled, not `matchFields`.
 */

/** A node selector requirement (core/v1 NodeSelectorRequirement). */
export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt";
  /** For In/NotIn: the set; for Gt/Lt: one integer; empty for Exists/DoesNotExist. */
  readonly values?: readonly string[];
}

/** A node selector term: its requirements are ANDed (core/v1 NodeSelectorTerm). */
export interface NodeSelectorTerm {
  readonly matchExpressions?: readonly NodeSelectorRequirement[];
}

/** The part of `spec.affinity` the scheduler's NodeAffinity filter reads. */
export interface Affinity {
  readonly nodeAffinity?: {
    readonly requiredDuringSchedulingIgnoredDuringExecution?: {
      /** ORed: a node matches when any term matches. */
      readonly nodeSelectorTerms: readonly NodeSelectorTerm[];
    };
  };
}

type Labels = Readonly<Record<string, string>>;

/** The integer value of a Gt/Lt operand or label, as strconv.ParseInt(v, 10, 64); undefined if not one. */
function parseInt64(v: string): bigint | undefined {
  return /^[+-]?\d+$/.test(v) ? BigInt(v) : undefined;
}

/** One requirement against a node's labels (mirrors labels.Requirement.Matches). */
export function requirementMatches(req: NodeSelectorRequirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case "In":
      return has && values.includes(value as string);
    case "NotIn":
      return !has || !values.includes(value as string);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      if (!has || values.length !== 1) return false;
      const left = parseInt64(value as string);
      const right = parseInt64(values[0] as string);
      if (left === undefined || right === undefined) return false;
      return req.operator === "Gt" ? left > right : left < right;
    }
  }
}

/**
 * A term matches when all of its requirements do; a term with no requirements matches nothing
 * (mirrors nodeaffinity.go nodeSelectorTerm: an empty term selects no objects).
 */
export function termMatches(term: NodeSelectorTerm, labels: Labels): boolean {
  const reqs = term.matchExpressions ?? [];
  return reqs.length > 0 && reqs.every((r) => requirementMatches(r, labels));
}

/** Every `nodeSelector` pair equals a node label (mirrors labels.SelectorFromSet(...).Matches). */
export function nodeSelectorMatches(selector: Labels | undefined, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector ?? {})) if (labels[k] !== v) return false;
  return true;
}

/**
 * `spec.nodeSelector` and the required node affinity both match (mirrors RequiredNodeAffinity.Match:
 * the selector first, then any of the terms; an affinity with zero terms matches no node).
 */
export function requiredNodeAffinityMatches(
  nodeSelector: Labels | undefined,
  affinity: Affinity | undefined,
  labels: Labels,
): boolean {
  if (!nodeSelectorMatches(nodeSelector, labels)) return false;
  const required = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required === undefined) return true;
  return required.nodeSelectorTerms.some((t) => termMatches(t, labels));
}
