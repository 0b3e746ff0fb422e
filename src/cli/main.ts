#!/usr/bin/env node
/** The kube-whatif command line: the composition root. Only this folder touches argv, files, stdout/stderr and exit codes. */
import { Command, CommanderError } from "commander";
import { registerCalibrate } from "./commands/calibrate.js";
import { registerCompare } from "./commands/compare.js";
import { registerConformance } from "./commands/conformance.js";
import { registerExplain } from "./commands/explain.js";
import { registerSimulate } from "./commands/simulate.js";
import { registerSweep } from "./commands/sweep.js";
import { registerValidate } from "./commands/validate.js";
import { registerVpa } from "./commands/vpa.js";
import { classifyError } from "./exit-codes.js";

const write = (s: string) => {
  process.stdout.write(s);
};

// A closed pipe (`kube-whatif simulate -o json | head`) is not an error of ours: stop quietly.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

function buildProgram(): Command {
  const program = new Command()
    .name("kube-whatif")
    .description(
      "Predict what Kubernetes autoscaling (HPA, VPA, cluster autoscaler) does under a given load, before you deploy.",
    )
    .version("0.1.0")
    // one line naming the problem, then a pointer to --help (the whole help would bury the error)
    .showHelpAfterError("(add --help for the options)")
    .exitOverride();
  registerSimulate(program, write);
  registerSweep(program, write);
  registerCompare(program, write);
  registerExplain(program, write);
  registerConformance(program, write);
  registerValidate(program, write);
  registerVpa(program, write);
  registerCalibrate(program, write);
  return program;
}

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const { code, text } = classifyError(e);
    if (text !== "") process.stderr.write(`${text}\n`);
    return code;
  }
}

process.exitCode = await main(process.argv);
