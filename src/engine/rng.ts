/** The run's one seeded random source (mulberry32). The engine owns it and records its seed in the results. */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** A lowercase hex string of `n` characters (pod UIDs). */
  hex(n: number): string;
}

export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    hex(n: number): string {
      let out = "";
      while (out.length < n) out += Math.floor(next() * 16).toString(16);
      return out;
    },
  };
}
