/**
 * Reading a kader results file (one branch's visits): a column that would record money refuses the
 * whole file; every row checked (line, field, reason, as the arrears import). It writes nothing:
 * the caller applies the valid results.
 */
import type { Readable } from "node:stream";
import type { Kader } from "../domain/kader";
import {
  isMoneyField,
  KADER_RESULT_COLUMNS,
  type KaderResult,
  type KaderResultColumn,
  type KaderResultProblem,
  MONEY_REFUSAL,
  validateKaderResult,
} from "../domain/kader-results";
import { fileRecords } from "./arrears-file";
import type { CsvRecord } from "./csv";
import { ImportFileError } from "./import-errors";

export interface KaderResultRejection extends KaderResultProblem {
  line: number;
  /** e.g. `line 4, promise_date: a promise needs its date`; never a phone or the free text. */
  message: string;
}

export interface KaderResultsFile {
  read: number;
  results: KaderResult[];
  rejectedRows: number;
  rejections: KaderResultRejection[];
}

function readHeader(fields: readonly string[]): Record<KaderResultColumn, number> {
  const names = fields.map((f) => f.trim());
  const money = names.filter(isMoneyField);
  if (money.length > 0)
    throw new ImportFileError(`column(s) ${money.map((n) => `'${n}'`).join(", ")} refused: ${MONEY_REFUSAL}`);
  const missing = KADER_RESULT_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(KADER_RESULT_COLUMNS as readonly string[]).includes(n));
  if (missing.length + unknown.length > 0) {
    throw new ImportFileError(
      `bad header on line 1 of the kader results: ${[
        missing.length > 0 ? `missing column(s) ${missing.join(", ")}` : "",
        unknown.length > 0 ? `unknown column(s) ${unknown.join(", ")}` : "",
      ]
        .filter((p) => p !== "")
        .join("; ")}. Expected: ${KADER_RESULT_COLUMNS.join(",")}`,
    );
  }
  return Object.fromEntries(KADER_RESULT_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<
    KaderResultColumn,
    number
  >;
}

/** Every row of branch `branchCode`'s results file, checked against its roster. */
export async function readKaderResultsFile(
  source: Readable | string,
  roster: readonly Kader[],
  branchCode: string,
  now: Date,
): Promise<KaderResultsFile> {
  const byId = new Map(roster.map((k) => [k.kaderId, k]));
  const records = fileRecords(source);
  const first = await records.next();
  if (first.done) throw new ImportFileError("the kader results file is empty: a header line is required");
  const columns = readHeader(first.value.fields);
  const file: KaderResultsFile = { read: 0, results: [], rejectedRows: 0, rejections: [] };
  for await (const { fields, line } of records as AsyncIterable<CsvRecord>) {
    file.read++;
    const cell = (c: KaderResultColumn) => (fields[columns[c]] ?? "").trim();
    const checked =
      fields.length === KADER_RESULT_COLUMNS.length
        ? validateKaderResult(cell, byId, branchCode, now)
        : ({
            ok: false,
            problems: [
              {
                field: "",
                reason: "WRONG_FIELD_COUNT",
                detail: `${fields.length} field(s), expected ${KADER_RESULT_COLUMNS.length}`,
              },
            ],
          } as const);
    if (checked.ok) {
      file.results.push(checked.result);
      continue;
    }
    file.rejectedRows++;
    for (const p of checked.problems)
      file.rejections.push({
        ...p,
        line,
        message: p.field === "" ? `line ${line}: ${p.detail}` : `line ${line}, ${p.field}: ${p.detail}`,
      });
  }
  return file;
}
