/**
 * A worker thread of a parallel sweep (sweep-pool.ts): given the shared file texts, the --assert texts and the
 * main thread's parsed trace once, it replays each configuration snapshot it is sent (configuration-replay.ts, as
 * the main thread would) and posts back its outcome, its progress, or the error that stopped it.
 */
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { compileAssertion } from "../../results/assertion-expression.js";
import type { TraceCache } from "../../scenario/scenario-trace.js";
import { replayConfiguration, snapshotSources } from "./configuration-replay.js";
import type { WorkerInit, WorkerReply, WorkerTask } from "./sweep-pool.js";

const init = workerData as WorkerInit;
const files = new Map(init.files);
const shared = (path: string): string => {
  let text = files.get(path);
  if (text === undefined) {
    text = readFileSync(path, "utf8");
    files.set(path, text);
  }
  return text;
};
const assertions = init.assertions.map((text) => compileAssertion(text, "--assert"));
const traceCache: TraceCache = { last: init.trace };
const port = parentPort;

port?.on("message", (task: WorkerTask) => {
  const post = (reply: WorkerReply) => port.postMessage(reply);
  try {
    const sources = snapshotSources(task.snapshot, shared, traceCache);
    const onProgress = (t: number) => post({ index: task.index, kind: "progress", t });
    const outcome = replayConfiguration(sources, assertions, task.keepReplay, onProgress);
    post({ index: task.index, kind: "done", outcome });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    post({
      index: task.index,
      kind: "error",
      name: error.name,
      message: error.message,
      stack: error.stack ?? "",
    });
  }
});
