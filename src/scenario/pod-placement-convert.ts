/**
 * A validated pod template placement turned into the scheduler's {@link PodPlacement}. Only the required node
 * affinity reaches the scheduler: preferred terms are validated and ignored (the scheduler model filters, it
 * does not score node affinity). A `matchFields` requirement (only `metadata.name` exists) is matched against
 * the node's `kubernetes.io/hostname` label, which the model sets to the node name; the reader says so in a
 * warning.
 */

import type { NodeSelectorRequirement, NodeSelectorTerm } from "../cluster/node-affinity.js";
import type { Toleration } from "../cluster/taints.js";
import type { PodPlacement } from "../engine/run-inputs.js";
import { child, type FieldPath, formatBadValue, index } from "./field-violations.js";
import type {
  DecodedPlacement,
  DecodedRequirement,
  DecodedTerm,
  DecodedToleration,
} from "./pod-placement-decode.js";
import { NODE_FIELD_SELECTOR_KEY } from "./pod-placement-validate.js";

/** The label the model matches `matchFields` `metadata.name` against (every node carries its name in it). */
export const HOSTNAME_LABEL = "kubernetes.io/hostname";

function toToleration(t: DecodedToleration): Toleration {
  return {
    ...(t.key !== "" ? { key: t.key } : {}),
    ...(t.operator !== "" ? { operator: t.operator as "Equal" | "Exists" } : {}),
    ...(t.value !== "" ? { value: t.value } : {}),
    ...(t.effect !== "" ? { effect: t.effect as NonNullable<Toleration["effect"]> } : {}),
  };
}

/** A valid requirement as the scheduler's type (`matchFields` `metadata.name` -> the hostname label). */
function toRequirement(rq: DecodedRequirement, field: boolean): NodeSelectorRequirement {
  return {
    key: field ? HOSTNAME_LABEL : rq.key,
    operator: rq.operator as NodeSelectorRequirement["operator"],
    ...(rq.values.length > 0 ? { values: [...rq.values] } : {}),
  };
}

function toTerm(term: DecodedTerm): NodeSelectorTerm {
  const reqs = [
    ...term.matchExpressions.map((rq) => toRequirement(rq, false)),
    ...term.matchFields.map((rq) => toRequirement(rq, true)),
  ];
  return reqs.length > 0 ? { matchExpressions: reqs } : {};
}

/**
 * The validated placement as the scheduler reads it, or undefined when nothing constrains placement (no
 * selector pairs, no tolerations, no required node affinity). Appends to `warnings` one line per `matchFields`
 * requirement (matched against the hostname label). Call only after {@link validatePodPlacement} found nothing.
 */
export function toPodPlacement(
  p: DecodedPlacement,
  specPath: FieldPath,
  warnings: string[],
): PodPlacement | undefined {
  const out: { -readonly [K in keyof PodPlacement]: PodPlacement[K] } = {};
  if (p.nodeSelector !== undefined && Object.keys(p.nodeSelector).length > 0)
    out.nodeSelector = { ...p.nodeSelector };
  if (p.tolerations !== undefined && p.tolerations.length > 0)
    out.tolerations = p.tolerations.map(toToleration);
  if (p.requiredTerms !== undefined) {
    const termsPath = child(
      child(
        child(child(specPath, "affinity"), "nodeAffinity"),
        "requiredDuringSchedulingIgnoredDuringExecution",
      ),
      "nodeSelectorTerms",
    );
    p.requiredTerms.forEach((t, i) => {
      t.matchFields.forEach((rq, j) => {
        warnings.push(
          `${index(child(index(termsPath, i), "matchFields"), j)}: ${NODE_FIELD_SELECTOR_KEY} ${rq.operator} ${formatBadValue(rq.values)} is matched against the node label ${HOSTNAME_LABEL} (the node name in the model)`,
        );
      });
    });
    out.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: p.requiredTerms.map(toTerm) },
      },
    };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
