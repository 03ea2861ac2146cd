/**
 * Kader JKN: volunteers of an area who visit and phone participants in arrears (they remind,
 * explain, help register autodebet or REHAB, take complaints; they never collect money). A branch
 * keeps a roster of them, each serving a kecamatan and, optionally, one desa of it.
 */

/** One kader on a branch's roster. Name and phone are personal data: mask them in logs. */
export interface Kader {
  /** The branch's own id for the kader: letters, digits, '-' and '_'. */
  kaderId: string;
  name: string;
  /** E.164 mobile number (+62...). */
  phone: string;
  branchCode: string;
  /** As the snapshot names areas: a name or a dotted BPS code. */
  kecamatan: string;
  desa?: string;
  /** Visits a week the kader takes on, 1..200. */
  capacityPerWeek: number;
}

export const KADER_CAPACITY_MIN = 1;
export const KADER_CAPACITY_MAX = 200;
export const KADER_NAME_MAX = 100;

const KADER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

export const isKaderId = (value: string) => KADER_ID.test(value);

/** One branch's kader per kecamatan, by kecamatan (a kecamatan with none is absent). */
export function kaderPerKecamatan(roster: readonly Kader[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const k of roster) counts.set(k.kecamatan, (counts.get(k.kecamatan) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}
