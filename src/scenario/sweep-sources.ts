/**
 * One combination of a sweep as simulate's sources: the manifest and scenario texts with the varied fields set
 * (sweep-variations.ts). The HPA is edited wherever it is (a -f file or a file the scenario lists in
 * spec.manifests, read through `readFile`), its scale target likewise, the Scenario in its file (or as a
 * `kind: Scenario` document among the -f files, or, when there is none, one made of the varied fields). Edited files are written back as YAML (comments dropped);
 * files with nothing to edit keep their text (the trace among them, which a sweep parses once: sweep-run.ts).
 */
import { parseAllDocuments, stringify } from "yaml";
import type { SimulationSources, SourceFile } from "./load-simulation-inputs.js";
import { resolveRelative } from "./scenario-trace.js";
import { SweepError, type Variation, withValue } from "./sweep-variations.js";

/** The Scenario a sweep of scenario fields edits when it was given none (its path "" reads as no scenario file). */
const IMPLICIT_SCENARIO = {
  apiVersion: "kube-whatif.dev/v1alpha1",
  kind: "Scenario",
  metadata: { name: "sweep" },
  spec: {},
};

/** A variation with the value this combination gives it. */
export interface SetField {
  readonly variation: Variation;
  readonly value: unknown;
}

type Doc = Record<string, unknown>;
export const kindOf = (d: unknown): unknown =>
  d !== null && typeof d === "object" ? (d as Doc).kind : undefined;
export const nameOf = (d: unknown): unknown =>
  d !== null && typeof d === "object" ? ((d as Doc).metadata as Doc | undefined)?.name : undefined;

/** The documents of a YAML/JSON text as plain values (null for a text that is not YAML: simulate reports it). */
export function manifestDocuments(text: string): unknown[] | null {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return null;
  try {
    return docs.map((d) => d.toJS({ maxAliasCount: 100 }));
  } catch {
    return null; // (too many aliases: simulate reports it, as read-manifests.ts does)
  }
}

/**
 * The sources of one combination. `hpaName` picks the HPA when the manifests hold several (as simulate's --hpa or
 * spec.hpa does). Throws SweepError when a varied document is not found or the HPA is ambiguous.
 */
export function sweepSources(
  base: SimulationSources,
  fields: readonly SetField[],
  hpaName: string | null,
): SimulationSources {
  const byDoc = (d: string) => fields.filter((f) => f.variation.document === d);
  // the Scenario first: its spec.manifests say which files read through readFile are manifests
  let scenario = base.scenario;
  let manifests = [...base.manifests];
  const scenarioFields = byDoc("scenario");
  if (scenarioFields.length > 0) {
    const edit = (d: unknown) => (kindOf(d) === "Scenario" ? set(d, scenarioFields) : d);
    if (scenario !== undefined) scenario = { path: scenario.path, text: editText(scenario.text, edit).text };
    else {
      const edited = manifests.map((f) => ({ f, r: editText(f.text, edit) }));
      if (edited.some((e) => e.r.changed))
        manifests = edited.map((e) => ({ path: e.f.path, text: e.r.text }));
      // no Scenario at all (a what-if given by flags): the varied fields make one, defaults and flags do the rest
      else scenario = { path: "", text: stringify(set(IMPLICIT_SCENARIO, scenarioFields)) };
    }
  }
  const listed = new Set(scenarioManifests(scenario, manifests));
  const cache = new Map<string, string>();
  const read = (path: string) => {
    let text = cache.get(path);
    if (text === undefined) {
      text = base.readFile(path);
      cache.set(path, text);
    }
    return text;
  };
  const texts = [...manifests.map((f) => f.text), ...[...listed].map(read)];
  const hpas = texts.flatMap((t) =>
    (manifestDocuments(t) ?? []).filter((d) => kindOf(d) === "HorizontalPodAutoscaler"),
  );
  const chosen = hpaName === null ? hpas : hpas.filter((d) => nameOf(d) === hpaName.split("/").pop());
  const hpaFields = byDoc("hpa");
  const workloadFields = byDoc("workload");
  if (hpaFields.length + workloadFields.length > 0 && chosen.length !== 1) {
    throw new SweepError(
      chosen.length === 0
        ? `--vary ${[...hpaFields, ...workloadFields][0]?.variation.name}: no HorizontalPodAutoscaler${hpaName === null ? "" : ` "${hpaName}"`} among the manifests`
        : `--vary: ${chosen.length} HorizontalPodAutoscalers among the manifests: choose one with --hpa`,
    );
  }
  const hpa = chosen[0] as Doc | undefined;
  const target = ((hpa?.spec as Doc | undefined)?.scaleTargetRef as Doc | undefined)?.name;
  const edit = (d: unknown): unknown => {
    const k = kindOf(d);
    if (k === "HorizontalPodAutoscaler" && nameOf(d) === nameOf(hpa)) return set(d, hpaFields);
    if ((k === "Deployment" || k === "StatefulSet") && nameOf(d) === target) return set(d, workloadFields);
    return d;
  };
  const sources = { ...base, manifests, ...(scenario !== undefined ? { scenario } : {}) };
  if (hpaFields.length + workloadFields.length === 0) return sources;
  if (
    workloadFields.length > 0 &&
    !texts.some((t) =>
      (manifestDocuments(t) ?? []).some(
        (d) => nameOf(d) === target && kindOf(d) !== "HorizontalPodAutoscaler",
      ),
    )
  ) {
    throw notFound(workloadFields, `Deployment or StatefulSet "${String(target)}"`);
  }
  const edited = editManifests(sources, edit, read);
  if (edited.changedFiles === 0) throw notFound([...hpaFields, ...workloadFields], "document");
  return edited.sources;
}

