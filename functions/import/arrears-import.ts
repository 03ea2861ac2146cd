import type { Readable } from "node:stream";
import { type Branch, branchIndex } from "../domain/branches";
import type { Participant } from "../domain/participant";
import type { PhoneRejection } from "../domain/phone";
import { DEFAULT_MONTHS_CAP, DEFAULT_PREMIUMS, type PremiumTable } from "../domain/premiums";
import { type ParticipantStatusDeps, setParticipantStatus } from "../services/participant-status";
import type { ParticipantStore } from "../store/participants";
import { type ColumnIndex, fileRecords, headerWidth, readColumns, rowCells } from "./arrears-file";
import { type FieldProblem, type RowContext, validateRow } from "./arrears-row";
import { ChunkedWriter } from "./chunked-writer";
import { type CsvRecord, csvRecord } from "./csv";
import { FirstLineIndex } from "./first-line-index";
import { ImportOptionsError } from "./import-errors";
import {
  contactUpdateReason,
  ImportReports,
  type ImportReportTargets,
  type RowRejection,
} from "./import-reports";
import { countImported, emptySummary, type ImportSummary } from "./import-summary";
import type { RowStatuses } from "./status-cells";

export {
  AREA_COLUMNS,
  ARREARS_COLUMNS,
  type ArrearsColumn,
  OPTIONAL_ARREARS_COLUMNS,
  REJECTION_REASONS,
  type RejectionReason,
} from "./arrears-row";
export { ImportError, ImportFileError, ImportOptionsError } from "./import-errors";
export {
  CONTACT_UPDATE_REASONS,
  CONTACT_UPDATES_HEADER,
  type ContactUpdate,
  type ContactUpdateReason,
  REJECTED_ROWS_HEADER,
  type RowRejection,
} from "./import-reports";
export { type BranchImportCounts, formatImportSummary, type ImportSummary } from "./import-summary";

export interface ImportArrearsInput extends ImportReportTargets {
  /** The CSV as a stream, or a file path. */
  source: Readable | string;
  branches: readonly Branch[];
  store: ParticipantStore;
  /** Recorded as every participant's importedAt; the importer reads no clock. */
  now: Date;
  /** Only import rows of these branch codes; other rows count as skippedByFilter. */
  branchFilter?: readonly string[];
  /**
   * The branches the importer may write (a supervisor's): a row of any other branch is rejected
   * with BRANCH_NOT_ALLOWED and its line, like any bad row.
   */
  allowedBranches?: readonly string[];
  /** Rows per putMany call; default 500. */
  chunkSize?: number;
  /** putMany calls in flight at once; default 2. */
  maxChunksInFlight?: number;
  /** For computed amounts; default Perpres 64/2020. */
  premiums?: PremiumTable;
  /** Months counted in a computed amount; default 24. */
  monthsCap?: number;
  /**
   * Where the status columns' changes go: the participant-status use case (each change audited,
   * source IMPORT, set by `setBy`). Absent: such rows are imported and counted statusesNotApplied.
   */
  statuses?: { deps: ParticipantStatusDeps; setBy: string };
}

const DEFAULT_CHUNK_SIZE = 500;
const DEFAULT_CHUNKS_IN_FLIGHT = 2;

/** The import's options, checked. */
interface ImportPlan {
  chunkSize: number;
  maxInFlight: number;
  /** The branch codes imported; undefined imports every configured branch. */
  filter: ReadonlySet<string> | undefined;
  /** The branches the summary lists: the filter's, else all configured. */
  scope: readonly string[];
  /** What every row is checked against. */
  rows: RowContext;
  allowed: ReadonlySet<string> | undefined;
  statuses: ImportArrearsInput["statuses"];
}

function positiveInt(value: number | undefined, fallback: number, label: string): number {
  const n = value ?? fallback;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new ImportOptionsError(`${label} must be an integer >= 1, got ${n}`);
  return n;
}

function planImport(input: ImportArrearsInput): ImportPlan {
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
  return {
    chunkSize,
    maxInFlight,
    filter,
    scope: [...(filter ?? branches.keys())].filter(
      (code) => !input.allowedBranches || input.allowedBranches.includes(code),
    ),
    allowed: input.allowedBranches ? new Set(input.allowedBranches) : undefined,
    statuses: input.statuses,
    rows: {
      branches,
      premiums: input.premiums ?? DEFAULT_PREMIUMS,
      monthsCap: input.monthsCap ?? DEFAULT_MONTHS_CAP,
      importedAt: input.now.toISOString(),
    },
  };
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
  const plan = planImport(input);
  const summary = emptySummary(plan.scope);
  const records = fileRecords(input.source);
  const reports = new ImportReports(input);
  const writer = new ChunkedWriter(input.store, plan.chunkSize, plan.maxInFlight);
  try {
    const columns = await readColumns(records);
    // Only after the header is accepted does anything get written.
    await reports.open();
    const rows = new RecordImport(plan, columns, summary, reports, writer);
    for await (const record of records) await rows.take(record);
    await writer.finish();
    Object.assign(summary, await reports.commit());
    summary.requests = writer.requests;
    return summary;
  } catch (error) {
    // Cleanup (close the source, let writes in flight end, drop partial reports) must not replace
    // the error that stopped the import, so its own failures are not rethrown.
    await Promise.allSettled([records.return(undefined), writer.settle(), reports.abort()]);
    throw error;
  }
}

