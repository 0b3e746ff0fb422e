/** The run's one seeded random source (mulberry32). The engine owns it and records its seed in the results. */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** A lowercase hex string of `n` characters (pod UIDs). */
  hex(n: number): string;
}

/**
 * mulberry32 over its 32-bit state. A class rather than closures: every run's source shares the same methods, so
 * code optimized in one replay still calls the right target in the next (a sweep's runs in one process).
 */
class Mulberry32 implements Rng {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  hex(n: number): string {
    let out = "";
    while (out.length < n) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
}

export function createRng(seed: number): Rng {
  return new Mulberry32(seed);
}
