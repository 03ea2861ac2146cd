/**
 * Reading an arrears file: its records with their physical lines, and its header as the index of
 * each known column. A file that cannot be read as a whole fails with ImportFileError, quoting no cell.
 */
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { CsvError } from "csv-parse";
import { ARREARS_COLUMNS, OPTIONAL_ARREARS_COLUMNS, type RowCells, type SnapshotColumn } from "./arrears-row";
import { type CsvRecord, readCsvRecords } from "./csv";
import { ImportFileError } from "./import-errors";

/** Each column's position; -1 for an optional column the file does not have. */
export type ColumnIndex = Readonly<Record<SnapshotColumn, number>>;

/** How many fields a record of this header has. */
export const headerWidth = (columns: ColumnIndex) => Object.values(columns).filter((i) => i >= 0).length;

/** Reads the file's first record as its header. */
export async function readColumns(records: AsyncIterator<CsvRecord>): Promise<ColumnIndex> {
  const first = await records.next();
  if (first.done) throw new ImportFileError("the arrears file is empty: a header line is required");
  return readHeader(first.value.fields);
}

/** A data record's cells by column, trimmed. */
export function rowCells(fields: readonly string[], columns: ColumnIndex): RowCells {
  return (column) => (columns[column] < 0 ? "" : (fields[columns[column]] ?? "").trim());
}

/**
 * Where each column is; a missing required, unknown or repeated column rejects the whole file.
 * The optional area and address columns may each be left out.
 */
export function readHeader(fields: readonly string[]): ColumnIndex {
  const names = fields.map((f) => f.trim());
  const all: readonly SnapshotColumn[] = [...ARREARS_COLUMNS, ...OPTIONAL_ARREARS_COLUMNS];
  const known = new Set<string>(all);
  const show = (name: string) => (name === "" ? "(blank)" : `'${name}'`);
  const problems: string[] = [];
  const missing = ARREARS_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) problems.push(`missing column(s) ${missing.map(show).join(", ")}`);
  const unknown = [...new Set(names.filter((n) => !known.has(n)))];
  if (unknown.length > 0) problems.push(`unknown column(s) ${unknown.map(show).join(", ")}`);
  const repeated = [...new Set(names.filter((n, i) => known.has(n) && names.indexOf(n) !== i))];
  if (repeated.length > 0) problems.push(`repeated column(s) ${repeated.map(show).join(", ")}`);
  if (problems.length > 0) {
    throw new ImportFileError(
      `bad header on line 1: ${problems.join("; ")}. Expected exactly these columns, in any order: ${ARREARS_COLUMNS.join(",")}` +
        ` (optional: ${OPTIONAL_ARREARS_COLUMNS.join(",")})`,
    );
  }
  return Object.fromEntries(all.map((c) => [c, names.indexOf(c)])) as Record<SnapshotColumn, number>;
}

const CSV_PROBLEMS: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed",
  CSV_INVALID_CLOSING_QUOTE: "a closing quote is followed by other characters",
  CSV_MAX_RECORD_SIZE: "a record is too long (an unclosed quote?)",
};

function toFileError(error: unknown, source: Readable | string): ImportFileError {
  const where = typeof source === "string" ? `arrears file ${source}` : "arrears stream";
  if (error instanceof CsvError) {
    // The parser's message and fields can quote cells (names, phones): keep only its code and line,
    // which is the parser's count (it may run ahead by one per CRLF inside quotes).
    const near = typeof error.lines === "number" ? ` near line ${error.lines}` : "";
    const problem = CSV_PROBLEMS[error.code] ?? "unreadable CSV";
    return new ImportFileError(`malformed CSV in ${where}${near}: ${problem} (${error.code})`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ImportFileError(`cannot read ${where}: ${message}`, { cause: error });
}

/** Records of the source; failures of the file or the parser become ImportFileError. */
export async function* fileRecords(source: Readable | string): AsyncGenerator<CsvRecord> {
  const stream = typeof source === "string" ? createReadStream(source) : source;
  try {
    yield* readCsvRecords(stream);
  } catch (error) {
    throw toFileError(error, source);
  }
}