/** The data records of one file, in order: each is rejected, skipped by the filter, or imported. */
class RecordImport {
  private readonly firstLines = new FirstLineIndex();
  private readonly width: number;

  constructor(
    private readonly plan: ImportPlan,
    private readonly columns: ColumnIndex,
    private readonly summary: ImportSummary,
    private readonly reports: ImportReports,
    private readonly writer: ChunkedWriter,
  ) {
    this.width = headerWidth(columns);
  }

  async take({ fields, line }: CsvRecord): Promise<void> {
    this.summary.read++;
    const cell = rowCells(fields, this.columns);
    const participantId = cell("participant_id");
    const width = this.width;
    if (fields.length !== width) {
      const message = `line ${line}: ${fields.length} field(s), expected ${width}`;
      const raw = csvRecord(fields);
      return this.reject([{ line, participantId, field: "", reason: "WRONG_FIELD_COUNT", message, raw }]);
    }
    if (this.plan.filter && !this.plan.filter.has(cell("branch_code"))) {
      this.summary.skippedByFilter++;
      return;
    }
    const branchCode = cell("branch_code");
    if (this.plan.allowed && this.plan.rows.branches.has(branchCode) && !this.plan.allowed.has(branchCode)) {
      const message = `line ${line}, branch_code: '${branchCode}' is not one of your branches (${[...this.plan.allowed].join(", ")})`;
      return this.reject([
        {
          line,
          participantId,
          field: "branch_code",
          reason: "BRANCH_NOT_ALLOWED",
          message,
          raw: csvRecord(fields),
        },
      ]);
    }
    const phoneRaw = fields[this.columns.phone] ?? "";
    const result = validateRow(cell, phoneRaw, this.plan.rows);
    const problems = result.ok ? this.duplicateOf(participantId, line) : result.problems;
    if (!result.ok || problems.length > 0) {
      const raw = csvRecord(fields);
      return this.reject(
        problems.map((p) => ({
          line,
          participantId,
          field: p.field,
          reason: p.reason,
          message: `line ${line}, ${p.field}: ${p.detail}`,
          raw,
        })),
      );
    }
    await this.admit(result.participant, line, phoneRaw, result.phoneRejection);
    if (result.statuses) await this.applyStatuses(result.participant.participantId, result.statuses);
  }

  /** The row's lasting statuses, through the participant-status use case (audited, source IMPORT). */
  private async applyStatuses(participantId: string, statuses: RowStatuses): Promise<void> {
    const port = this.plan.statuses;
    if (!port) {
      this.summary.statusesNotApplied = (this.summary.statusesNotApplied ?? 0) + 1;
      return;
    }
    await setParticipantStatus(port.deps, participantId, statuses.changes, {
      setBy: port.setBy,
      at: this.plan.rows.importedAt,
      source: "IMPORT",
      why: "snapshot import",
    });
    this.summary.statusesApplied = (this.summary.statusesApplied ?? 0) + 1;
  }

  /** Only a valid row claims its id, so a bad first occurrence does not block a good later one. */
  private duplicateOf(participantId: string, line: number): FieldProblem[] {
    const firstLine = this.firstLines.firstLine(participantId, line);
    if (firstLine === undefined) return [];
    return [
      {
        field: "participant_id",
        reason: "DUPLICATE_PARTICIPANT",
        detail: `duplicate of line ${firstLine} (the first occurrence is kept)`,
      },
    ];
  }

  /** One row rejected, with one entry per problem. */
  private async reject(rejections: readonly RowRejection[]): Promise<void> {
    this.summary.rejected++;
    for (const rejection of rejections) {
      this.summary.rejectedByReason[rejection.reason]++;
      await this.reports.reject(rejection);
    }
  }

  private async admit(
    participant: Participant,
    line: number,
    phoneRaw: string,
    phoneRejection: PhoneRejection | undefined,
  ): Promise<void> {
    countImported(this.summary, participant);
    if (participant.visitRequested) this.summary.visitRequested = (this.summary.visitRequested ?? 0) + 1;
    if (!participant.contactable) {
      const { participantId, branchCode } = participant;
      const reason = contactUpdateReason(phoneRejection);
      await this.reports.contactUpdate({ line, participantId, branchCode, phoneRaw, reason });
    }
    await this.writer.add(participant);
  }
}
