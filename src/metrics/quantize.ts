/** Converting model numbers into what the metrics APIs publish (exact milli-units). */

/** CPU cores -> milli-cores as metrics-server publishes them: integer nanocores, then MilliValue (ceil). */
export function cpuCoresToMilli(cores: number): bigint {
  return BigInt(cpuCoresToMilliNumber(cores));
}

/** {@link cpuCoresToMilli} as an (integer) number, for comparing before converting. */
export function cpuCoresToMilliNumber(cores: number): number {
  const nano = Math.round(Math.max(0, cores) * 1e9);
  return Math.ceil(nano / 1e6);
}

/** Memory bytes -> the integer working set in bytes (never negative). */
export function roundBytes(bytes: number): number {
  return Math.round(Math.max(0, bytes));
}

/** Memory bytes (working set, an integer) -> milli-bytes. */
export function bytesToMilli(bytes: number): bigint {
  return BigInt(roundBytes(bytes)) * 1000n;
}

/** A custom metric value -> milli-units (rounded to the nearest milli, as an adapter's quantity would be). */
export function valueToMilli(v: number): bigint {
  return BigInt(Math.round(v * 1000));
}
