/**
 * The audit trail of participants' lasting statuses, in the audit table: one item per change,
 * `scope = PARTICIPANT#<participantId>`, `recordKey = <at>#<field>#<source>`, kept the audit
 * retention's days. It holds the participant id, so an export lists it and an erasure
 * pseudonymises it (cli/participant-data).
 */
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { DEFAULT_RETENTION_DAYS } from "../contracts";
import type { StatusAuditRecord } from "../domain/participant-status";
import { expiresAt } from "../domain/retention";

export const participantScope = (participantId: string) => `PARTICIPANT#${participantId}`;

export interface ParticipantAuditStore {
  record(record: StatusAuditRecord): Promise<void>;
  /** The participant's status changes, oldest first. */
  list(participantId: string): Promise<StatusAuditRecord[]>;
}

export class DynamoParticipantAuditStore implements ParticipantAuditStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly retentionDays = DEFAULT_RETENTION_DAYS.audit,
  ) {}

  async record(record: StatusAuditRecord) {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          scope: participantScope(record.participantId),
          recordKey: `${record.at}#${record.field}#${record.source}`,
          ...record,
          expiresAt: expiresAt(record.at, this.retentionDays),
        },
      }),
    );
  }

  async list(participantId: string) {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: "#scope = :scope",
        ExpressionAttributeNames: { "#scope": "scope" },
        ExpressionAttributeValues: { ":scope": participantScope(participantId) },
      }),
    );
    return (out.Items ?? []).map(
      ({ scope: _s, recordKey: _k, expiresAt: _e, ...r }) => r as unknown as StatusAuditRecord,
    );
  }
}
