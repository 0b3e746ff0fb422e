/** `kube-whatif conformance DIR...`: run every upstream-derived vector and report. */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import type { CaseResult, ConformanceCase } from "../../conformance/run-case.js";
import { CheckFailedError, UsageError } from "../exit-codes.js";
import { readInputText } from "../read-input.js";
import { checkChoice } from "./flag-choices.js";

/** Every *.json file under the paths (a file is taken as is), sorted for a stable order. */
function caseFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`${p}: no such file or directory`);
    }
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) {
        const child = join(p, e);
        if (statSync(child).isDirectory() || e.endsWith(".json")) walk(child);
      }
    } else out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}

function loadCases(file: string): ConformanceCase[] {
  let data: unknown;
  try {
    data = JSON.parse(readInputText(file));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) throw new UsageError(`${file}: expected a JSON array of cases`);
  data.forEach((c, i) => {
    if (
      c === null ||
      typeof c !== "object" ||
      typeof c.kind !== "string" ||
      typeof c.input !== "object" ||
      typeof c.expect !== "object"
    ) {
      throw new UsageError(`${file}: case ${i + 1}: expected an object with "kind", "input" and "expect"`);
    }
  });
  return data as ConformanceCase[];
}

export function registerConformance(program: Command, write: (s: string) => void): void {
  program
    .command("conformance")
    .description("run upstream-derived conformance vectors (HPA, VPA and cluster-autoscaler kinds)")
    .argument("<dirs...>", "directories (searched recursively for *.json) or case files")
    .option("-o, --output <format>", "text or json", "text")
    .option("-v, --verbose", "also list every passed case")
    .action(async (dirs: string[], opts: { output: string; verbose?: boolean }) => {
      const { renderConformanceText, runCase, toJson } = await import("./conformance-deps.js");
      checkChoice("--output", opts.output, ["text", "json"]);
      const results: CaseResult[] = [];
      for (const file of caseFiles(dirs)) {
        loadCases(file).forEach((c, i) => {
          results.push(runCase(file, c, i));
        });
      }
      const failed = results.filter((r) => r.status === "failed").length;
      write(
        opts.output === "json"
          ? `${toJson(results)}\n`
          : renderConformanceText(results, opts.verbose === true),
      );
      if (failed > 0) throw new CheckFailedError("");
    });
}
