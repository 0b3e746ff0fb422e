/**
 * Start-up: every command registers cheaply and imports its implementation in its action, and mathjs is
 * loaded only when an expression is compiled. Checked here: help and version still list everything, errors
 * raised inside the (now asynchronous) actions keep their exit codes and messages, and which modules a run
 * loads (mathjs and the replay engine stay out of `--help`, `validate` of manifests, `explain` and
 * `conformance`). Timing is measured by hand, never asserted.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

const STEP = "test/fixtures/simulate/step.yaml";
const SNAPSHOT = "examples/explain/cpu-50-percent.yaml";

describe("help and version", () => {
  it("--help lists every command, exit 0", () => {
    const r = runCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const commands = r.stdout
      .split("\n")
      .map((l) => /^ {2}(\w+)\b/.exec(l)?.[1])
      .filter((c) => c !== undefined);
    expect(commands).toEqual([
      "simulate",
      "sweep",
      "compare",
      "explain",
      "conformance",
      "validate",
      "vpa",
      "calibrate",
      "help",
    ]);
  });

  it("help prints the same as --help; no command prints it on stderr with exit 2", () => {
    const help = runCli(["--help"]).stdout;
    expect(runCli(["help"]).stdout).toBe(help);
    const bare = runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toBe(help);
  });

  it("--version prints the version", () => {
    expect(runCli(["--version"])).toEqual({ code: 0, stdout: "0.1.0\n", stderr: "" });
  });

  it("each command's --help lists its options", () => {
    const cases: [string[], string[]][] = [
      [["simulate"], ["--scenario <path>", "--expression <expr>", "--explain-at <time>", "--no-progress"]],
      [["explain"], ["<snapshot>", "--output <format>"]],
      [["conformance"], ["<dirs...>", "--verbose"]],
      [["validate"], ["<files...>", "--scale-to-zero"]],
      [["vpa"], ["recommend [options]"]],
      [
        ["vpa", "recommend"],
        ["--trace <file>", "--oom-at <offset>", "--no-charts"],
      ],
    ];
    for (const [command, expected] of cases) {
      const r = runCli([...command, "--help"]);
      expect(r.code, command.join(" ")).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: kube-whatif ${command.join(" ")} `));
      for (const e of expected) expect(r.stdout, `${command.join(" ")}: ${e}`).toContain(e);
    }
  });

  it("an unknown command or option: exit 2, the error and a pointer to --help on stderr", () => {
    const r = runCli(["simulat"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^error: unknown command 'simulat'\n\(Did you mean simulate\?\)\n/);
    const o = runCli(["validate", "--bogus", "x.yaml"]);
    expect(o.code).toBe(2);
    // the error stays visible: a pointer to the help, not its 100 lines
    expect(o.stderr).toBe("error: unknown option '--bogus'\n(add --help for the options)\n");
  });
});

describe("errors raised in the actions keep their exit codes", () => {
  it("bad input is exit 2 with the message on stderr, nothing on stdout, no stack", () => {
    const withUsage = (cpu: string) =>
      readFileSync(join(ROOT, STEP), "utf8").replace("cpu: 10m * load", `cpu: ${cpu}`);
    const cases: { args: string[]; stdin?: string; stderr: RegExp }[] = [
      { args: ["validate", "nope.yaml"], stderr: /^error: nope\.yaml: no such file\n$/ },
      { args: ["explain", SNAPSHOT, "-o", "xml"], stderr: /^error: --output: unsupported value "xml"/ },
      { args: ["explain", "nope.json"], stderr: /^error: nope\.json: no such file\n$/ },
      { args: ["conformance", "-o", "xml", "x"], stderr: /^error: --output: unsupported value "xml"/ },
      { args: ["simulate", "-f", STEP, "-o", "xml"], stderr: /^error: --output: unsupported value "xml"/ },
      { args: ["simulate"], stderr: /^error: simulate needs manifests/ },
      // TraceError from a synthetic trace expression (mathjs)
      {
        args: ["simulate", "-f", STEP, "--expression", "x + t"],
        stderr: /^error: .*unknown symbol "x" in "x \+ t"/,
      },
      {
        args: ["simulate", "-f", STEP, "--expression", "import(1)"],
        stderr: /^error: .*unknown function "import"/,
      },
      {
        args: ["simulate", "-f", STEP, "--expression", "a = 5"],
        stderr: /^error: .*is not allowed \(AssignmentNode\)/,
      },
      // ExpressionError from a usage expression (mathjs)
      {
        args: ["simulate", "-f", "-"],
        stdin: withUsage("10m * nope"),
        stderr: /^error: .*unknown symbol "nope"/,
      },
      { args: ["simulate", "-f", "-"], stdin: withUsage("10m *"), stderr: /^error: .*cannot parse "10m \*"/ },
      {
        args: ["vpa", "recommend", "-f", "x.yaml", "--trace", "t.csv", "-o", "xml"],
        stderr: /^error: --output: expected table, json or csv, got "xml"/,
      },
    ];
    for (const c of cases) {
      const r = runCli(c.args, c.stdin);
      const what = c.args.join(" ");
      expect(r.stderr, what).toMatch(c.stderr);
      expect(r.code, what).toBe(2);
      expect(r.stdout, what).toBe("");
      expect(r.stderr, what).not.toMatch(/\n\s+at /);
    }
  });

  it("a failed conformance check is exit 1", () => {
    const r = runCli(["conformance", "test/fixtures/conformance/one-failing-case.json"]);
    expect(r.code).toBe(1);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("1 passed, 1 failed");
  });
});

describe("what a run loads", () => {
  // ESM imports are logged by a resolve hook; CommonJS modules (mathjs is required) from require's cache.
  const dir = mkdtempSync(join(tmpdir(), "kube-whatif-startup-"));
  const log = join(dir, "loaded.txt");
  writeFileSync(
    join(dir, "hooks.mjs"),
    `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.KW_LOAD_LOG, r.url + "\\n");
  return r;
}
`,
  );
  writeFileSync(
    join(dir, "preload.mjs"),
    `import { appendFileSync } from "node:fs";
import Module, { register } from "node:module";
register("./hooks.mjs", import.meta.url);
process.on("exit", () => {
  appendFileSync(process.env.KW_LOAD_LOG, Object.keys(Module._cache).join("\\n") + "\\n");
});
`,
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const loaded = (args: string[]): { code: number; modules: string[] } => {
    writeFileSync(log, "");
    const r = spawnSync(
      process.execPath,
      ["--import", join(dir, "preload.mjs"), "dist/cli/main.js", ...args],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, KW_LOAD_LOG: log }, maxBuffer: 64 << 20 },
    );
    return { code: r.status ?? -1, modules: readFileSync(log, "utf8").split("\n").filter(Boolean) };
  };
  const mathjs = (modules: string[]) => modules.filter((m) => m.includes("/node_modules/mathjs/"));
  const engine = (modules: string[]) => modules.filter((m) => /\/dist\/(engine|hpa|vpa)\//.test(m));

  it("--help loads neither mathjs nor any command's implementation", () => {
    const r = loaded(["--help"]);
    expect(r.code).toBe(0);
    expect(r.modules.some((m) => m.endsWith("/dist/cli/main.js"))).toBe(true); // the log works
    expect(mathjs(r.modules)).toEqual([]);
    expect(engine(r.modules)).toEqual([]);
    expect(r.modules.filter((m) => /\/node_modules\/(yaml|csv-parse|asciichart)\//.test(m))).toEqual([]);
  });

  it("validate of manifests, explain and conformance do not load mathjs", () => {
    for (const args of [
      ["validate", "examples/worldcup/web.yaml"],
      ["explain", SNAPSHOT],
      ["conformance", "test/fixtures/conformance/one-failing-case.json"],
    ]) {
      const r = loaded(args);
      expect(r.code, args.join(" ")).toBeLessThan(2);
      expect(mathjs(r.modules), args.join(" ")).toEqual([]);
    }
  });

  it("simulate with expressions loads mathjs", () => {
    const r = loaded(["simulate", "-f", STEP, "-o", "json"]);
    expect(r.code).toBe(0);
    expect(mathjs(r.modules).length).toBeGreaterThan(0);
  });
});
