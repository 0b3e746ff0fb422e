/** `--jobs N` of sweep and compare: how many worker threads replay configurations at once. */
import { availableParallelism } from "node:os";
import { UsageError } from "../exit-codes.js";

/**
 * The worker threads: `--jobs N` (a whole number from 1) exactly; without it (`auto`) up to the machine's
 * available parallelism, used only when the replays are long enough to be worth them (sweep-run.ts).
 */
export function jobsFlag(v: string | undefined): { jobs: number; auto: boolean } {
  if (v === undefined) return { jobs: availableParallelism(), auto: true };
  if (!/^\s*\d+\s*$/.test(v) || Number(v) < 1) {
    throw new UsageError(`--jobs: expected a whole number of worker threads, 1 or more, got "${v}"`);
  }
  return { jobs: Number(v), auto: false };
}
