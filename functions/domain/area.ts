/**
 * Where a participant lives, as the branch's file names it: kabupaten/kota, kecamatan and desa/
 * kelurahan, each a name or a BPS code (kabupaten 4 digits, kecamatan 7, desa 10; dots allowed, as
 * in 75.01.010). Codes are kept dotted (75.01.010.001), names trimmed with their spaces collapsed.
 */

export const AREA_LEVELS = ["kabupaten", "kecamatan", "desa"] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

export type Area = { [L in AreaLevel]?: string };

/** Digits per level in a BPS code, and the groups its dotted form has. */
const CODE_GROUPS: Readonly<Record<AreaLevel, readonly number[]>> = {
  kabupaten: [2, 2],
  kecamatan: [2, 2, 3],
  desa: [2, 2, 3, 3],
};

const PARENT: Readonly<Record<AreaLevel, AreaLevel | undefined>> = {
  kabupaten: undefined,
  kecamatan: "kabupaten",
  desa: "kecamatan",
};

export const AREA_NAME_MAX = 60;
export const ADDRESS_MAX = 200;

const CODE_LIKE = /^[\d.\s]+$/;
const CONTROL = /\p{Cc}/u;
const LETTER = /\p{L}/u;

/** A level's value: its dotted code or its name; `problem` says why the cell is unusable. */
export type AreaValue = { ok: true; value: string; code?: string } | { ok: false; problem: string };

function dotted(digits: string, level: AreaLevel): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of CODE_GROUPS[level]) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(".");
}

function codeValue(cell: string, level: AreaLevel): AreaValue {
  const length = CODE_GROUPS[level].reduce((a, b) => a + b, 0);
  const digits = cell.replaceAll(".", "");
  const wellDotted = !cell.includes(".") || cell === dotted(digits, level);
  if (!/^\d+$/.test(digits) || digits.length !== length || !wellDotted) {
    return {
      ok: false,
      problem: `is not a ${length}-digit BPS ${level} code (like ${dotted("7501010001", level)})`,
    };
  }
  return { ok: true, value: dotted(digits, level), code: digits };
}

/** One level's cell, already trimmed; blank is undefined. */
export function areaValue(cell: string, level: AreaLevel): AreaValue | undefined {
  if (cell === "") return undefined;
  if (CODE_LIKE.test(cell)) return codeValue(cell.replaceAll(/\s/g, ""), level);
  const name = cell.replaceAll(/\s+/g, " ");
  if (CONTROL.test(name) || !LETTER.test(name)) {
    return { ok: false, problem: "is neither a name nor a BPS code" };
  }
  if (name.length > AREA_NAME_MAX) {
    return { ok: false, problem: `is ${name.length} characters, at most ${AREA_NAME_MAX}` };
  }
  return { ok: true, value: name };
}

/**
 * Why a level does not fit its parent, if it does not: a code must extend its parent's code, and a
 * name needs its parent (a kecamatan name repeats across kabupaten); a code names its own parent.
 */
export function parentProblem(
  level: AreaLevel,
  values: Readonly<Partial<Record<AreaLevel, { value: string; code?: string }>>>,
  unusable: ReadonlySet<string> = new Set(),
): string | undefined {
  const parentLevel = PARENT[level];
  const own = values[level];
  if (parentLevel === undefined || own === undefined || unusable.has(parentLevel)) return undefined;
  const parent = values[parentLevel];
  if (parent === undefined) {
    return own.code === undefined ? `is given without a ${parentLevel}` : undefined;
  }
  if (own.code !== undefined && parent.code !== undefined && !own.code.startsWith(parent.code)) {
    return `${own.value} is not in ${parentLevel} ${parent.value}`;
  }
  return undefined;
}

/** An address cell as kept: spaces and line breaks collapsed; `problem` when it cannot be kept. */
export function addressValue(cell: string): { ok: true; value?: string } | { ok: false; problem: string } {
  const address = cell.replaceAll(/\s+/g, " ").trim();
  if (address === "") return { ok: true };
  if (CONTROL.test(address)) return { ok: false, problem: "holds control characters" };
  if (address.length > ADDRESS_MAX) {
    return { ok: false, problem: `is ${address.length} characters, at most ${ADDRESS_MAX}` };
  }
  return { ok: true, value: address };
}

/** The parent codes a code implies (kecamatan 75.01.010 is in kabupaten 75.01), for levels left blank. */
export function impliedParents(level: AreaLevel, code: string): Area {
  const parents: Area = {};
  for (let parent = PARENT[level]; parent !== undefined; parent = PARENT[parent]) {
    const length = CODE_GROUPS[parent].reduce((a, b) => a + b, 0);
    parents[parent] = dotted(code.slice(0, length), parent);
  }
  return parents;
}
