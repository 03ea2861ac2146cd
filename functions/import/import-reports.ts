/**
 * Where an import's rejections and contact updates go, in file order: the optional report files
 * (written as `<path>.partial`, renamed once the import completes) and the caller's callbacks.
 */
import type { PhoneRejection } from "../domain/phone";
import type { RejectionReason, SnapshotColumn } from "./arrears-row";
import { CsvFileWriter } from "./csv";

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

/** Why an imported participant's phone needs updating. */
export function contactUpdateReason(rejection: PhoneRejection | undefined): ContactUpdateReason {
  return CONTACT_UPDATE_REASON[rejection ?? "not a valid Indonesian number"];
}

/** One problem of one row; a row with several problems has several entries. */
export interface RowRejection {
  /** Physical line where the record starts; the header is line 1. */
  line: number;
  /** As found in the file (trimmed), possibly invalid or blank. */
  participantId: string;
  /** "" for a problem of the whole row (WRONG_FIELD_COUNT). */
  field: SnapshotColumn | "";
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

export const REJECTED_ROWS_HEADER = ["line", "participant_id", "field", "reason", "message", "raw"] as const;
export const CONTACT_UPDATES_HEADER = [
  "line",
  "participant_id",
  "branch_code",
  "phone_raw",
  "reason",
] as const;

export interface ImportReportTargets {
  /** Writes rejections as CSV `line,participant_id,field,reason,message,raw`. */
  rejectedRowsPath?: string;
  /** Writes contact updates as CSV `line,participant_id,branch_code,phone_raw,reason`. */
  contactUpdatesPath?: string;
  /** Called for every rejection entry, in file order; awaited. */
  onRejection?: (rejection: RowRejection) => void | Promise<void>;
  /** Called for every participant imported as not contactable, in file order; awaited. */
  onContactUpdate?: (update: ContactUpdate) => void | Promise<void>;
}

export class ImportReports {
  private rejectedFile: CsvFileWriter | undefined;
  private contactFile: CsvFileWriter | undefined;
  /** Files opened and not yet committed: what an abort removes. */
  private readonly uncommitted: CsvFileWriter[] = [];

  constructor(private readonly targets: ImportReportTargets) {}

  /** Creates the report files asked for. */
  async open(): Promise<void> {
    const { rejectedRowsPath, contactUpdatesPath } = this.targets;
    if (rejectedRowsPath) {
      this.rejectedFile = await CsvFileWriter.open(rejectedRowsPath, REJECTED_ROWS_HEADER);
      this.uncommitted.push(this.rejectedFile);
    }
    if (contactUpdatesPath) {
      this.contactFile = await CsvFileWriter.open(contactUpdatesPath, CONTACT_UPDATES_HEADER);
      this.uncommitted.push(this.contactFile);
    }
  }

  async reject(rejection: RowRejection): Promise<void> {
    const { line, participantId, field, reason, message, raw } = rejection;
    await this.rejectedFile?.write([String(line), participantId, field, reason, message, raw]);
    await this.targets.onRejection?.(rejection);
  }

  async contactUpdate(update: ContactUpdate): Promise<void> {
    const { line, participantId, branchCode, phoneRaw, reason } = update;
    await this.contactFile?.write([String(line), participantId, branchCode, phoneRaw, reason]);
    await this.targets.onContactUpdate?.(update);
  }

  /** Gives every file its final name; returns the paths written. */
  async commit(): Promise<{ rejectedRowsPath?: string; contactUpdatesPath?: string }> {
    // A file leaves the list once committed, so a failed commit aborts only what is left.
    for (let file = this.uncommitted[0]; file; file = this.uncommitted[0]) {
      await file.commit();
      this.uncommitted.shift();
    }
    return {
      ...(this.rejectedFile ? { rejectedRowsPath: this.rejectedFile.path } : {}),
      ...(this.contactFile ? { contactUpdatesPath: this.contactFile.path } : {}),
    };
  }

  /** Removes the files not committed; never fails, so it cannot hide the error that stopped the import. */
  async abort(): Promise<void> {
    await Promise.allSettled(this.uncommitted.map((file) => file.abort()));
  }
}
