/**
 * The upstream-derived HPA vectors in ../shared/conformance/hpa, one named test per case.
 * Each case's expectation is upstream's own assertion; see ../shared/conformance/hpa/FORMAT.md.
 */
import { fileURLToPath } from "node:url";
import { describeVectors, HPA_VECTOR_FILES, hpaTitle } from "./vector-suite.js";

const dir = fileURLToPath(new URL("../../../shared/conformance/hpa/", import.meta.url));
for (const file of HPA_VECTOR_FILES) describeVectors(dir + file, { title: hpaTitle });
