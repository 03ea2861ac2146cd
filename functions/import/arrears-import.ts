import type { Readable } from "node:stream";
import { type Branch, branchIndex } from "../domain/branches";
import type { PhoneRejection } from "../domain/phone";
import { DEFAULT_MONTHS_CAP, DEFAULT_PREMIUMS, type PremiumTable } from "../domain/premiums";
import type { ParticipantStore } from "../store/participants";
import { fileRecords, readHeader } from "./arrears-file";
import {
  ARREARS_COLUMNS,
  type ArrearsColumn,
  type RejectionReason,
  type RowContext,
  validateRow,
} from "./arrears-row";
import { ChunkedWriter } from "./chunked-writer";
import { CsvFileWriter, csvRecord } from "./csv";
import { FirstLineIndex } from "./first-line-index";
import { ImportFileError, ImportOptionsError } from "./import-errors";
import { emptyReasonCounts, type ImportSummary } from "./import-summary";

export {
  ARREARS_COLUMNS,
  type ArrearsColumn,
  REJECTION_REASONS,
  type RejectionReason,
} from "./arrears-row";
export { ImportError, ImportFileError, ImportOptionsError } from "./import-errors";
export { type BranchImportCounts, formatImportSummary, type ImportSummary } from "./import-summary";

export const CONTACT_UPDATE_REASONS = [
  "PHONE_MISSING",
  "PHONE_UNEXPECTED_CHARACTERS",
  "PHONE_INVALID",
  "PHONE_NOT_INDONESIAN",
] as const;

export type ContactUpdateReason = (typeof CONTACT_UPDATE_REASONS)[number];

const CONTACT_UPDATE_REASON: Readonly<Record<PhoneRejection, ContactUpdateReason>> = {
  empty: "PHONE_MISSING",
  "unexpected characters": "PHONE_UNEXPECTED_CHARACTERS",
  "not a valid Indonesian number": "PHONE_INVALID",
  "not an Indonesian number": "PHONE_NOT_INDONESIAN",
};

/** One problem of one row; a row with several problems has several entries. */
export interface RowRejection {
  /** Physical line where the record starts; the header is line 1. */
  line: number;
  /** As found in the file (trimmed), possibly invalid or blank. */
  participantId: string;
  /** "" for a problem of the whole row (WRONG_FIELD_COUNT). */
  field: ArrearsColumn | "";
  reason: RejectionReason;
  /** e.g. `line 14, class: '4' is not 1, 2 or 3`. Never holds a name or phone number. */
  message: string;
  /** The record re-joined as CSV. */
  raw: string;
}

/** An imported participant whose phone could not be normalised, so nobody can call them. */
export interface ContactUpdate {
  line: number;
  participantId: string;
  branchCode: string;
  phoneRaw: string;
  reason: ContactUpdateReason;
}

export interface ImportArrearsInput {
  /** The CSV as a stream, or a file path. */
  source: Readable | string;
  branches: readonly Branch[];
  store: ParticipantStore;
  /** Recorded as every participant's importedAt; the importer reads no clock. */
  now: Date;
  /** Writes rejections as CSV `line,participant_id,field,reason,message,raw`. */
  rejectedRowsPath?: string;
  /** Writes contact updates as CSV `line,participant_id,branch_code,phone_raw,reason`. */
  contactUpdatesPath?: string;
  /** Only import rows of these branch codes; other rows count as skippedByFilter. */
  branchFilter?: readonly string[];
  /** Called for every rejection entry, in file order; awaited. */
  onRejection?: (rejection: RowRejection) => void | Promise<void>;
  /** Called for every participant imported as not contactable, in file order; awaited. */
  onContactUpdate?: (update: ContactUpdate) => void | Promise<void>;
  /** Rows per putMany call; default 500. */
  chunkSize?: number;
  /** putMany calls in flight at once; default 2. */
  maxChunksInFlight?: number;
  /** For computed amounts; default Perpres 64/2020. */
  premiums?: PremiumTable;
  /** Months counted in a computed amount; default 24. */
  monthsCap?: number;
}

export const REJECTED_ROWS_HEADER = ["line", "participant_id", "field", "reason", "message", "raw"] as const;
export const CONTACT_UPDATES_HEADER = [
  "line",
  "participant_id",
  "branch_code",
  "phone_raw",
  "reason",
] as const;

const DEFAULT_CHUNK_SIZE = 500;
const DEFAULT_CHUNKS_IN_FLIGHT = 2;

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

function positiveInt(value: number | undefined, fallback: number, label: string): number {
  const n = value ?? fallback;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new ImportOptionsError(`${label} must be an integer >= 1, got ${n}`);
  return n;
}

/**
 * Streams an arrears CSV into the store. Rejected rows and contact updates go to the optional files
 * (written as `<path>.partial`, renamed when the import completes) and callbacks.
 *
 * Throws ImportFileError for an unreadable or empty file, a bad header (before anything is written)
 * or malformed CSV (rows before it may already be written; re-running the fixed file upserts them),
 * ImportOptionsError for bad options, and the store's error if a write fails.
 */
