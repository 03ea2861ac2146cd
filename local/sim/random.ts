import { createHash } from "node:crypto";

/**
 * Seeded randomness keyed by what it is about (a participant, a call attempt), not by call order:
 * the same seed gives the same outcomes however the concurrent branches interleave.
 */
export function uniform(seed: number, ...keys: (string | number)[]): number {
  const digest = createHash("sha256")
    .update(`${seed}|${keys.join("|")}`)
    .digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

export const chance = (probability: number, seed: number, ...keys: (string | number)[]) =>
  uniform(seed, ...keys) < probability;

/** An integer in [min, max], inclusive. */
export const between = (min: number, max: number, seed: number, ...keys: (string | number)[]) =>
  min + Math.floor(uniform(seed, ...keys) * (max - min + 1));

/** Picks by weight: `{ A: 3, B: 1 }` gives A three times as often as B. */
export function weighted<K extends string>(
  weights: Record<K, number>,
  seed: number,
  ...keys: (string | number)[]
): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let point = uniform(seed, ...keys) * total;
  for (const [key, w] of entries) {
    point -= w;
    if (point < 0) return key;
  }
  return (entries.at(-1) as [K, number])[0];
}
