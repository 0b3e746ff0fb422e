/**
 * `kube-whatif compare --with FILE`: the inputs with each document of FILE (a HorizontalPodAutoscaler, Deployment,
 * StatefulSet, VerticalPodAutoscaler or PodDisruptionBudget) in place of the manifest document of the same kind,
 * namespace and name, wherever that one is (a -f file or a file the scenario lists).
 */
import type { SimulationSources, SourceFile } from "./load-simulation-inputs.js";
import { editManifests, kindOf, manifestDocuments, nameOf } from "./sweep-sources.js";
import { SweepError } from "./sweep-variations.js";

const namespaceOf = (d: unknown): unknown =>
  d !== null && typeof d === "object"
    ? ((d as Record<string, unknown>).metadata as Record<string, unknown> | undefined)?.namespace
    : undefined;
const sameObject = (a: unknown, b: unknown) =>
  kindOf(a) === kindOf(b) &&
  nameOf(a) === nameOf(b) &&
  (namespaceOf(a) ?? "default") === (namespaceOf(b) ?? "default");

/** `base` with FILE's documents in place of theirs; a document of FILE that replaces nothing is a SweepError. */
export function replacedSources(base: SimulationSources, file: SourceFile): SimulationSources {
  const replacements = manifestDocuments(file.text);
  if (replacements === null || replacements.length === 0) {
    throw new SweepError(`--with ${file.path}: expected YAML or JSON manifests (the documents to compare)`);
  }
  const used = new Set<unknown>();
  const { sources } = editManifests(base, (d) => {
    const r = replacements.find((x) => sameObject(x, d));
    if (r === undefined) return d;
    used.add(r);
    return r;
  });
  const unused = replacements.find((r) => !used.has(r));
  if (unused !== undefined) {
    const kind = typeof kindOf(unused) === "string" ? String(kindOf(unused)) : "a document without kind";
    throw new SweepError(
      `--with ${file.path}: ${kind} "${String(nameOf(unused))}" replaces nothing: the manifests have no ${kind} of that namespace and name (compare replaces documents, it does not add them)`,
    );
  }
  return sources;
}
