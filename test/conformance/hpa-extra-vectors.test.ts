/**
 * Extra HPA vectors translated from upstream tests that are not in the public share of
 * ../shared/conformance/hpa (same format, FORMAT.md there), one named test per case.
 * Each case's expectation is upstream's own assertion; `source` names the upstream test and row.
 */
import { fileURLToPath } from "node:url";
import { describeVectors, HPA_VECTOR_FILES, hpaTitle } from "./vector-suite.js";

const dir = fileURLToPath(new URL("../fixtures/conformance-extra/hpa/", import.meta.url));
for (const file of HPA_VECTOR_FILES) describeVectors(dir + file, { title: hpaTitle });
