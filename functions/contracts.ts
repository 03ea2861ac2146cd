/**
 * Names shared by the handlers, the CDK app, the CLI and the local runtime: tables and the
 * environment variables that carry them, and the stack's outputs. Free of AWS SDK and CDK imports,
 * so every part of the repo can load it. Error names: errors.ts.
 */
import type { TableName } from "./store/schemas";

/** Physical table names, one per logical table; every handler gets these through its environment. */
export type TableNames = Record<TableName, string>;

/**
 * How long each table keeps an item (UU 27/2022: personal data only as long as needed), in days
 * after the item's last write; DynamoDB TTL deletes it on `expiresAt`. Reasons: docs/data-protection.md.
 */
export interface RetentionPolicy {
  /** After the snapshot row's import: an import replaces the row and starts the period again. */
  participants: number;
  /** After the case is mapped. */
  cases: number;
  /** After the campaign is created or mapped again: as long as its cases. */
  campaigns: number;
  /** After the interaction happened: the audit trail. */
  interactions: number;
  /** After the payment was received: BPJS's financial records. */
  payments: number;
  /** After the quota, gate or roster item was last written. */
  limits: number;
  /** After the supervisor's action or upload: as long as the interactions. */
  audit: number;
  /** After the message was sent or last changed: as long as the interactions. */
  messages: number;
  /** After what was learned about the participant last changed: as long as their snapshot row. */
  profiles: number;
  /** After the roster entry, worklist line or visit result was written: as long as snapshot rows. */
  kader: number;
}

/** Defaults, documented with their reasons in docs/data-protection.md ("Retention"). */
export const DEFAULT_RETENTION_DAYS: Readonly<RetentionPolicy> = {
  participants: 180,
  cases: 1825,
  campaigns: 1825,
  interactions: 1825,
  payments: 3650,
  limits: 35,
  audit: 1825,
  messages: 1825,
  profiles: 180,
  kader: 180,
};

/** The environment variables that carry the table names, for the local runtime and CDK. */
export function tableEnvironment(tables: TableNames): Record<string, string> {
  return {
    PARTICIPANTS_TABLE: tables.participants,
    CAMPAIGNS_TABLE: tables.campaigns,
    CASES_TABLE: tables.cases,
    INTERACTIONS_TABLE: tables.interactions,
    PAYMENTS_TABLE: tables.payments,
    LIMITS_TABLE: tables.limits,
    AUDIT_TABLE: tables.audit,
    MESSAGES_TABLE: tables.messages,
    PROFILES_TABLE: tables.profiles,
    KADER_TABLE: tables.kader,
  };
}

export function prefixedTableNames(prefix: string): TableNames {
  return {
    participants: `${prefix}participants`,
    campaigns: `${prefix}campaigns`,
    cases: `${prefix}cases`,
    interactions: `${prefix}interactions`,
    payments: `${prefix}payments`,
    limits: `${prefix}limits`,
    audit: `${prefix}audit`,
    messages: `${prefix}messages`,
    profiles: `${prefix}profiles`,
    kader: `${prefix}kader`,
  };
}

/**
 * The outputs the CLI and the deploy guide read (`aws cloudformation describe-stacks`). Stable
 * names: renaming one breaks the CLI.
 */
export const OUTPUTS = {
  campaignStateMachineArn: "CampaignStateMachineArn",
  dialingDayStateMachineArn: "DialingDayStateMachineArn",
  paymentWebhookUrl: "PaymentWebhookUrl",
  paymentWebhookSecretArn: "PaymentWebhookSecretArn",
  supervisorsTopicArn: "SupervisorsTopicArn",
  outboundContactFlowId: "OutboundContactFlowId",
  consoleUrl: "ConsoleUrl",
  supervisorApiUrl: "SupervisorApiUrl",
  supervisorUserPoolId: "SupervisorUserPoolId",
  supervisorUserPoolClientId: "SupervisorUserPoolClientId",
  snapshotUploadsBucketName: "SnapshotUploadsBucketName",
  /** Only when WhatsApp is configured: the WABA's event destination. */
  whatsAppEventsTopicArn: "WhatsAppEventsTopicArn",
} as const;

/** `participants` -> `ParticipantsTableName` */
export const tableOutputName = (table: string) =>
  `${table.charAt(0).toUpperCase()}${table.slice(1)}TableName`;
