/**
 * A campaign's cases as a supervisor reads them: one row shape and one CSV column set for
 * `telecollect cases` and `npm start`'s cases.csv, and the CLI's table. Card number, name and
 * phone are masked unless the caller was allowed to show them.
 */
import type { Case } from "../domain/case";
import { maskName, maskParticipantId, maskPhone } from "../domain/masking";
import { formatRupiah } from "../domain/money";
import { csvRecord } from "../import/csv";
import { renderTable } from "./text-table";

export type PersonalData = "masked" | "unmasked";

export interface CaseRow {
  campaignId: string;
  participantId: string;
  name: string;
  phone: string;
  branchCode: string;
  bucketId: string;
  status: string;
  closeReason: string;
  amountDue: number;
  amountPaid: number;
  smsSent: number;
  callAttempts: number;
  lastOutcome: string;
  promiseDate: string;
  promiseStatus: string;
}

export function caseRow(c: Case, personalData: PersonalData): CaseRow {
  const shown = personalData === "unmasked";
  return {
    campaignId: c.campaignId,
    participantId: shown ? c.participantId : maskParticipantId(c.participantId),
    name: shown ? c.name : maskName(c.name),
    phone: c.phone ? (shown ? c.phone : maskPhone(c.phone)) : "",
    branchCode: c.branchCode,
    bucketId: c.bucketId,
    status: c.status,
    closeReason: c.closeReason ?? "",
    amountDue: c.amountDue,
    amountPaid: c.amountPaid,
    smsSent: c.smsSent,
    callAttempts: c.callAttempts,
    lastOutcome: c.lastOutcome ?? "",
    promiseDate: c.promise?.date ?? "",
    promiseStatus: c.promise?.status ?? "",
  };
}

/** The CSV columns, in order, and the row field each holds (amounts in whole rupiah). */
const CASES_CSV_COLUMNS: readonly (readonly [string, keyof CaseRow])[] = [
  ["campaign_id", "campaignId"],
  ["participant_id", "participantId"],
  ["name", "name"],
  ["phone", "phone"],
  ["branch_code", "branchCode"],
  ["bucket", "bucketId"],
  ["status", "status"],
  ["close_reason", "closeReason"],
  ["amount_due", "amountDue"],
  ["amount_paid", "amountPaid"],
  ["sms_sent", "smsSent"],
  ["call_attempts", "callAttempts"],
  ["last_outcome", "lastOutcome"],
  ["promise_date", "promiseDate"],
  ["promise_status", "promiseStatus"],
];

/** Header and one record per case, "\n" line ends and a trailing newline. */
export function renderCasesCsv(rows: readonly CaseRow[]): string {
  const records = [
    csvRecord(CASES_CSV_COLUMNS.map(([column]) => column)),
    ...rows.map((row) => csvRecord(CASES_CSV_COLUMNS.map(([, field]) => String(row[field])))),
  ];
  return `${records.join("\n")}\n`;
}

/** The cases as a plain-text table for a terminal. */
export function renderCasesTable(rows: readonly CaseRow[]): string {
  const right = (header: string) => ({ header, align: "right" as const });
  return renderTable(
    [
      { header: "participant" },
      { header: "name" },
      { header: "phone" },
      { header: "category" },
      { header: "status" },
      right("due"),
      right("paid"),
      right("SMS"),
      right("calls"),
      { header: "last outcome" },
      { header: "promise" },
    ],
    rows.map((r) => [
      r.participantId,
      r.name,
      r.phone,
      r.bucketId,
      r.closeReason ? `${r.status}:${r.closeReason}` : r.status,
      formatRupiah(r.amountDue),
      formatRupiah(r.amountPaid),
      String(r.smsSent),
      String(r.callAttempts),
      r.lastOutcome,
      r.promiseDate ? `${r.promiseDate} ${r.promiseStatus}` : "",
    ]),
  );
}
