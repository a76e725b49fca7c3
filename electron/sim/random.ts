/**
 * The simulator's seeded randomness. mulberry32: tiny, fast and good enough for a show; every
 * room derives its own stream from (seed, room index) so rooms do not depend on each other and
 * a restarted source regenerates exactly the same events.
 */
export type Random = () => number;

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: Random, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** Pick by weights (parallel arrays). */
export function weighted<T>(r: Random, xs: readonly T[], weights: readonly number[]): T {
  let total = 0;
  for (const w of weights) total += w;
  let x = r() * total;
  for (let i = 0; i < xs.length; i++) {
    x -= weights[i]!;
    if (x < 0) return xs[i]!;
  }
  return xs[xs.length - 1]!;
}

/** A Poisson-distributed count with mean `mean` (Knuth for small means, normal approximation above). */
export function poisson(r: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(r)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = r();
  while (p > limit) {
    k++;
    p *= r();
  }
  return k;
}

function gaussian(r: Random): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}
