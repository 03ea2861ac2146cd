/** Seeded randomness for the sample population: the same seed always draws the same numbers. */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: small, fast, deterministic. Seeds beyond 32 bits are folded in, not truncated. */
export function mulberry32(seed: number): Random {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  let state = ((seed >>> 0) ^ Math.imul(high, 0x9e3779b1)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: Random;

  constructor(next: Random) {
    this.next = next;
  }

  float(): number {
    return this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }

  digits(n: number): string {
    let out = "";
    for (let i = 0; i < n; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }
}

export class Weighted<T> {
  private readonly values: T[] = [];
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(entries: Iterable<readonly [T, number]>) {
    let sum = 0;
    for (const [value, weight] of entries) {
      if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`bad weight ${weight}`);
      if (weight === 0) continue;
      sum += weight;
      this.values.push(value);
      this.cumulative.push(sum);
    }
    if (sum <= 0) throw new RangeError("weights must not all be zero");
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng.float() * this.total;
    for (let i = 0; i < this.cumulative.length; i++) {
      if (x < at(this.cumulative, i)) return at(this.values, i);
    }
    return at(this.values, this.values.length - 1);
  }
}

export function at<T>(items: readonly T[], index: number): T {
  const value = items[index];
  if (value === undefined) throw new RangeError(`index ${index} out of range (${items.length})`);
  return value;
}
