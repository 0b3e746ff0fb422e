/**
 * `kube-whatif compare --with FILE...`: the same trace through the configuration as given and through each
 * alternative (FILE's HPA, Deployment, ... in place of the ones of the same name), side by side.
 */
import type { Command } from "commander";
import { UsageError } from "../exit-codes.js";
import { addChartOptions, type ChartCliOptions, chartOptions } from "./chart-options.js";
import { checkChoice, collect } from "./flag-choices.js";
import { addInputOptions, type InputCliOptions, inputSources } from "./input-options.js";

interface CompareCliOptions extends InputCliOptions, ChartCliOptions {
  with: string[];
  assert: string[];
  output: string;
  progress: boolean;
  junit?: string;
  jobs?: string;
}

export function registerCompare(program: Command, write: (s: string) => void): void {
  const command = program
    .command("compare")
    .description("replay the trace through the given manifests and each --with alternative, side by side");
  const withOptions = addInputOptions(command)
    .optionsGroup("Compare, output and checks:")
    .option(
      "--with <file>",
      "an alternative: manifests replacing those of the same kind, namespace and name (e.g. the proposed HPA); repeatable",
      collect,
      [] as string[],
    )
    .option(
      "--assert <expr>",
      "a check of each configuration, as simulate --assert (exit 1 when one fails)",
      collect,
      [] as string[],
    )
    .option(
      "-o, --output <format>",
      "table (and charts), json, csv, or html (the table and charts as one page)",
      "table",
    );
  addChartOptions(withOptions, "the table without the charts")
    .option(
      "--junit <file>",
      "also write the assertions' outcomes to FILE as a JUnit XML report, one suite per configuration",
    )
    .option(
      "--jobs <n>",
      "worker threads replaying configurations at once (default: up to the machine's parallelism when the replays are long enough to be worth them; 1: one at a time in the main thread)",
    )
    .option("--no-progress", "no progress bar on stderr")
    .action(async (o: CompareCliOptions) => {
      checkChoice("--output", o.output, ["table", "json", "csv", "html"]);
      if (o.with.length === 0)
        throw new UsageError("compare needs at least one --with FILE (an alternative to compare)");
      const d = await import("./sweep-deps.js");
      const base = inputSources(o, "compare");
      const alternatives = o.with.map((path) => ({ path, text: d.readInputText(path) }));
      const configurations = [
        { values: ["as given"], label: "configuration as given", sources: (b: typeof base) => b },
        ...alternatives.map((file) => ({
          values: [file.path],
          label: `configuration ${file.path}`,
          sources: (b: typeof base) => d.replacedSources(b, file),
        })),
      ];
      const assertions = d.compileAssertions(o.assert, []);
      if (o.junit !== undefined) d.checkOutputPath("--junit", o.junit);
      const charts = o.output === "table" ? chartOptions(o) : null;
      const progress = d.runsProgress(o.progress && process.stderr.isTTY === true, "comparing");
      const runs = await d.runConfigurationsInParallel(base, configurations, {
        ...d.jobsFlag(o.jobs),
        assertions,
        progress: progress.report,
        requireAssertions: o.junit === undefined ? undefined : d.JUNIT_WITHOUT_ASSERTIONS,
        keepReplays: charts !== null || o.output === "html",
      });
      progress.finish();
      d.writeRuns(write, {
        output: o.output,
        names: ["configuration"],
        runs,
        label: (values) => `configuration ${String(values[0])}`,
        noun: "configurations",
        junit: o.junit === undefined ? undefined : { path: o.junit, command: "kube-whatif compare" },
        ...(charts === null ? {} : { appendix: d.compareCharts(runs, charts) }),
        html: d.compareHtml(runs),
      });
    });
}
