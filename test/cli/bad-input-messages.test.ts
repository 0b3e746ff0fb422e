/**
 * Bad input that used to get a misleading message (or an internal error), table-driven from
 * test/fixtures/bad-input/cli-messages.json: each case writes its files, runs the CLI as a user would, and must
 * exit 2 with the message naming the file or flag and what was expected, and nothing on stdout.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

interface MessageCase {
  readonly name: string;
  readonly files?: Readonly<Record<string, string>>;
  readonly args: readonly string[];
  readonly message: string;
}

const CASES = JSON.parse(
  readFileSync(new URL("../fixtures/bad-input/cli-messages.json", import.meta.url), "utf8"),
) as MessageCase[];
const dir = mkdtempSync(join(tmpdir(), "kube-whatif-bad-input-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bad input: exit 2, a message naming the file or flag, nothing on stdout", () => {
  it.each(CASES.map((c, i) => [c.name, c, i] as const))("%s", (_name, c, i) => {
    const caseDir = join(dir, String(i));
    const fill = (s: string) => s.replaceAll("{ROOT}", ROOT).replaceAll("{DIR}", caseDir);
    mkdirSync(caseDir, { recursive: true });
    for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(join(caseDir, name), fill(text));
    const r = runCli(c.args.map(fill));
    expect(r.stderr).toContain(c.message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });
});
