/**
 * The replica count the replay starts with (`spec.simulation.initialReplicas`, `--initial-replicas`): the scale
 * target's spec.replicas by default (1 when the manifest omits it, as the API server defaults it), a number, or
 * `recorded`: the count the backtest's recorded trace (spec.backtest.replicas) holds at the replay's start, so a
 * replay of yesterday starts where the real Deployment was rather than where its manifest says.
 */

import type { RunInputs } from "../engine/run-inputs.js";
import type { BacktestInput } from "../results/backtest-replicas.js";
import { valueAt } from "../trace/cursor.js";
import { seriesSpan } from "../trace/series-span.js";
import { child, invalidValue, requiredValue } from "./field-violations.js";
import { FLAGS_FILE } from "./flag-names.js";
import { InputError } from "./manifest-errors.js";
import type { ParsedScenario } from "./scenario-types.js";
import type { StrictObject } from "./strict-reader.js";
import { scenarioLabel } from "./usage-model.js";

/** What the scenario asks for: a count, `recorded`, or null (the target's spec.replicas). */
export type InitialReplicasSetting = number | "recorded" | null;

const RULE = 'must be a whole number >= 0 or "recorded" (the backtest\'s recorded count at the start)';

/** Reads `initialReplicas` of `obj` (spec.simulation, or the command line's fields). */
export function readInitialReplicas(
  obj: StrictObject | undefined,
  key = "initialReplicas",
): InitialReplicasSetting {
  const v = obj?.fields[key];
  if (obj === undefined || v === undefined || v === null) return null;
  if (v === "recorded") return v;
  if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 2147483647) return v;
  obj.problems.push(invalidValue(child(obj.path, key), v, RULE));
  return null;
}

/** Where the setting came from, for errors: the command line's flag or the scenario's field. */
export function initialReplicasField(scenario: ParsedScenario): { file: string; field: string } {
  return scenario.notes.some((n) => n.startsWith("command line: --initial-replicas "))
    ? { file: FLAGS_FILE, field: "--initial-replicas" }
    : { file: scenarioLabel(scenario), field: "spec.simulation.initialReplicas" };
}

/**
 * `inputs` starting from the setting's count (with the effective configuration's `workload.replicas` and
 * `simulation.initialReplicas`, and a rule saying where the count came from); `inputs` itself for null.
 *
 * @throws InputError for `recorded` without a backtest, or when the recorded trace starts after the replay does
 */
export function withInitialReplicas(
  inputs: RunInputs,
  setting: InitialReplicasSetting,
  where: { readonly file: string; readonly field: string },
  backtest: BacktestInput | undefined,
  demandStartEpochSeconds: number | null,
): RunInputs {
  if (setting === null) return inputs;
  let replicas: number;
  let rule: string;
  if (setting === "recorded") {
    if (backtest === undefined) {
      throw new InputError({
        file: where.file,
        fieldPath: where.field,
        rule: "backtest",
        detail: requiredValue(
          where.field,
          '"recorded" starts from the recorded replica counts: give them with spec.backtest.replicas or --backtest-replicas',
        ).message,
      });
    }
    const span = seriesSpan(backtest.series, demandStartEpochSeconds);
    if (span.from > 0) {
      throw new InputError({
        file: where.file,
        fieldPath: where.field,
        rule: "recorded at the start",
        detail: `${where.field}: Invalid value: "recorded": ${backtest.series.source} begins ${span.from} s after the replay does, so it has no count at the start`,
      });
    }
    replicas = Math.round(valueAt(backtest.series, -span.offset));
    rule = `initial replicas ${replicas}: the count ${backtest.series.source} records at the replay's start`;
  } else {
    replicas = setting;
    rule = `initial replicas ${replicas} (the manifest's spec.replicas: ${inputs.target.replicas})`;
  }
  const config = inputs.effectiveConfig as Record<string, Record<string, unknown>>;
  return {
    ...inputs,
    target: { ...inputs.target, replicas },
    effectiveConfig: {
      ...config,
      workload: { ...config.workload, replicas },
      simulation: { ...config.simulation, initialReplicas: replicas },
      rules: [...((config.rules as unknown as string[] | undefined) ?? []), rule],
    },
  };
}
