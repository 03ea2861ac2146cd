/**
 * Seeded sample population: a branch's monthly arrears snapshot of PBPU ("mandiri") participants,
 * as the raw CSV rows a branch would hand over, with the mess real files have (mixed phone formats,
 * blanks, titles, names that need quoting).
 *
 * Every value is a string because these are raw file cells. The columns, the CSV quoting and the
 * premiums are the importer's and the domain's own, so the two can never disagree on the format.
 *
 * Conventions:
 * - `referencePeriod` (YYYY-MM) is the last period counted in the arrears, so
 *   `last_paid_period = referencePeriod - months_in_arrears` (0 months: paid up to the reference).
 * - `arrears_amount`, when given, is min(months, 24) x participant share x family members, sometimes
 *   a little less (an earlier partial payment). Otherwise it is blank, to be computed on import.
 */

import { addMonths, parsePeriod } from "../domain/period";
import { computeArrearsAmount, DEFAULT_PREMIUMS } from "../domain/premiums";
import { ARREARS_COLUMNS, type RejectionReason } from "../import/arrears-import";
import { csvRecord } from "../import/csv";

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** One raw CSV record of the arrears snapshot; blanks are "". */
export interface ArrearsRow {
  participantId: string;
  name: string;
  phone: string;
  branchCode: string;
  premiumClass: string;
  monthsInArrears: string;
  arrearsAmount: string;
  lastPaidPeriod: string;
  autodebet: string;
  familyMembers: string;
}

export interface GenerateOptions {
  seed: number;
  count: number;
  /** Defaults to DEFAULT_BRANCH_CODES. */
  branchCodes?: readonly string[];
  /** Relative weights, one per branch code; default: a fixed uneven split. */
  branchWeights?: readonly number[];
  /** YYYY-MM, the last period counted in the arrears; default DEFAULT_REFERENCE_PERIOD. */
  referencePeriod?: string;
}

export interface BadRowCase {
  /** The single thing wrong with the row. */
  defect: string;
  column: (typeof CSV_COLUMNS)[number];
  /** What the importer rejects it as. */
  reason: RejectionReason;
  row: ArrearsRow;
}

// ---------------------------------------------------------------------------------------------
// Defaults (domain notes: Perpres 64/2020 participant shares, arrears counted up to 24 months)
// ---------------------------------------------------------------------------------------------

export const DEFAULT_BRANCH_CODES: readonly string[] = ["GORONTALO", "SEMARANG", "SINGKAWANG", "JAYAPURA"];
export const DEFAULT_REFERENCE_PERIOD = "2026-11";
export const DEFAULT_SEED = 20261101;

/** Monthly amount the participant pays, by class (Kelas III: 42,000 minus the 7,000 subsidy). */
export const PARTICIPANT_SHARE: Readonly<Record<1 | 2 | 3, number>> = {
  1: DEFAULT_PREMIUMS[1].participantShare,
  2: DEFAULT_PREMIUMS[2].participantShare,
  3: DEFAULT_PREMIUMS[3].participantShare,
};
export const MAX_MONTHS_IN_ARREARS = 30;

const DEFAULT_BRANCH_WEIGHTS: Readonly<Record<string, number>> = {
  SEMARANG: 40,
  SINGKAWANG: 25,
  GORONTALO: 20,
  JAYAPURA: 15,
};

export const CSV_COLUMNS = ARREARS_COLUMNS;

export const CSV_HEADER = CSV_COLUMNS.join(",");

const ROW_KEYS: Readonly<Record<(typeof CSV_COLUMNS)[number], keyof ArrearsRow>> = {
  participant_id: "participantId",
  name: "name",
  phone: "phone",
  branch_code: "branchCode",
  class: "premiumClass",
  months_in_arrears: "monthsInArrears",
  arrears_amount: "arrearsAmount",
  last_paid_period: "lastPaidPeriod",
  autodebet: "autodebet",
  family_members: "familyMembers",
};

// ---------------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------------

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

