/** `FILE#COLUMN` (calibrate's traces, simulate's --trace and --observed-replicas): flag-choices.ts fileAndColumn. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileAndColumn } from "../../src/cli/commands/flag-choices.js";

const dir = mkdtempSync(join(tmpdir(), "kube-whatif-hash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("fileAndColumn", () => {
  it.each([
    ["rps.csv#count", { path: "rps.csv", column: "count" }],
    ["rps.csv#2", { path: "rps.csv", column: 2 }],
    ["rps.csv", { path: "rps.csv" }],
    ["rps.csv#", { path: "rps.csv#" }],
    ["#count", { path: "#count" }],
    ["a#b.csv#value", { path: "a#b.csv", column: "value" }],
  ])("%s", (arg, expected) => {
    expect(fileAndColumn(arg)).toStrictEqual(expected);
  });

  it("a file whose own name has a # is read whole", () => {
    const file = join(dir, "week#2.csv");
    writeFileSync(file, "t,v\n0,1\n");
    expect(fileAndColumn(file)).toStrictEqual({ path: file });
    expect(fileAndColumn(`${file}#v`)).toStrictEqual({ path: file, column: "v" });
  });
});