export async function importArrears(input: ImportArrearsInput): Promise<ImportSummary> {
  if (!(input.now instanceof Date) || Number.isNaN(input.now.getTime())) {
    throw new ImportOptionsError("now must be a valid Date");
  }
  const chunkSize = positiveInt(input.chunkSize, DEFAULT_CHUNK_SIZE, "chunkSize");
  const maxInFlight = positiveInt(input.maxChunksInFlight, DEFAULT_CHUNKS_IN_FLIGHT, "maxChunksInFlight");
  const branches = branchIndex(input.branches);
  const filter = input.branchFilter ? new Set(input.branchFilter) : undefined;
  const unknownFilter = [...(filter ?? [])].filter((code) => !branches.has(code));
  if (unknownFilter.length > 0) {
    throw new ImportOptionsError(`branchFilter names unknown branch(es): ${unknownFilter.join(", ")}`);
  }
  const ctx: RowContext = {
    branches,
    premiums: input.premiums ?? DEFAULT_PREMIUMS,
    monthsCap: input.monthsCap ?? DEFAULT_MONTHS_CAP,
    importedAt: input.now.toISOString(),
  };

  const summary: ImportSummary = {
    read: 0,
    imported: 0,
    rejected: 0,
    rejectedByReason: emptyReasonCounts(),
    notContactable: 0,
    skippedByFilter: 0,
    byBranch: Object.fromEntries(
      [...(filter ?? branches.keys())].map((code) => [code, { imported: 0, notContactable: 0 }]),
    ),
    requests: 0,
  };

  const records = fileRecords(input.source);
  const files: CsvFileWriter[] = [];
  const writer = new ChunkedWriter(input.store, chunkSize, maxInFlight);
  try {
    const first = await records.next();
    if (first.done) throw new ImportFileError("the arrears file is empty: a header line is required");
    const columns = readHeader(first.value.fields);

    // Only after the header is accepted does anything get written.
    const rejectedFile = input.rejectedRowsPath
      ? await CsvFileWriter.open(input.rejectedRowsPath, REJECTED_ROWS_HEADER)
      : undefined;
    if (rejectedFile) files.push(rejectedFile);
    const contactFile = input.contactUpdatesPath
      ? await CsvFileWriter.open(input.contactUpdatesPath, CONTACT_UPDATES_HEADER)
      : undefined;
    if (contactFile) files.push(contactFile);

    const reject = async (rejection: RowRejection) => {
      summary.rejectedByReason[rejection.reason]++;
      await rejectedFile?.write([
        String(rejection.line),
        rejection.participantId,
        rejection.field,
        rejection.reason,
        rejection.message,
        rejection.raw,
      ]);
      await input.onRejection?.(rejection);
    };
    const firstLines = new FirstLineIndex();
    const width = ARREARS_COLUMNS.length;

    for await (const { fields, line } of records) {
      summary.read++;
      const cell = (c: ArrearsColumn) => (fields[columns[c]] ?? "").trim();
      const participantId = cell("participant_id");

      if (fields.length !== width) {
        summary.rejected++;
        await reject({
          line,
          participantId,
          field: "",
          reason: "WRONG_FIELD_COUNT",
          message: `line ${line}: ${fields.length} field(s), expected ${width}`,
          raw: csvRecord(fields),
        });
        continue;
      }
      if (filter && !filter.has(cell("branch_code"))) {
        summary.skippedByFilter++;
        continue;
      }

      const phoneRaw = fields[columns.phone] ?? "";
      const result = validateRow(cell, phoneRaw, ctx);
      const problems = result.ok ? [] : [...result.problems];
      // Only a valid row claims its id, so a bad first occurrence does not block a good later one.
      if (problems.length === 0) {
        const firstLine = firstLines.firstLine(participantId, line);
        if (firstLine !== undefined) {
          problems.push({
            field: "participant_id",
            reason: "DUPLICATE_PARTICIPANT",
            detail: `duplicate of line ${firstLine} (the first occurrence is kept)`,
          });
        }
      }
      if (problems.length > 0 || !result.ok) {
        summary.rejected++;
        const raw = csvRecord(fields);
        for (const p of problems) {
          await reject({
            line,
            participantId,
            field: p.field,
            reason: p.reason,
            message: `line ${line}, ${p.field}: ${p.detail}`,
            raw,
          });
        }
        continue;
      }

      const participant = result.participant;
      // Every in-scope branch is pre-filled; a valid row's branch is always in scope.
      const branch = summary.byBranch[participant.branchCode] ?? { imported: 0, notContactable: 0 };
      summary.byBranch[participant.branchCode] = branch;
      summary.imported++;
      branch.imported++;
      if (!participant.contactable) {
        summary.notContactable++;
        branch.notContactable++;
        const update: ContactUpdate = {
          line,
          participantId,
          branchCode: participant.branchCode,
          phoneRaw,
          reason: CONTACT_UPDATE_REASON[result.phoneRejection ?? "not a valid Indonesian number"],
        };
        await contactFile?.write([
          String(update.line),
          update.participantId,
          update.branchCode,
          update.phoneRaw,
          update.reason,
        ]);
        await input.onContactUpdate?.(update);
      }
      await writer.add(participant);
    }

    await writer.finish();
    // A file leaves the list once committed, so a failed commit aborts only what is left.
    for (let file = files[0]; file; file = files[0]) {
      await file.commit();
      files.shift();
    }
    summary.requests = writer.requests;
    if (rejectedFile) summary.rejectedRowsPath = rejectedFile.path;
    if (contactFile) summary.contactUpdatesPath = contactFile.path;
    return summary;
  } catch (error) {
    // Cleanup (close the source, let writes in flight end, drop partial reports) must not replace
    // the error that stopped the import, so its own failures are not rethrown.
    await Promise.allSettled([records.return(undefined), writer.settle(), ...files.map((f) => f.abort())]);
    throw error;
  }
}
