/**
 * Extra VPA vectors translated from the same upstream test files as the public share
 * (test/fixtures/conformance-extra/vpa/vpa-extra.json, format ../shared/conformance/FORMAT-vpa-ca.md), run
 * through the same runner as vpa-vectors.test.ts, one named test per case. Each `source` names the
 * upstream test and, for table tests, the row.
 */
import { fileURLToPath } from "node:url";
import { describeVectors } from "./vector-suite.js";

const file = fileURLToPath(new URL("../fixtures/conformance-extra/vpa/vpa-extra.json", import.meta.url));
describeVectors(file, { title: (c) => `${c.kind} ${c.name}` });
