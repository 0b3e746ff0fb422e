/**
 * The replay's replica counts as exact step functions (spec.replicas, Ready pods, the HPA's desired count): one entry
 * per change, whatever the recording period, so a backtest (backtest-replicas.ts) compares every second of the
 * replay rather than its recorded rows.
 */
import type { BacktestColumn, StepSeries } from "./backtest-replicas.js";

/** Each column's steps: value `[column][i]` holds on [t[i], t[i + 1]). */
export interface ReplicaStepsData {
  readonly t: readonly number[];
  readonly replicas: readonly number[];
  readonly readyReplicas: readonly number[];
  readonly desiredReplicas: readonly number[];
}

/** Collects the steps as the replay goes (RunRecorder.interval). */
export class ReplicaSteps {
  private readonly t: number[] = [];
  private readonly replicas: number[] = [];
  private readonly ready: number[] = [];
  private readonly desired: number[] = [];

  /** The counts over the interval from `t` (intervals come in time order); kept only when one of them changed. */
  note(t: number, replicas: number, ready: number, desired: number): void {
    const n = this.t.length - 1;
    if (n >= 0 && this.replicas[n] === replicas && this.ready[n] === ready && this.desired[n] === desired)
      return;
    this.t.push(t);
    this.replicas.push(replicas);
    this.ready.push(ready);
    this.desired.push(desired);
  }

  data(): ReplicaStepsData {
    return { t: this.t, replicas: this.replicas, readyReplicas: this.ready, desiredReplicas: this.desired };
  }
}

/** One column of the steps, as the backtest reads it. */
export function stepsOf(data: ReplicaStepsData, column: BacktestColumn): StepSeries {
  return { t: data.t, v: data[column] };
}
