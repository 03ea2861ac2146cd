import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { expiresAt } from "../domain/retention";
import type { ImportSummary, RowRejection } from "../import/arrears-import";
import { collectPages, decodeCursor, encodeCursor } from "./cursor";
import { UpdateExpression } from "./update-expression";

/** What a supervisor did, as the branch's record lists it (docs/console.md, "What is recorded"). */
export type SupervisorAction =
  | "campaign.dryRun"
  | "campaign.start"
  | "campaign.stop"
  | "campaign.report"
  | "campaign.cases"
  | "campaign.replies"
  | "kader.worklists"
  | "kader.results"
  | "snapshot.upload"
  | "snapshot.import";

export interface ActionRecord {
  branchCode: string;
  at: string;
  username: string;
  action: SupervisorAction;
  /** What it acted on: a period, an upload id. */
  target: string;
  /** The HTTP status it was answered with (202, 403, 409...). */
  outcome: number;
  sourceIp: string;
  requestId: string;
}

/** A rejection as an upload shows it: without the raw row, which may hold a name or a phone. */
export type UploadRejection = Omit<RowRejection, "raw">;

export type UploadStatus = "PENDING" | "DONE" | "FAILED";

/** One read of personal data unmasked: who, when, what, why (UU 27/2022: who accessed what). */
export interface AccessRecord {
  at: string;
  username: string;
  branchCode: string;
  /** What was read: `cases 2026-11 status=OPEN`, or one participant. */
  what: string;
  reason: string;
  /** Participants whose data was shown. */
  participants: number;
  /**
   * The one participant read, when it was one (an export): so that their own export lists who read
   * their data, and their erasure pseudonymises it.
   */
  participantId?: string;
  sourceIp: string;
  requestId: string;
}

export interface SnapshotUpload {
  uploadId: string;
  username: string;
  /** The branches the uploader holds: rows of any other branch are rejected. */
  branchCodes: string[];
  filename: string;
  status: UploadStatus;
  createdAt: string;
  finishedAt?: string;
  summary?: ImportSummary;
  rejections?: UploadRejection[];
  error?: string;
}

/** The supervisors' record: actions per branch and snapshot uploads. */
export interface SupervisionStore {
  recordAction(record: ActionRecord): Promise<void>;
  /** The branch's latest actions, newest first. */
  actions(branchCode: string, limit: number): Promise<ActionRecord[]>;
  recordAccess(record: AccessRecord): Promise<void>;
  /** Unmasked reads from `since` (YYYY-MM-DD, UTC) on, oldest first. */
  accessesSince(since: string, now: Date): Promise<AccessRecord[]>;
  createUpload(upload: SnapshotUpload): Promise<void>;
  upload(uploadId: string): Promise<SnapshotUpload | undefined>;
  finishUpload(
    uploadId: string,
    result: Pick<SnapshotUpload, "status" | "finishedAt" | "summary" | "rejections" | "error">,
  ): Promise<void>;
}

const branchScope = (branchCode: string) => `BRANCH#${branchCode}`;
/** Access records by UTC month, so a period is read with one Query per month. */
const accessScope = (month: string) => `ACCESS#${month}`;

/** The months from `since`'s to `now`'s, `YYYY-MM`. */
function monthsBetween(since: string, now: Date): string[] {
  const months: string[] = [];
  const end = now.toISOString().slice(0, 7);
  for (let [y, m] = since.slice(0, 7).split("-").map(Number) as [number, number]; ; m++) {
    if (m > 12) [y, m] = [y + 1, 1];
    const month = `${y}-${String(m).padStart(2, "0")}`;
    if (month > end) return months;
    months.push(month);
  }
}
const uploadScope = (uploadId: string) => `UPLOAD#${uploadId}`;
const UPLOAD_KEY = "UPLOAD";

export class DynamoSupervisionStore implements SupervisionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly retentionDays: number,
  ) {}

  async recordAction(record: ActionRecord) {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          scope: branchScope(record.branchCode),
          recordKey: `${record.at}#${record.requestId}`,
          ...record,
          expiresAt: expiresAt(record.at, this.retentionDays),
        },
      }),
    );
  }

  async actions(branchCode: string, limit: number) {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: "#scope = :scope",
        ExpressionAttributeNames: { "#scope": "scope" },
        ExpressionAttributeValues: { ":scope": branchScope(branchCode) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(
      ({ scope: _s, recordKey: _k, expiresAt: _e, ...record }) => record as ActionRecord,
    );
  }

  async recordAccess(record: AccessRecord) {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          scope: accessScope(record.at.slice(0, 7)),
          recordKey: `${record.at}#${record.requestId}`,
          ...record,
          expiresAt: expiresAt(record.at, this.retentionDays),
        },
      }),
    );
  }

  async accessesSince(since: string, now: Date) {
    const records: AccessRecord[] = [];
    for (const month of monthsBetween(since, now)) {
      const items = await collectPages(async (cursor) => {
        const out = await this.doc.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: "#scope = :scope AND recordKey >= :since",
            ExpressionAttributeNames: { "#scope": "scope" },
            ExpressionAttributeValues: { ":scope": accessScope(month), ":since": since },
            ExclusiveStartKey: decodeCursor(cursor),
          }),
        );
        const next = encodeCursor(out.LastEvaluatedKey);
        return { items: out.Items ?? [], ...(next ? { cursor: next } : {}) };
      });
      records.push(...items.map(({ scope: _s, recordKey: _k, expiresAt: _e, ...r }) => r as AccessRecord));
    }
    return records;
  }

  async createUpload(upload: SnapshotUpload) {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          scope: uploadScope(upload.uploadId),
          recordKey: UPLOAD_KEY,
          ...upload,
          expiresAt: expiresAt(upload.createdAt, this.retentionDays),
        },
        ConditionExpression: "attribute_not_exists(#scope)",
        ExpressionAttributeNames: { "#scope": "scope" },
      }),
    );
  }

  async upload(uploadId: string) {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { scope: uploadScope(uploadId), recordKey: UPLOAD_KEY } }),
    );
    if (!out.Item) return undefined;
    const { scope: _s, recordKey: _k, expiresAt: _e, ...upload } = out.Item;
    return upload as SnapshotUpload;
  }

  async finishUpload(uploadId: string, result: Parameters<SupervisionStore["finishUpload"]>[1]) {
    const update = new UpdateExpression();
    for (const [field, value] of Object.entries(result)) {
      if (value !== undefined) update.name(`#${field}`, field).assign(`#${field}`, `:${field}`, value);
    }
    await this.doc.send(
      new UpdateCommand(update.update(this.table, { scope: uploadScope(uploadId), recordKey: UPLOAD_KEY })),
    );
  }
}
