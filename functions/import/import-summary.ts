/** What an import did, as counts per reason and per branch, and its summary for the CLI. */
import type { Participant } from "../domain/participant";
import { REJECTION_REASONS, type RejectionReason } from "./arrears-row";

export interface BranchImportCounts {
  imported: number;
  notContactable: number;
}

export interface ImportSummary {
  /** Data records read (header excluded): imported + rejected + skippedByFilter. */
  read: number;
  imported: number;
  /** Rows rejected; a row with several problems counts once. */
  rejected: number;
  /** Rejection entries (field problems) by reason; every reason is present. */
  rejectedByReason: Record<RejectionReason, number>;
  /** Imported but without a usable phone; listed as contact updates. */
  notContactable: number;
  skippedByFilter: number;
  /** Every branch in scope (the filter, else all configured), also those with no rows. */
  byBranch: Record<string, BranchImportCounts>;
  rejectedRowsPath?: string;
  contactUpdatesPath?: string;
  /** BatchWriteItem requests sent, retries included. */
  requests: number;
  /*
   * The three counts below are absent on summaries stored before the status columns existed.
   */
  /** Imported rows whose status columns set a lasting status (audited, source IMPORT). */
  statusesApplied?: number;
  /**
   * Imported rows whose status columns were not applied: the import was run without the
   * participant-status port. Import the file again where it has one.
   */
  statusesNotApplied?: number;
  /** Imported rows asking for a kader's visit (visit_requested Y). */
  visitRequested?: number;
}

/** Nothing counted yet; every branch in scope is listed, also if no row names it. */
export function emptySummary(branchCodes: Iterable<string>): ImportSummary {
  return {
    read: 0,
    imported: 0,
    rejected: 0,
    rejectedByReason: Object.fromEntries(REJECTION_REASONS.map((r) => [r, 0])) as Record<
      RejectionReason,
      number
    >,
    notContactable: 0,
    skippedByFilter: 0,
    byBranch: Object.fromEntries([...branchCodes].map((code) => [code, { imported: 0, notContactable: 0 }])),
    requests: 0,
    statusesApplied: 0,
    statusesNotApplied: 0,
    visitRequested: 0,
  };
}

/** Counts an imported participant, in total and for its branch. */
export function countImported(
  summary: ImportSummary,
  { branchCode, contactable }: Pick<Participant, "branchCode" | "contactable">,
): void {
  // Every in-scope branch is pre-filled; a valid row's branch is always in scope.
  const branch = summary.byBranch[branchCode] ?? { imported: 0, notContactable: 0 };
  summary.byBranch[branchCode] = branch;
  summary.imported++;
  branch.imported++;
  if (!contactable) {
    summary.notContactable++;
    branch.notContactable++;
  }
}

function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Multi-line English summary for the CLI: counts and file paths only, never names or numbers. */
export function formatImportSummary(summary: ImportSummary): string {
  const lines = [
    `Arrears import: ${count(summary.read)} row(s) read`,
    `  imported:            ${count(summary.imported)}`,
    `  not contactable:     ${count(summary.notContactable)} (imported; phone needs updating)`,
    `  rejected:            ${count(summary.rejected)}`,
  ];
  for (const reason of REJECTION_REASONS) {
    const n = summary.rejectedByReason[reason];
    if (n > 0) lines.push(`    ${reason.padEnd(24)}${count(n)}`);
  }
  if (summary.skippedByFilter > 0) {
    lines.push(`  skipped (branch filter): ${count(summary.skippedByFilter)}`);
  }
  const branches = Object.entries(summary.byBranch);
  if (branches.length > 0) {
    lines.push("  by branch:");
    const width = Math.max(...branches.map(([code]) => code.length));
    for (const [code, b] of branches) {
      lines.push(
        `    ${code.padEnd(width)}  ${count(b.imported)} imported, ${count(b.notContactable)} not contactable`,
      );
    }
  }
  const { statusesApplied = 0, statusesNotApplied = 0, visitRequested = 0 } = summary;
  if (statusesApplied > 0) lines.push(`  statuses set:        ${count(statusesApplied)}`);
  if (statusesNotApplied > 0)
    lines.push(`  statuses NOT set:    ${count(statusesNotApplied)} (import again where statuses apply)`);
  if (visitRequested > 0) lines.push(`  visit requested:     ${count(visitRequested)}`);
  lines.push(`  write requests:      ${count(summary.requests)}`);
  if (summary.rejectedRowsPath) lines.push(`  rejected rows:       ${summary.rejectedRowsPath}`);
  if (summary.contactUpdatesPath) lines.push(`  contact updates:     ${summary.contactUpdatesPath}`);
  return lines.join("\n");
}
