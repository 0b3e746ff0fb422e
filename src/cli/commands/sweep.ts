/**
 * `kube-whatif sweep`: replay the same trace through every combination of HPA, workload or scenario fields
 * (`--vary hpa.spec.behavior.scaleDown.stabilizationWindowSeconds=0,60,300 --vary hpa.spec.maxReplicas=20..60/20`)
 * and compare the outcomes side by side, optionally judged by assertions.
 */
import type { Command } from "commander";
import { CheckFailedError, UsageError } from "../exit-codes.js";
import { addInputOptions, type InputCliOptions, inputSources } from "./input-options.js";

interface SweepCliOptions extends InputCliOptions {
  vary: string[];
  assert: string[];
  output: string;
  progress: boolean;
}

const collect = (v: string, acc: string[]) => [...acc, v];

export function registerSweep(program: Command, write: (s: string) => void): void {
  const command = program
    .command("sweep")
    .description("replay the trace through every combination of --vary values and compare the outcomes");
  addInputOptions(command)
    .option(
      "--vary <path=values>",
      "a field and its values: hpa.|workload.|scenario. then the path, = then a,b,c or FROM..TO/STEP, e.g. hpa.spec.behavior.scaleDown.stabilizationWindowSeconds=0,60,300 (repeatable: every combination)",
      collect,
      [] as string[],
    )
    .option(
      "--assert <expr>",
      "a check of each combination, as simulate --assert (exit 1 when one fails)",
      collect,
      [] as string[],
    )
    .option("-o, --output <format>", "table, json, or csv", "table")
    .option("--no-progress", "no progress bar on stderr")
    .action(async (o: SweepCliOptions) => {
      if (!["table", "json", "csv"].includes(o.output)) {
        throw new UsageError(
          `--output: unsupported value "${o.output}": supported values: "table", "json", "csv"`,
        );
      }
      if (o.vary.length === 0) {
        throw new UsageError("sweep needs at least one --vary, e.g. --vary hpa.spec.maxReplicas=10,20,40");
      }
      const d = await import("./sweep-deps.js");
      const variations = o.vary.map(d.parseVariation);
      const base = inputSources(o, "sweep");
      const assertions = d.compileAssertions(o.assert, []);
      // the bar is made at the first report, when the sweep knows its total (simulated seconds of every combination)
      let bar: ReturnType<typeof d.createProgress> | undefined;
      const showProgress = o.progress && process.stderr.isTTY === true;
      const runs = d.runSweep(
        { base, variations, assertions, hpa: o.hpa ?? null },
        showProgress
          ? (done, total) => {
              bar ??= d.createProgress(process.stderr, { total, label: "sweeping" });
              bar.update(done);
            }
          : undefined,
      );
      bar?.finish();
      const report = { names: variations.map((v) => v.name), runs };
      write(
        o.output === "json"
          ? d.renderSweepJson(report)
          : o.output === "csv"
            ? d.renderSweepCsv(report)
            : d.renderSweepTable(report),
      );
      const failures = runs.flatMap((r) =>
        r.assertions
          .filter((a) => !a.holds)
          .map(
            (a) =>
              `combination ${d.describeCombination(variations, r.values)}: assertion failed: ${a.assertion} (${Object.entries(
                a.values,
              )
                .map(([k, v]) => `${k} = ${v}`)
                .join(", ")})`,
          ),
      );
      if (failures.length > 0) throw new CheckFailedError(failures.join("\n"));
    });
}
