/**
 * The seeded random source of synthetic traces: mulberry32 (a 32-bit generator by Tommy Ettinger,
 * public domain) for uniforms, Box-Muller for Gaussians. Same seed, same sequence, on every platform.
 */

/** A generator of uniform numbers in [0, 1) seeded with `seed` (taken modulo 2^32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A generator of standard normal numbers (mean 0, standard deviation 1): Box-Muller over
 * {@link mulberry32}; each pair of uniforms gives two draws, returned in turn.
 */
export function gaussianSource(seed: number): () => number {
  const uniform = mulberry32(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u1 = 1 - uniform(); // in (0, 1]: log(u1) is finite
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  };
}
