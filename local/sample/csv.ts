/** Generated rows as the snapshot file: the importer's own columns and CSV quoting. */
import { AREA_COLUMNS, ARREARS_COLUMNS } from "../../functions/import/arrears-import";
import { csvRecord } from "../../functions/import/csv";
import { STATUS_COLUMNS } from "../../functions/import/status-cells";
import type { ArrearsRow } from "./rows";

/** Every column, the optional area, address and status columns included. */
export const CSV_COLUMNS = [...ARREARS_COLUMNS, ...AREA_COLUMNS, ...STATUS_COLUMNS] as const;

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
  kabupaten: "kabupaten",
  kecamatan: "kecamatan",
  desa: "desa",
  address: "address",
  preferred_channel: "preferredChannel",
  rehab_plan: "rehabPlan",
  rehab_instalments: "rehabInstalments",
  deceased: "deceased",
  do_not_contact_until: "doNotContactUntil",
  do_not_contact_reason: "doNotContactReason",
  visit_requested: "visitRequested",
};

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
