/**
 * One row of a kader roster file: its columns and the rules it must meet to become a Kader. Each
 * problem names its field and a stable reason; the detail never quotes a name or phone.
 */
import { areaValue } from "../domain/area";
import type { Branch } from "../domain/branches";
import {
  isKaderId,
  KADER_CAPACITY_MAX,
  KADER_CAPACITY_MIN,
  KADER_NAME_MAX,
  type Kader,
} from "../domain/kader";
import { normalizePhone } from "../domain/phone";

export const KADER_COLUMNS = [
  "kader_id",
  "name",
  "phone",
  "branch_code",
  "kecamatan",
  "desa",
  "capacity_per_week",
] as const;

export type KaderColumn = (typeof KADER_COLUMNS)[number];

export const KADER_REJECTION_REASONS = [
  "INVALID_KADER_ID",
  "INVALID_NAME",
  "INVALID_PHONE",
  "UNKNOWN_BRANCH",
  "INVALID_AREA",
  "INVALID_CAPACITY",
  "WRONG_FIELD_COUNT",
  "DUPLICATE_KADER",
] as const;

export type KaderRejectionReason = (typeof KADER_REJECTION_REASONS)[number];

export interface KaderProblem {
  /** "" for a problem of the whole row. */
  field: KaderColumn | "";
  reason: KaderRejectionReason;
  detail: string;
}

export type KaderRowResult = { ok: true; kader: Kader } | { ok: false; problems: KaderProblem[] };

const quoted = (value: string) => `'${value.length > 32 ? `${value.slice(0, 32)}...` : value}'`;

type Check<T> = { ok: true; value: T } | { ok: false; problem: KaderProblem };
const valid = <T>(value: T): Check<T> => ({ ok: true, value });
const invalid = (field: KaderColumn, reason: KaderRejectionReason, detail: string): Check<never> => ({
  ok: false,
  problem: { field, reason, detail },
});

function checkId(cell: string): Check<string> {
  if (cell === "") return invalid("kader_id", "INVALID_KADER_ID", "is blank");
  if (!isKaderId(cell)) {
    return invalid(
      "kader_id",
      "INVALID_KADER_ID",
      `${quoted(cell)} is not 1-32 letters, digits, '-' or '_' (starting with a letter or digit)`,
    );
  }
  return valid(cell);
}

function checkName(cell: string): Check<string> {
  const name = cell.replaceAll(/\s+/g, " ");
  if (name === "") return invalid("name", "INVALID_NAME", "is blank");
  if (name.length > KADER_NAME_MAX) {
    return invalid("name", "INVALID_NAME", `is ${name.length} characters, at most ${KADER_NAME_MAX}`);
  }
  return valid(name);
}

/** A kader is phoned and messaged: a mobile number, never quoted back. */
function checkPhone(cell: string): Check<string> {
  const phone = normalizePhone(cell);
  if (!phone.ok)
    return invalid("phone", "INVALID_PHONE", `is not a usable Indonesian number (${phone.reason})`);
  if (phone.type !== "MOBILE") return invalid("phone", "INVALID_PHONE", "is not a mobile number");
  return valid(phone.e164);
}

function checkBranch(cell: string, branches: ReadonlyMap<string, Branch>): Check<string> {
  if (cell === "") return invalid("branch_code", "UNKNOWN_BRANCH", "is blank");
  if (!branches.has(cell))
    return invalid("branch_code", "UNKNOWN_BRANCH", `${quoted(cell)} is not a configured branch`);
  return valid(cell);
}

function checkArea(cell: string, level: "kecamatan" | "desa"): Check<string | undefined> {
  if (cell === "") {
    return level === "desa" ? valid(undefined) : invalid("kecamatan", "INVALID_AREA", "is blank");
  }
  const value = areaValue(cell, level);
  if (value === undefined) return valid(undefined);
  return value.ok ? valid(value.value) : invalid(level, "INVALID_AREA", `${quoted(cell)} ${value.problem}`);
}

function checkCapacity(cell: string): Check<number> {
  const n = /^\d{1,4}$/.test(cell) ? Number(cell) : Number.NaN;
  if (!(n >= KADER_CAPACITY_MIN && n <= KADER_CAPACITY_MAX)) {
    return invalid(
      "capacity_per_week",
      "INVALID_CAPACITY",
      `${quoted(cell)} is not a whole number from ${KADER_CAPACITY_MIN} to ${KADER_CAPACITY_MAX}`,
    );
  }
  return valid(n);
}

/** A desa code must lie in the kecamatan's code, when both are codes. */
function desaOutside(kecamatan: string, desa: string | undefined): KaderProblem | undefined {
  const code = (v: string) => (/^[\d.]+$/.test(v) ? v.replaceAll(".", "") : undefined);
  const kec = code(kecamatan);
  const des = desa === undefined ? undefined : code(desa);
  if (kec === undefined || des === undefined || des.startsWith(kec)) return undefined;
  return { field: "desa", reason: "INVALID_AREA", detail: `${desa} is not in kecamatan ${kecamatan}` };
}

/** Checks every field of one row (each problem reported); a valid row becomes a Kader. */
export function validateKaderRow(
  cell: (column: KaderColumn) => string,
  branches: ReadonlyMap<string, Branch>,
): KaderRowResult {
  const kaderId = checkId(cell("kader_id"));
  const name = checkName(cell("name"));
  const phone = checkPhone(cell("phone"));
  const branchCode = checkBranch(cell("branch_code"), branches);
  const kecamatan = checkArea(cell("kecamatan"), "kecamatan");
  const desa = checkArea(cell("desa"), "desa");
  const capacity = checkCapacity(cell("capacity_per_week"));
  const checks = [kaderId, name, phone, branchCode, kecamatan, desa, capacity];
  const problems = checks.flatMap((c) => (c.ok ? [] : [c.problem]));
  if (
    !kaderId.ok ||
    !name.ok ||
    !phone.ok ||
    !branchCode.ok ||
    !kecamatan.ok ||
    !desa.ok ||
    !capacity.ok ||
    kecamatan.value === undefined
  ) {
    return { ok: false, problems };
  }
  const outside = desaOutside(kecamatan.value, desa.value);
  if (outside) return { ok: false, problems: [outside] };
  return {
    ok: true,
    kader: {
      kaderId: kaderId.value,
      name: name.value,
      phone: phone.value,
      branchCode: branchCode.value,
      kecamatan: kecamatan.value,
      ...(desa.value === undefined ? {} : { desa: desa.value }),
      capacityPerWeek: capacity.value,
    },
  };
}