/**
 * `base` with every manifest document (of the -f files and of the files the scenario lists in spec.manifests, read
 * through `read`) passed through `edit`, and how many files that changed.
 */
export function editManifests(
  base: SimulationSources,
  edit: (d: unknown) => unknown,
  read: (path: string) => string = base.readFile,
): { sources: SimulationSources; changedFiles: number } {
  let changedFiles = 0;
  const editFile = (text: string) => {
    const r = editText(text, edit);
    if (r.changed) changedFiles++;
    return r.text;
  };
  const manifests = base.manifests.map((f) => ({ path: f.path, text: editFile(f.text) }));
  const edited = new Map<string, string>();
  for (const path of scenarioManifests(base.scenario, base.manifests)) edited.set(path, editFile(read(path)));
  return {
    sources: { ...base, manifests, readFile: (path) => edited.get(path) ?? base.readFile(path) },
    changedFiles,
  };
}

function set(doc: unknown, fields: readonly SetField[]): unknown {
  let out = doc;
  for (const f of fields) {
    try {
      out = withValue(out, f.variation.path, f.value);
    } catch (e) {
      if (e instanceof SweepError) e.message = `--vary ${f.variation.name}: ${e.message}`;
      throw e;
    }
  }
  return out;
}

/** The text with every document passed through `edit`; the same text when no document changed. */
function editText(text: string, edit: (d: unknown) => unknown): { text: string; changed: boolean } {
  const docs = manifestDocuments(text);
  if (docs === null) return { text, changed: false };
  const out = docs.map(edit);
  if (out.every((d, i) => d === docs[i])) return { text, changed: false };
  return { text: out.map((d) => stringify(d)).join("---\n"), changed: true };
}

/** The files the Scenario lists in spec.manifests, resolved as simulate resolves them. */
function scenarioManifests(scenario: SourceFile | undefined, manifests: readonly SourceFile[]): string[] {
  const from = (f: SourceFile): string[] =>
    (manifestDocuments(f.text) ?? [])
      .filter((d) => kindOf(d) === "Scenario")
      .flatMap((d) => {
        const list = ((d as Doc).spec as Doc | undefined)?.manifests;
        return Array.isArray(list)
          ? list.filter((m): m is string => typeof m === "string").map((m) => resolveRelative(f.path, m))
          : [];
      });
  return scenario !== undefined ? from(scenario) : manifests.flatMap(from);
}

function notFound(fields: readonly SetField[], what: string): SweepError {
  return new SweepError(
    `--vary ${fields[0]?.variation.name}: no ${what} to set it in among the manifests and scenario`,
  );
}
