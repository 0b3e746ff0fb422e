/**
 * Extra cluster-autoscaler vectors translated from the same upstream test files as the public share
 * (test/fixtures/conformance-extra/ca/ca-extra.json, format ../shared/conformance/FORMAT-vpa-ca.md), run
 * through the same runner as ca-vectors.test.ts, one named test per case. Each `source` names the
 * upstream test and row.
 */
import { fileURLToPath } from "node:url";
import { caSkipReason } from "../../src/conformance/ca-case.js";
import { describeVectors } from "./vector-suite.js";

const file = fileURLToPath(new URL("../fixtures/conformance-extra/ca/ca-extra.json", import.meta.url));
describeVectors(file, { title: (c) => `${c.kind} ${c.name}`, skipReason: caSkipReason });