class Rng {
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

class Weighted<T> {
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

function at<T>(items: readonly T[], index: number): T {
  const value = items[index];
  if (value === undefined) throw new RangeError(`index ${index} out of range (${items.length})`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Participant ids: 13 digits, unique without remembering them (a keyed permutation per prefix)
// ---------------------------------------------------------------------------------------------

const ID_SPACE = 1_000_000_000; // 9 digits after a 4-digit prefix
const FEISTEL_HALF = 31_623; // FEISTEL_HALF^2 >= ID_SPACE
const ID_PREFIXES = new Weighted<string>([
  ["0001", 80],
  ["0002", 12],
  ["0000", 6],
  ["0003", 2],
]);
/** Never produced by the valid generator, so bad rows cannot collide with good ones. */
const BAD_ROW_ID_PREFIX = "0009";

class IdPermutation {
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

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

type Region =
  | "JAVA"
  | "GORONTALO"
  | "MINAHASA"
  | "BUGIS"
  | "MALAY"
  | "DAYAK"
  | "CHINESE"
  | "PAPUA"
  | "MALUKU"
  | "BATAK";
type Gender = "M" | "F";

interface NameParts {
  given: string;
  family?: string;
  muslim: boolean;
}

const JAVA_SINGLE = {
  M: ["Slamet", "Paijo", "Sumarno", "Wagiman", "Sutrisno", "Sugiyono", "Sarno", "Legiman", "Mujiono"],
  F: ["Sukarti", "Suparmi", "Tukiyem", "Ngatini", "Painem", "Kasiyem", "Tumini", "Sumiyati", "Wagiyem"],
};
const JAVA_GIVEN = {
  M: ["Budi", "Agus", "Eko", "Bambang", "Joko", "Heru", "Ahmad", "Muhammad", "Rudi", "Teguh", "Ma'ruf"],
  F: ["Siti", "Sri", "Rina", "Endang", "Tri", "Nur'aini", "Sa'diyah", "Dewi", "Retno", "Ika", "Umi"],
};
const JAVA_SECOND = {
  M: ["Santoso", "Wibowo", "Setiawan", "Hidayat", "Purnomo", "Susanto", "Prasetyo", "Nugroho", "Widodo"],
  F: ["Rahayu", "Lestari", "Wahyuni", "Handayani", "Susanti", "Rahmawati", "Wulandari", "Astuti", "Aminah"],
};
const GORONTALO_GIVEN = {
  M: ["Rahmat", "Fadli", "Suleman", "Yusuf", "Rustam", "Hamzah", "Idris", "Ramli", "Sarton", "Irwan"],
  F: ["Ramlah", "Nurhayati", "Hadija", "Fatmawati", "Sitti", "Yuyun", "Kartini", "Nurain", "Mariam"],
};
const GORONTALO_FAMILY = [
  "Katili",
  "Dunggio",
  "Pakaya",
  "Lihawa",
  "Tangahu",
  "Bumulo",
  "Mointi",
  "Polapa",
  "Gobel",
  "Nusi",
  "Habibie",
  "Monoarfa",
  "Hasan",
  "Mohamad",
  "Ismail",
  "Biga",
  "Uno",
  "Datau",
];
const MINAHASA_GIVEN = {
  M: ["Johny", "Stevanus", "Hendrik", "Decky", "Ferry", "Jeffry", "Roy", "Alfrets", "Noldy"],
  F: ["Meiske", "Grace", "Fransiska", "Jein", "Novi", "Vonny", "Deisy", "Olivia", "Stella"],
};
const MINAHASA_FAMILY = [
  "Wenas",
  "Lumowa",
  "Sondakh",
  "Rumondor",
  "Mandagi",
  "Pangemanan",
  "Tumbelaka",
  "Rondonuwu",
  "Kalalo",
  "Lengkong",
  "Sumampouw",
];
const BUGIS_GIVEN = {
  M: ["Muhammad", "Rusdi", "Basri", "Syamsuddin", "Hamzah", "Amiruddin", "Baharuddin", "Ansar", "Jufri"],
  F: ["Hasnah", "Nurhaedah", "Hasniati", "Suriani", "Sitti", "Rosmini", "Hadijah", "Asma", "Sumarni"],
};
const MALAY_GIVEN = {
  M: ["Hamid", "Ahmad", "Zulkifli", "Rusli", "Mahmud", "Usman", "Jamaluddin", "Ismail", "Jum'at"],
  F: ["Fatimah", "Zainab", "Aisyah", "Rohani", "Maimunah", "Salmah", "Juliana", "Nurlela", "Rahmah"],
};
const DAYAK_GIVEN = {
  M: ["Yohanes", "Agustinus", "Paulus", "Yosef", "Antonius", "Markus", "Stefanus", "Ignasius"],
  F: ["Lusia", "Theresia", "Marselina", "Yuliana", "Maria", "Veronika", "Fransiska", "Agnes"],
};
const DAYAK_SECOND = ["Apui", "Ahi", "Asong", "Ajat", "Atuk", "Ijau", "Libau", "Ungan", "Nyangun"];
const CHINESE_SURNAME = ["Tjhai", "Bong", "Lim", "Lie", "Chin", "Tjong", "Phang", "Lo", "Tan", "Ng", "Liaw"];
const CHINESE_GIVEN = {
  M: ["Ah Kiong", "Ket Fui", "Jun Fat", "Kon Fui", "Ket Liong", "Bui Khiun", "Kim Liong", "Sui Fat"],
  F: ["Chui Mie", "Kim Fa", "Siu Lan", "Fung Lin", "Sin Moi", "Nyuk Lan", "Mei Lin", "Ngiat Fung"],
};
const CHINESE_INDONESIAN_GIVEN = {
  M: ["Hendra", "Budi", "Susanto", "Lukas", "Ferry", "Johan", "Wilson", "Rudy", "Andreas"],
  F: ["Susanti", "Lili", "Mega", "Yenny", "Meliana", "Veronica", "Lina", "Fransisca", "Linda"],
};
const CHINESE_INDONESIAN_FAMILY = [
  "Wijaya",
  "Halim",
  "Gunawan",
  "Tanoto",
  "Salim",
  "Tanuwijaya",
  "Hartono",
  "Sutanto",
  "Liman",
  "Kusuma",
  "Tjandra",
];
const PAPUA_GIVEN = {
  M: ["Yohanis", "Markus", "Yulianus", "Frans", "Origenes", "Petrus", "Yulius", "Demianus", "Elias"],
  F: ["Maria", "Ester", "Yakomina", "Naomi", "Agustina", "Salomina", "Martha", "Nelce", "Dorkas"],
};
const PAPUA_FAMILY = [
  "Wenda",
  "Kogoya",
  "Wonda",
  "Rumbiak",
  "Mandowen",
  "Yoku",
  "Ohee",
  "Sawaki",
  "Kareth",
  "Wanggai",
  "Tabuni",
  "Rumkorem",
  "Suebu",
  "Mebri",
  "Kambu",
  "Mirino",
];
const MALUKU_GIVEN = {
  M: ["Johanis", "Semuel", "Yance", "Ronald", "Marthen", "Abdul", "Ridwan", "Hasan", "Edwin"],
  F: ["Welhelmina", "Paulina", "Yohana", "Nona", "Sitti", "Fransina", "Hadija", "Elisabeth", "Wa Ode"],
};
const MALUKU_FAMILY = [
  "Latuconsina",
  "Pattiasina",
  "Tuhumury",
  "Sahetapy",
  "Matulessy",
  "Leimena",
  "Tanamal",
  "Latumahina",
  "Souisa",
  "Wattimena",
  "Ohorella",
  "Tuasikal",
];
const MALUKU_MUSLIM_FAMILY = new Set(["Latuconsina", "Ohorella", "Tuasikal"]);
const BATAK_GIVEN = {
  M: ["Robert", "Maruli", "Hotman", "Saut", "Lamhot", "Jonner", "Parulian", "Togar"],
  F: ["Rosmawati", "Tiurma", "Rugun", "Lasmaria", "Dameria", "Rotua", "Nurmaida", "Sondang"],
};
const BATAK_FAMILY = [
  "Nainggolan",
  "Simanjuntak",
  "Sitompul",
  "Hutapea",
  "Siregar",
  "Panjaitan",
  "Simatupang",
  "Situmorang",
];
const DEGREES = [", S.Pd.", ", S.E.", ", S.H.", ", A.Md.", ", S.Kep.", ", S.Sos.", ", S.Ag."];
const NICKNAMES = { M: ["Obet", "Yanto", "Ucok", "Udin", "Anto"], F: ["Iin", "Ani", "Ochi", "Tuti", "Yuli"] };

const NAME_BUILDERS: Readonly<Record<Region, (rng: Rng, g: Gender) => NameParts>> = {
  JAVA: (rng, g) => {
    if (rng.chance(0.3)) return { given: rng.pick(JAVA_SINGLE[g]), muslim: true };
    const given = rng.pick(JAVA_GIVEN[g]);
    const withMuhammad = g === "M" && given !== "Muhammad" && rng.chance(0.1);
    return {
      given: withMuhammad ? `Muhammad ${given}` : given,
      family: rng.pick(JAVA_SECOND[g]),
      muslim: true,
    };
  },
  GORONTALO: (rng, g) => ({
    given: rng.pick(GORONTALO_GIVEN[g]),
    family: rng.pick(GORONTALO_FAMILY),
    muslim: true,
  }),
  MINAHASA: (rng, g) => ({
    given: rng.pick(MINAHASA_GIVEN[g]),
    family: rng.pick(MINAHASA_FAMILY),
    muslim: false,
  }),
  BUGIS: (rng, g) => {
    const first = rng.pick(BUGIS_GIVEN[g]);
    if (rng.chance(0.4)) return { given: first, muslim: true };
    const prefix = rng.chance(0.15) ? "Andi " : "";
    let second = rng.pick(BUGIS_GIVEN[g]);
    if (second === first) second = g === "M" ? "Arifin" : "Nurhayati";
    return { given: `${prefix}${first} ${second}`, muslim: true };
  },
  MALAY: (rng, g) => {
    const given = rng.pick(MALAY_GIVEN[g]);
    const roll = rng.float();
    if (roll < 0.15)
      return { given: `${given} ${g === "M" ? "bin" : "binti"} ${rng.pick(MALAY_GIVEN.M)}`, muslim: true };
    if (roll < 0.3)
      return { given: `${g === "M" ? rng.pick(["Syarif", "Uray"]) : "Syarifah"} ${given}`, muslim: true };
    if (roll < 0.55) return { given, muslim: true };
    return { given: `${given} ${rng.pick(MALAY_GIVEN[g])}`, muslim: true };
  },
  DAYAK: (rng, g) => ({ given: rng.pick(DAYAK_GIVEN[g]), family: rng.pick(DAYAK_SECOND), muslim: false }),
  CHINESE: (rng, g) =>
    rng.chance(0.55)
      ? // Hakka/Hokkien three-part name, surname first: no given/family reordering makes sense.
        { given: `${rng.pick(CHINESE_SURNAME)} ${rng.pick(CHINESE_GIVEN[g])}`, muslim: false }
      : {
          given: rng.pick(CHINESE_INDONESIAN_GIVEN[g]),
          family: rng.pick(CHINESE_INDONESIAN_FAMILY),
          muslim: false,
        },
  PAPUA: (rng, g) => ({ given: rng.pick(PAPUA_GIVEN[g]), family: rng.pick(PAPUA_FAMILY), muslim: false }),
  MALUKU: (rng, g) => {
    const family = rng.pick(MALUKU_FAMILY);
    return { given: rng.pick(MALUKU_GIVEN[g]), family, muslim: MALUKU_MUSLIM_FAMILY.has(family) };
  },
  BATAK: (rng, g) => ({ given: rng.pick(BATAK_GIVEN[g]), family: rng.pick(BATAK_FAMILY), muslim: false }),
};

/** Where a branch's participants come from, roughly. */
const BRANCH_REGIONS: Readonly<Record<string, Weighted<Region>>> = {
  GORONTALO: new Weighted<Region>([
    ["GORONTALO", 70],
    ["JAVA", 8],
    ["MINAHASA", 8],
    ["BUGIS", 8],
    ["CHINESE", 3],
    ["MALUKU", 3],
  ]),
  SEMARANG: new Weighted<Region>([
    ["JAVA", 85],
    ["CHINESE", 9],
    ["BATAK", 3],
    ["MINAHASA", 1],
    ["MALUKU", 1],
    ["PAPUA", 1],
  ]),
  SINGKAWANG: new Weighted<Region>([
    ["CHINESE", 40],
    ["MALAY", 25],
    ["DAYAK", 20],
    ["JAVA", 10],
    ["BATAK", 3],
    ["BUGIS", 2],
  ]),
  JAYAPURA: new Weighted<Region>([
    ["PAPUA", 50],
    ["JAVA", 15],
    ["BUGIS", 12],
    ["MALUKU", 9],
    ["MINAHASA", 5],
    ["BATAK", 4],
    ["GORONTALO", 2],
    ["CHINESE", 3],
  ]),
};
const NATIONAL_REGIONS = new Weighted<Region>([
  ["JAVA", 40],
  ["BUGIS", 10],
  ["MALAY", 10],
  ["BATAK", 8],
  ["CHINESE", 7],
  ["GORONTALO", 5],
  ["MINAHASA", 5],
  ["MALUKU", 5],
  ["PAPUA", 5],
  ["DAYAK", 5],
]);

/** Regions whose second name is a real clan or family name (marga, fam), so "Family, Given" occurs. */
const SURNAME_FIRST_REGIONS: ReadonlySet<Region> = new Set([
  "BATAK",
  "MINAHASA",
  "MALUKU",
  "PAPUA",
  "GORONTALO",
]);

function generateName(rng: Rng, branchCode: string): string {
  const region = (BRANCH_REGIONS[branchCode] ?? NATIONAL_REGIONS).pick(rng);
  const gender: Gender = rng.chance(0.5) ? "M" : "F";
  const parts = NAME_BUILDERS[region](rng, gender);
  let name: string;
  const style = rng.float();
  if (parts.family !== undefined && SURNAME_FIRST_REGIONS.has(region) && style < 0.005) {
    name = `${parts.family}, ${parts.given}`; // clan/family name first, as some registers write it
  } else if (parts.family !== undefined && style > 0.997) {
    name = `${parts.given} "${rng.pick(NICKNAMES[gender])}" ${parts.family}`;
  } else {
    name = parts.family === undefined ? parts.given : `${parts.given} ${parts.family}`;
  }
  if (parts.muslim && rng.chance(0.04)) name = `${gender === "M" ? "H." : "Hj."} ${name}`;
  if (rng.chance(0.012)) name += rng.pick(DEGREES);
  if (rng.chance(0.15)) name = name.toUpperCase(); // legacy systems upper-case everything
  return name;
}

// ---------------------------------------------------------------------------------------------
// Phones
// ---------------------------------------------------------------------------------------------

const MOBILE_PREFIXES = [
  "0811",
  "0812",
  "0813",
  "0821",
  "0822",
  "0823",
  "0852",
  "0853",
  "0814",
  "0815",
  "0856",
  "0857",
  "0858",
  "0817",
  "0818",
  "0819",
  "0859",
  "0877",
  "0878",
  "0831",
  "0838",
  "0895",
  "0896",
  "0897",
  "0881",
  "0882",
  "0888",
];
/** Total digits including the leading 0. */
const MOBILE_LENGTHS = new Weighted<number>([
  [10, 5],
  [11, 25],
  [12, 55],
  [13, 15],
]);
type MobileFormat = "raw" | "dashed" | "plus62" | "62" | "spaced" | "plus62spaced";
const MOBILE_FORMATS = new Weighted<MobileFormat>([
  ["raw", 45],
  ["dashed", 15],
  ["plus62", 15],
  ["62", 10],
  ["spaced", 10],
  ["plus62spaced", 5],
]);
const AREA_CODES: Readonly<Record<string, { code: string; localLengths: readonly number[] }>> = {
  GORONTALO: { code: "0435", localLengths: [6] },
  SEMARANG: { code: "024", localLengths: [7, 8] },
  SINGKAWANG: { code: "0562", localLengths: [6] },
  JAYAPURA: { code: "0967", localLengths: [6] },
};
const OTHER_AREA_CODES = Object.values(AREA_CODES);
const UNUSABLE_PHONES = ["", "-", "tidak ada", "0", "TIDAK ADA", "-"];

type PhoneKind = "mobile" | "landline" | "unusable";
const PHONE_KINDS = new Weighted<PhoneKind>([
  ["mobile", 95],
  ["landline", 3],
  ["unusable", 2],
]);

function groupDigits(digits: string, separator: string): string {
  return [digits.slice(0, 4), digits.slice(4, 8), digits.slice(8)].filter((s) => s !== "").join(separator);
}

function generateMobile(rng: Rng): string {
  const prefix = rng.pick(MOBILE_PREFIXES);
  const local = prefix + String(rng.int(1, 9)) + rng.digits(MOBILE_LENGTHS.pick(rng) - prefix.length - 1);
  const national = local.slice(1);
  switch (MOBILE_FORMATS.pick(rng)) {
    case "raw":
      return local;
    case "dashed":
      return groupDigits(local, "-");
    case "plus62":
      return `+62${national}`;
    case "62":
      return `62${national}`;
    case "spaced":
      return groupDigits(local, " ");
    case "plus62spaced":
      return `+62 ${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`;
  }
}

function generateLandline(rng: Rng, branchCode: string): string {
  const area = AREA_CODES[branchCode] ?? rng.pick(OTHER_AREA_CODES);
  const number = String(rng.int(2, 8)) + rng.digits(rng.pick(area.localLengths) - 1);
  const roll = rng.float();
  if (roll < 0.6) return `(${area.code}) ${number}`;
  if (roll < 0.85) return `${area.code}-${number}`;
  return area.code + number;
}

function generatePhone(rng: Rng, branchCode: string): string {
  switch (PHONE_KINDS.pick(rng)) {
    case "mobile":
      return generateMobile(rng);
    case "landline":
      return generateLandline(rng, branchCode);
    case "unusable":
      // a truncated mobile ("08123") or a placeholder typed by whoever filled in the form
      return rng.chance(0.35) ? `08${rng.digits(rng.int(2, 5))}` : rng.pick(UNUSABLE_PHONES);
  }
}

// ---------------------------------------------------------------------------------------------
// Arrears
// ---------------------------------------------------------------------------------------------

const CLASSES = new Weighted<1 | 2 | 3>([
  [1, 15],
  [2, 25],
  [3, 60],
]);

/** Many recent (0-3), a decaying tail, and a bump of long-lapsed participants at 24+. */
const MONTHS = new Weighted<number>(
  Array.from({ length: MAX_MONTHS_IN_ARREARS + 1 }, (_, m): [number, number] => {
    if (m <= 3) return [m, at([10, 12, 10, 8], m)];
    if (m < 24) return [m, 6 * 0.88 ** (m - 4)];
    return [m, at([3.5, 2.8, 2.2, 1.8, 1.5, 1.2, 1], m - 24)];
  }),
);

const FAMILY_SIZES = new Weighted<number>([
  [1, 30],
  [2, 25],
  [3, 20],
  [4, 15],
  [5, 6],
  [6, 4],
]);

const AUTODEBET = new Weighted<string>([
  ["false", 80],
  ["true", 12],
  ["", 8],
]);

/** The amount owed for these arrears; what a given arrears_amount is consistent with. */
export function expectedArrearsAmount(
  premiumClass: 1 | 2 | 3,
  months: number,
  familyMembers: number,
): number {
  return computeArrearsAmount({ monthsInArrears: months, premiumClass, familyMembers });
}

/** Whether the row gives an amount, and how much of one month's family premium was paid earlier. */
type AmountDraw = { given: false } | { given: true; paidPercent?: number };

function drawAmount(rng: Rng, months: number): AmountDraw {
  if (!rng.chance(0.3)) return { given: false };
  if (months > 0 && rng.chance(0.15)) return { given: true, paidPercent: rng.int(10, 90) };
  return { given: true };
}

/**
 * The arrears_amount cell for the family the importer will read (a blank family_members counts as
 * one), so a given amount never exceeds what the arrears can cost.
 */
function amountCell(draw: AmountDraw, premiumClass: 1 | 2 | 3, months: number, family: number): string {
  if (!draw.given) return "";
  const full = expectedArrearsAmount(premiumClass, months, family);
  if (draw.paidPercent === undefined) return String(full);
  // an earlier partial payment: less than one month's family premium, in whole thousands
  const monthly = PARTICIPANT_SHARE[premiumClass] * family;
  const paid = Math.max(1, Math.floor((monthly * draw.paidPercent) / 100 / 1000)) * 1000;
  return String(full - paid);
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

interface Prepared {
  rng: Rng;
  ids: IdPermutation;
  branches: Weighted<string>;
  referencePeriod: string;
}

function prepare(options: GenerateOptions): Prepared {
  const { seed, count } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be >= 0, got ${count}`);
  const branchCodes = options.branchCodes ?? DEFAULT_BRANCH_CODES;
  if (branchCodes.length === 0) throw new RangeError("branchCodes must not be empty");
  if (new Set(branchCodes).size !== branchCodes.length) throw new RangeError("branchCodes has duplicates");
  const weights = options.branchWeights;
  if (weights !== undefined && weights.length !== branchCodes.length) {
    throw new RangeError("branchWeights must have one weight per branch code");
  }
  // Uneven by default: known branches get their fixed share, others 1/(position+1).
  const branches = new Weighted<string>(
    branchCodes.map((code, i): [string, number] => [
      code,
      weights?.[i] ?? DEFAULT_BRANCH_WEIGHTS[code] ?? 20 / (i + 1),
    ]),
  );
  const referencePeriod = parsePeriod(options.referencePeriod ?? DEFAULT_REFERENCE_PERIOD);
  const rng = new Rng(mulberry32(seed));
  const ids = new IdPermutation(rng);
  return { rng, ids, branches, referencePeriod };
}

function generateRow(p: Prepared): ArrearsRow {
  const { rng } = p;
  const branchCode = p.branches.pick(rng);
  const participantId = p.ids.next(ID_PREFIXES.pick(rng));
  const name = generateName(rng, branchCode);
  const phone = generatePhone(rng, branchCode);
  const premiumClass = CLASSES.pick(rng);
  const months = MONTHS.pick(rng);
  const family = FAMILY_SIZES.pick(rng);
  // Drawn in this order so a seed keeps giving the same rows.
  const amount = drawAmount(rng, months);
  const lastPaidPeriod = rng.chance(0.05) ? "" : addMonths(p.referencePeriod, -months);
  const autodebet = AUTODEBET.pick(rng);
  const familyBlank = rng.chance(0.04);
  return {
    participantId,
    name,
    phone,
    branchCode,
    premiumClass: String(premiumClass),
    monthsInArrears: String(months),
    arrearsAmount: amountCell(amount, premiumClass, months, familyBlank ? 1 : family),
    lastPaidPeriod,
    autodebet,
    familyMembers: familyBlank ? "" : String(family),
  };
}

/** Lazily yields `count` valid rows; the same options always give the same rows. */
export function* iterateArrearsRows(options: GenerateOptions): Generator<ArrearsRow> {
  const prepared = prepare(options);
  for (let i = 0; i < options.count; i++) yield generateRow(prepared);
}

export function generateArrearsRows(options: GenerateOptions): ArrearsRow[] {
  return Array.from(iterateArrearsRows(options));
}

/** The most a valid row's arrears can cost, as the importer reads it (blank family: one). */
function maximumOf(row: ArrearsRow): number {
  const family = row.familyMembers === "" ? 1 : Number(row.familyMembers);
  return expectedArrearsAmount(Number(row.premiumClass) as 1 | 2 | 3, Number(row.monthsInArrears), family);
}

/**
 * A dozen rows, each valid except for one deliberate defect, for import tests. Their ids use a
 * prefix the valid generator never produces, so they can be appended to any generated file.
 */
export function generateBadRowCases(
  seed: number,
  options: Omit<GenerateOptions, "seed" | "count"> = {},
): BadRowCase[] {
  const branchCodes = options.branchCodes ?? DEFAULT_BRANCH_CODES;
  // a stream of its own, so bad rows do not repeat the first valid rows of the same seed
  const badSeed = (Math.floor(mulberry32(seed)() * 2 ** 32) ^ 0xbad) >>> 0;
  const prepared = prepare({ ...options, seed: badSeed, count: 0 });
  const next = (): ArrearsRow => ({
    ...generateRow(prepared),
    participantId: prepared.ids.next(BAD_ROW_ID_PREFIX),
  });
  const unknownBranch = ["MERAUKE", "CABANG-X"].find((code) => !branchCodes.includes(code)) ?? "??";
  type Defect = [
    string,
    (typeof CSV_COLUMNS)[number],
    RejectionReason,
    (row: ArrearsRow) => Partial<ArrearsRow>,
  ];
  const cases: Defect[] = [
    [
      "id has 12 digits (a leading zero lost)",
      "participant_id",
      "INVALID_PARTICIPANT_ID",
      (r) => ({ participantId: r.participantId.slice(1) }),
    ],
    [
      "id has letters (O typed for 0)",
      "participant_id",
      "INVALID_PARTICIPANT_ID",
      (r) => ({ participantId: `O${r.participantId.slice(1)}` }),
    ],
    ["unknown branch", "branch_code", "UNKNOWN_BRANCH", () => ({ branchCode: unknownBranch })],
    ["class 4", "class", "INVALID_CLASS", () => ({ premiumClass: "4" })],
    [
      "negative months",
      "months_in_arrears",
      "INVALID_MONTHS",
      () => ({ monthsInArrears: "-1", arrearsAmount: "", lastPaidPeriod: "" }),
    ],
    [
      "months not a number",
      "months_in_arrears",
      "INVALID_MONTHS",
      () => ({ monthsInArrears: "abc", arrearsAmount: "", lastPaidPeriod: "" }),
    ],
    ["fractional amount", "arrears_amount", "INVALID_AMOUNT", () => ({ arrearsAmount: "1.5" })],
    [
      "nothing owed for months in arrears",
      "arrears_amount",
      "ZERO_AMOUNT",
      () => ({ monthsInArrears: "5", arrearsAmount: "0", lastPaidPeriod: "" }),
    ],
    [
      "more than the arrears can cost",
      "arrears_amount",
      "AMOUNT_ABOVE_MAXIMUM",
      (r) => ({ arrearsAmount: String(maximumOf(r) + 1_000_000) }),
    ],
    [
      "month 13",
      "last_paid_period",
      "INVALID_PERIOD",
      (r) => ({ lastPaidPeriod: `${r.lastPaidPeriod.slice(0, 4) || "2026"}-13` }),
    ],
    ["autodebet not a boolean", "autodebet", "INVALID_AUTODEBET", () => ({ autodebet: "ya" })],
    [
      "zero family members",
      "family_members",
      "INVALID_FAMILY_MEMBERS",
      () => ({ familyMembers: "0", arrearsAmount: "" }),
    ],
  ];
  return cases.map(([defect, column, reason, apply]) => {
    const row = next();
    return { defect, column, reason, row: { ...row, ...apply(row) } };
  });
}

export function generateBadRows(
  seed: number,
  options: Omit<GenerateOptions, "seed" | "count"> = {},
): ArrearsRow[] {
  return generateBadRowCases(seed, options).map((c) => c.row);
}

/** One CSV record, without the line end. */
export function toCsvLine(row: ArrearsRow): string {
  return csvRecord(CSV_COLUMNS.map((column) => row[ROW_KEYS[column]]));
}

/** Header plus rows, "\n" line ends and a trailing newline. For big files stream toCsvLine instead. */
export function toCsv(rows: Iterable<ArrearsRow>): string {
  const lines = [CSV_HEADER];
  for (const row of rows) lines.push(toCsvLine(row));
  return `${lines.join("\n")}\n`;
}
