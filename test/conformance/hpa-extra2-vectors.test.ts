/**
 * Second batch of extra HPA vectors: upstream tests and table rows that are in neither the public share of
 * ../shared/conformance/hpa nor test/fixtures/conformance-extra/hpa (same format, FORMAT.md there), one named
 * test per case. Each case's expectation is upstream's own assertion; `source` names the upstream test and row.
 * Only the files of HPA_VECTOR_FILES that this batch has (no behavior.json: no untranslated behavior rows remain).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describeVectors, HPA_VECTOR_FILES, hpaTitle } from "./vector-suite.js";

const dir = fileURLToPath(new URL("../fixtures/conformance-extra/hpa2/", import.meta.url));
for (const file of HPA_VECTOR_FILES) {
  if (existsSync(dir + file)) describeVectors(dir + file, { title: hpaTitle });
}
