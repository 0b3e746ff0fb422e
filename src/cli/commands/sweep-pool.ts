/**
 * Replaying configurations on worker threads (`sweep --jobs N`, `compare --jobs N`): N workers (sweep-worker.ts),
 * each handed the next configuration as it finishes one; the outcomes come back in configuration order, so the
 * report is the same as with one job. The first error stops every worker and is rethrown with its name (bad
 * input keeps exit code 2).
 */
import { Worker } from "node:worker_threads";
import type { TraceCache } from "../../scenario/scenario-trace.js";
import type { ConfigurationOutcome, SourcesSnapshot } from "./configuration-replay.js";

/**
 * What every worker is given once: the shared file texts, the --assert texts, and the trace the main thread parsed
 * while validating (a copy of its arrays: a worker reuses it instead of parsing the same text again, which takes
 * seconds for weeks of per-second samples).
 */
export interface WorkerInit {
  readonly files: readonly (readonly [string, string])[];
  readonly assertions: readonly string[];
  readonly trace: TraceCache["last"];
}

/** One configuration to replay. */
export interface WorkerTask {
  readonly index: number;
  readonly snapshot: SourcesSnapshot;
  readonly keepReplay: boolean;
}

export type WorkerReply =
  | { readonly index: number; readonly kind: "progress"; readonly t: number }
  | { readonly index: number; readonly kind: "done"; readonly outcome: ConfigurationOutcome }
  | {
      readonly index: number;
      readonly kind: "error";
      readonly name: string;
      readonly message: string;
      readonly stack: string;
    };

/** The outcomes of `tasks` (in their order) on `jobs` workers; `progress(index, t)` as each replay advances. */
export function runOnWorkers(
  tasks: readonly WorkerTask[],
  init: WorkerInit,
  jobs: number,
  progress?: (index: number, t: number) => void,
): Promise<ConfigurationOutcome[]> {
  const outcomes: ConfigurationOutcome[] = new Array(tasks.length);
  const position = new Map(tasks.map((t, k) => [t.index, k]));
  const workers: Worker[] = [];
  let next = 0;
  let finished = 0;
  return new Promise((resolve, reject) => {
    let stopped = false;
    const stop = (error?: Error) => {
      if (stopped) return;
      stopped = true;
      for (const w of workers) void w.terminate();
      if (error === undefined) resolve(outcomes);
      else reject(error);
    };
    const give = (w: Worker) => {
      const task = tasks[next++];
      if (task !== undefined) w.postMessage(task);
    };
    const count = Math.max(1, Math.min(jobs, tasks.length));
    for (let k = 0; k < count && tasks.length > 0; k++) {
      const w = new Worker(new URL("./sweep-worker.js", import.meta.url), { workerData: init });
      workers.push(w);
      w.on("message", (reply: WorkerReply) => {
        if (reply.kind === "progress") return progress?.(reply.index, reply.t);
        if (reply.kind === "error") {
          const error = new Error(reply.message);
          error.name = reply.name;
          error.stack = reply.stack;
          return stop(error);
        }
        outcomes[position.get(reply.index) as number] = reply.outcome;
        if (++finished === tasks.length) return stop();
        give(w);
      });
      w.on("error", (e) => stop(e));
      // a worker ends only when stopped: an exit before that (a crash) must not leave the run waiting
      w.on("exit", (code) => stop(new Error(`a sweep worker thread exited early (exit code ${code})`)));
      give(w);
    }
    if (tasks.length === 0) stop();
  });
}
