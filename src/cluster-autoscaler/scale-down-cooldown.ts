/**
 * Whether scale-down may act in this loop (mirrors core/static_autoscaler.go RunOnce scaleDownInCooldown):
 * not while very new pending pods disabled it, nor within --scale-down-delay-after-add of the last
 * scale-up, --scale-down-delay-after-delete of the last deletion, --scale-down-delay-after-failure of the
 * last failed deletion. Unneeded timers keep running during the cooldown.
 */

export interface ScaleDownTimes {
  /** Seconds; undefined = never. */
  readonly lastScaleUpTime?: number;
  readonly lastScaleDownDeleteTime?: number;
  readonly lastScaleDownFailTime?: number;
}

export interface CooldownConfig {
  readonly scaleDownDelayAfterAddSeconds: number;
  readonly scaleDownDelayAfterDeleteSeconds: number;
  readonly scaleDownDelayAfterFailureSeconds: number;
}

/** True while any delay is running (`last + delay > now`) or this loop skipped scale-up for new pods. */
export function scaleDownInCooldown(
  times: ScaleDownTimes,
  cfg: CooldownConfig,
  now: number,
  scaleDownForbiddenThisLoop = false,
): boolean {
  const running = (last: number | undefined, delay: number) => last !== undefined && last + delay > now;
  return (
    scaleDownForbiddenThisLoop ||
    running(times.lastScaleUpTime, cfg.scaleDownDelayAfterAddSeconds) ||
    running(times.lastScaleDownDeleteTime, cfg.scaleDownDelayAfterDeleteSeconds) ||
    running(times.lastScaleDownFailTime, cfg.scaleDownDelayAfterFailureSeconds)
  );
}
