/**
 * Where a sample participant lives: a kabupaten/kota and kecamatan of the branch's region (real
 * names, data/sample-population/places.json), a desa from a generic list, and a street address.
 * Drawn from their own seeded stream, so adding them left every other cell of a seed unchanged.
 */
import PLACES from "../../data/sample-population/places.json";
import { type Rng, Weighted } from "./random";

export interface SampleArea {
  kabupaten: string;
  kecamatan: string;
  desa: string;
  address: string;
}

interface BranchAreas {
  kabupaten: string;
  weight: number;
  kecamatan: string[];
}

const DESA: readonly string[] = PLACES.desa;
const STREETS: readonly string[] = PLACES.streets;
/** A kecamatan has this many of the generic desa. */
export const DESA_PER_KECAMATAN = 4;

/** The desa of the kecamatan at `index` in its kabupaten's list: the generic list, rotated. */
export function desaOf(index: number): string[] {
  return Array.from({ length: DESA_PER_KECAMATAN }, (_, i) => DESA[(index * 3 + i) % DESA.length] as string);
}

/** Every kabupaten and kecamatan of a branch's sample region; none for a branch outside the sample. */
export function branchAreas(branchCode: string): readonly BranchAreas[] {
  const branch = (PLACES.branches as Record<string, { areas?: BranchAreas[] }>)[branchCode];
  return branch?.areas ?? [];
}

const cache = new Map<string, Weighted<BranchAreas> | undefined>();

function kabupatenOf(branchCode: string): Weighted<BranchAreas> | undefined {
  if (!cache.has(branchCode)) {
    const areas = branchAreas(branchCode);
    cache.set(
      branchCode,
      areas.length === 0 ? undefined : new Weighted(areas.map((a) => [a, a.weight] as const)),
    );
  }
  return cache.get(branchCode);
}

/**
 * A participant's area, or blanks: about 4 in 100 rows name no area, 8 in 100 no desa, and 1 in 10
 * has no address (as real snapshots do).
 */
export function drawArea(rng: Rng, branchCode: string): SampleArea {
  const kabupaten = kabupatenOf(branchCode)?.pick(rng);
  const noArea = rng.chance(0.04);
  const kecIndex = Math.floor(rng.float() * (kabupaten?.kecamatan.length ?? 1));
  const desaIndex = Math.floor(rng.float() * DESA_PER_KECAMATAN);
  const noDesa = rng.chance(0.08);
  const street = STREETS[Math.floor(rng.float() * STREETS.length)] as string;
  const number = 1 + Math.floor(rng.float() * 120);
  const rt = 1 + Math.floor(rng.float() * 12);
  const rw = 1 + Math.floor(rng.float() * 8);
  const noAddress = rng.chance(0.1);
  const two = (n: number) => String(n).padStart(2, "0");
  const address = noAddress ? "" : `${street} No. ${number}, RT ${two(rt)} RW ${two(rw)}`;
  if (!kabupaten || noArea) return { kabupaten: "", kecamatan: "", desa: "", address };
  return {
    kabupaten: kabupaten.kabupaten,
    kecamatan: kabupaten.kecamatan[kecIndex] as string,
    desa: noDesa ? "" : (desaOf(kecIndex)[desaIndex] as string),
    address,
  };
}
