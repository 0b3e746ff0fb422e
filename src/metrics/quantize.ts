/** Converting model numbers into what the metrics APIs publish (exact milli-units). */

/** CPU cores -> milli-cores as metrics-server publishes them: integer nanocores, then MilliValue (ceil). */
export function cpuCoresToMilli(cores: number): bigint {
  const nano = Math.round(Math.max(0, cores) * 1e9);
  return BigInt(Math.ceil(nano / 1e6));
}

/** Memory bytes (working set, an integer) -> milli-bytes. */
export function bytesToMilli(bytes: number): bigint {
  return BigInt(Math.round(Math.max(0, bytes))) * 1000n;
}

/** A custom metric value -> milli-units (rounded to the nearest milli, as an adapter's quantity would be). */
export function valueToMilli(v: number): bigint {
  return BigInt(Math.round(v * 1000));
}
