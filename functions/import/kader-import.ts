/**
 * Reading a kader roster file: every row checked (line, field, reason, as the arrears import),
 * a kader id twice in one file rejected on both lines, and the valid kader grouped by branch. It
 * writes nothing: the caller replaces each branch's roster with what it returns.
 */
import type { Readable } from "node:stream";
import type { Branch } from "../domain/branches";
import { branchIndex } from "../domain/branches";
import type { Kader } from "../domain/kader";
import { fileRecords } from "./arrears-file";
import type { CsvRecord } from "./csv";
import { ImportFileError } from "./import-errors";
import {
  KADER_COLUMNS,
  type KaderColumn,
  type KaderProblem,
  type KaderRowResult,
  validateKaderRow,
} from "./kader-row";

export { KADER_COLUMNS, KADER_REJECTION_REASONS, type KaderRejectionReason } from "./kader-row";

/** One problem of one row; a row with several problems has several entries. */
export interface KaderRejection extends KaderProblem {
  line: number;
  /** As found in the file (trimmed), possibly invalid or blank. */
  kaderId: string;
  /** e.g. `line 4, capacity_per_week: '0' is not a whole number from 1 to 200`; no name or phone. */
  message: string;
}

export interface KaderFile {
  /** Data rows read (header excluded). */
  read: number;
  /** The valid kader by branch, in file order. */
  byBranch: Map<string, Kader[]>;
  /** Rows rejected; a row with several problems counts once. */
  rejectedRows: number;
  rejections: KaderRejection[];
}

function readHeader(fields: readonly string[]): Record<KaderColumn, number> {
  const names = fields.map((f) => f.trim());
  const missing = KADER_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(KADER_COLUMNS as readonly string[]).includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (missing.length + unknown.length + repeated.length > 0) {
    const show = (list: string[]) => list.map((n) => (n === "" ? "(blank)" : `'${n}'`)).join(", ");
    const problems = [
      missing.length > 0 ? `missing column(s) ${show(missing)}` : "",
      unknown.length > 0 ? `unknown column(s) ${show(unknown)}` : "",
      repeated.length > 0 ? `repeated column(s) ${show([...new Set(repeated)])}` : "",
    ].filter((p) => p !== "");
    throw new ImportFileError(
      `bad header on line 1 of the kader roster: ${problems.join("; ")}. Expected exactly these columns, in any order: ${KADER_COLUMNS.join(",")}`,
    );
  }
  return Object.fromEntries(KADER_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<KaderColumn, number>;
}

const wrongWidth = (count: number): KaderProblem => ({
  field: "",
  reason: "WRONG_FIELD_COUNT",
  detail: `${count} field(s), expected ${KADER_COLUMNS.length}`,
});

const rejection = (line: number, kaderId: string, p: KaderProblem): KaderRejection => ({
  ...p,
  line,
  kaderId,
  message: p.field === "" ? `line ${line}: ${p.detail}` : `line ${line}, ${p.field}: ${p.detail}`,
});

/** Every row of the file, checked; throws ImportFileError for an empty or unreadable file or a bad header. */
export async function readKaderFile(
  source: Readable | string,
  branches: readonly Branch[],
): Promise<KaderFile> {
  const index = branchIndex(branches);
  const records = fileRecords(source);
  const first = await records.next();
  if (first.done) throw new ImportFileError("the kader roster is empty: a header line is required");
  const columns = readHeader(first.value.fields);
  const valid: { line: number; kader: Kader }[] = [];
  const rejections: KaderRejection[] = [];
  const rejectedLines = new Set<number>();
  let read = 0;
  for await (const { fields, line } of records as AsyncIterable<CsvRecord>) {
    read++;
    const cell = (c: KaderColumn) => (fields[columns[c]] ?? "").trim();
    const result: KaderRowResult =
      fields.length === KADER_COLUMNS.length
        ? validateKaderRow(cell, index)
        : { ok: false, problems: [wrongWidth(fields.length)] };
    if (result.ok) valid.push({ line, kader: result.kader });
    const problems = result.ok ? [] : result.problems;
    if (problems.length > 0) rejectedLines.add(line);
    rejections.push(...problems.map((p) => rejection(line, cell("kader_id"), p)));
  }
  const kept = withoutDuplicates(valid, rejections, rejectedLines);
  const byBranch = new Map<string, Kader[]>();
  for (const { kader } of kept)
    byBranch.set(kader.branchCode, [...(byBranch.get(kader.branchCode) ?? []), kader]);
  rejections.sort((a, b) => a.line - b.line);
  return { read, byBranch, rejectedRows: rejectedLines.size, rejections };
}

/**
 * A kader id on two valid rows: which one is right is not known, so both are rejected, each
 * naming the other's line.
 */
function withoutDuplicates(
  valid: readonly { line: number; kader: Kader }[],
  rejections: KaderRejection[],
  rejectedLines: Set<number>,
): { line: number; kader: Kader }[] {
  const lines = new Map<string, number[]>();
  for (const { line, kader } of valid) lines.set(kader.kaderId, [...(lines.get(kader.kaderId) ?? []), line]);
  return valid.filter(({ line, kader }) => {
    const all = lines.get(kader.kaderId) ?? [];
    if (all.length < 2) return true;
    const others = all.filter((l) => l !== line).join(", ");
    rejections.push(
      rejection(line, kader.kaderId, {
        field: "kader_id",
        reason: "DUPLICATE_KADER",
        detail: `'${kader.kaderId}' is also on line ${others}; neither row is imported`,
      }),
    );
    rejectedLines.add(line);
    return false;
  });
}
