/**
 * `kube-whatif sweep`: replay the same trace through every combination of HPA, workload or scenario fields
 * (`--vary hpa.spec.behavior.scaleDown.stabilizationWindowSeconds=0,60,300 --vary hpa.spec.maxReplicas=20..60/20`)
 * and compare the outcomes side by side, optionally judged by assertions.
 */
import type { Command } from "commander";
import { UsageError } from "../exit-codes.js";
import { checkChoice, collect } from "./flag-choices.js";
import { addInputOptions, type InputCliOptions, inputSources } from "./input-options.js";

interface SweepCliOptions extends InputCliOptions {
  vary: string[];
  assert: string[];
  output: string;
  progress: boolean;
  junit?: string;
  jobs?: string;
}

export function registerSweep(program: Command, write: (s: string) => void): void {
  const command = program
    .command("sweep")
    .description("replay the trace through every combination of --vary values and compare the outcomes");
  addInputOptions(command)
    .optionsGroup("Sweep, output and checks:")
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
    .option(
      "-o, --output <format>",
      "table, json, csv, or html (the table and the trade-off chart as one page)",
      "table",
    )
    .option(
      "--junit <file>",
      "also write the assertions' outcomes to FILE as a JUnit XML report, one suite per combination",
    )
    .option(
      "--jobs <n>",
      "worker threads replaying configurations at once (default: up to the machine's parallelism when the replays are long enough to be worth them; 1: one at a time in the main thread)",
    )
    .option("--no-progress", "no progress bar on stderr")
    .action(async (o: SweepCliOptions) => {
      checkChoice("--output", o.output, ["table", "json", "csv", "html"]);
      if (o.vary.length === 0) {
        throw new UsageError("sweep needs at least one --vary, e.g. --vary hpa.spec.maxReplicas=10,20,40");
      }
      const d = await import("./sweep-deps.js");
      const variations = o.vary.map(d.parseVariation);
      const base = inputSources(o, "sweep");
      d.checkNotFixedByFlags(variations, base.flags ?? {});
      const assertions = d.compileAssertions(o.assert, []);
      if (o.junit !== undefined) d.checkOutputPath("--junit", o.junit);
      const progress = d.runsProgress(o.progress && process.stderr.isTTY === true, "sweeping");
      const runs = await d.runSweepInParallel(
        { base, variations, hpa: o.hpa ?? null },
        {
          ...d.jobsFlag(o.jobs),
          assertions,
          progress: progress.report,
          requireAssertions: o.junit === undefined ? undefined : d.JUNIT_WITHOUT_ASSERTIONS,
        },
      );
      progress.finish();
      d.writeRuns(write, {
        output: o.output,
        names: variations.map((v) => v.name),
        runs,
        label: (values) => `combination ${d.describeCombination(variations, values)}`,
        junit: o.junit === undefined ? undefined : { path: o.junit, command: "kube-whatif sweep" },
        html: d.sweepHtml,
      });
    });
}
