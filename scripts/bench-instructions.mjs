#!/usr/bin/env node
/**
 * `npm run bench:instructions`: instructions executed by simulate() on the bundled WorldCup98 trace, counted
 * under valgrind (cachegrind), which needs valgrind installed. Wall time on a shared or virtual machine varies
 * up to 2x from run to run; an instruction count repeats within about 1 %, so a change to the hot path can be
 * measured by it. Prints the instructions of loading the inputs, of the first simulate() (code not yet
 * optimized, as one CLI run) and of a second one (as in a sweep), and per simulated 15-s moment.
 *
 * Child mode (`--run N`): loads the inputs and runs simulate() N times; the parent runs it under valgrind for
 * N = 0, 1, 2 and takes the differences.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sources, WORLDCUP_SPEC, WORLDCUP_TRACE } from "./bench-sources.mjs";

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === "--run") {
  const { simulate } = await import("../dist/engine/simulate.js");
  const { loadSimulationInputs } = await import("../dist/scenario/load-simulation-inputs.js");
  const { inputs } = loadSimulationInputs(sources(WORLDCUP_TRACE, WORLDCUP_SPEC));
  for (let i = 0; i < Number(process.argv[3]); i++) console.log(`syncs ${simulate(inputs).summary.syncs}`);
} else {
  /** HPA syncs of the replay: one 15-s moment each (the scrapes fall on the same seconds). */
  let syncs = Number.NaN;
  /** Instructions of one child run (valgrind prints "I refs: 12,345" on stderr). */
  const count = (n) => {
    const args = ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"];
    const run = spawnSync(
      "valgrind",
      [...args, process.execPath, "--single-threaded", self, "--run", String(n)],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 26 },
    );
    const out = run.stderr ?? "";
    syncs = Number(/syncs (\d+)/.exec(run.stdout ?? "")?.[1] ?? syncs);
    const m = /I\s+refs:\s+([\d,]+)/.exec(out);
    if (m === null) throw new Error(`no instruction count in valgrind's output:\n${out}`);
    return Number((m[1] ?? "").replaceAll(",", ""));
  };
  try {
    execFileSync("valgrind", ["--version"], { stdio: "ignore" });
  } catch {
    console.error("bench:instructions needs valgrind (e.g. apt-get install valgrind)");
    process.exit(2);
  }
  console.log("counting under valgrind (a few minutes)...");
  const [load, one, two] = [0, 1, 2].map(count);
  const moments = syncs;
  const g = (x) => `${(x / 1e9).toFixed(3)} G`;
  console.log(`WorldCup98, 87 days (instructions; --single-threaded, so JIT compilation is counted too)`);
  console.log(`  load inputs           ${g(load)}`);
  console.log(
    `  first simulate()      ${g(one - load)}   ${Math.round((one - load) / moments)} per 15-s moment`,
  );
  console.log(
    `  second simulate()     ${g(two - one)}   ${Math.round((two - one) / moments)} per 15-s moment`,
  );
}
