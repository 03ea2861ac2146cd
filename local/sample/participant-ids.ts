/** Participant ids: 13 digits, unique without remembering them (a keyed permutation per prefix). */
import { type Rng, Weighted } from "./random";

const ID_SPACE = 1_000_000_000; // 9 digits after a 4-digit prefix
const FEISTEL_HALF = 31_623; // FEISTEL_HALF^2 >= ID_SPACE
export const ID_PREFIXES = new Weighted<string>([
  ["0001", 80],
  ["0002", 12],
  ["0000", 6],
  ["0003", 2],
]);
/** Never produced by the valid generator, so bad rows cannot collide with good ones. */
export const BAD_ROW_ID_PREFIX = "0009";

export class IdPermutation {
  private readonly keys: number[];
  private readonly counters = new Map<string, number>();

  constructor(rng: Rng) {
    this.keys = [0, 1, 2, 3].map(() => Math.floor(rng.float() * 2 ** 32) >>> 0);
  }

  next(prefix: string): string {
    const index = this.counters.get(prefix) ?? 0;
    if (index >= ID_SPACE) throw new RangeError(`prefix ${prefix} exhausted`);
    this.counters.set(prefix, index + 1);
    // keys differ per prefix, so 0001xxxxxxxxx and 0002xxxxxxxxx do not share their suffixes
    const tweak = Math.imul(Number(prefix) + 1, 0x27d4eb2d);
    return prefix + String(this.permute(index, tweak)).padStart(9, "0");
  }

  /** Balanced Feistel network on [0, FEISTEL_HALF^2), cycle-walked into [0, ID_SPACE). */
  private permute(value: number, tweak: number): number {
    let x = value;
    do {
      let left = Math.floor(x / FEISTEL_HALF);
      let right = x % FEISTEL_HALF;
      for (const key of this.keys) {
        const mixed = (left + roundFunction(right, key ^ tweak)) % FEISTEL_HALF;
        left = right;
        right = mixed;
      }
      x = left * FEISTEL_HALF + right;
    } while (x >= ID_SPACE);
    return x;
  }
}

function roundFunction(value: number, key: number): number {
  let h = Math.imul(value ^ key, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) % FEISTEL_HALF;
}
