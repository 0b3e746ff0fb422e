/**
 * The upstream-derived cluster-autoscaler vectors in ../shared/conformance/ca, one named test per case.
 * Each expectation is upstream's own assertion; see ../shared/conformance/FORMAT-vpa-ca.md. A case the
 * model cannot run is listed as skipped with its reason.
 */
import { fileURLToPath } from "node:url";
import { caSkipReason } from "../../src/conformance/ca-case.js";
import { describeVectors } from "./vector-suite.js";

const file = fileURLToPath(new URL("../../../shared/conformance/ca/ca.json", import.meta.url));
describeVectors(file, { title: (c) => `${c.kind} ${c.name}`, skipReason: caSkipReason });
