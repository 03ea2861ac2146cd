/**
 * Table schemas, defined once: the CDK data construct and the local runtime both build
 * their tables from these, so the two can never drift apart.
 */
export type AttributeType = "S" | "N";

export interface KeyAttribute {
  name: string;
  type: AttributeType;
}

export interface IndexSchema {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** ALL, or the non-key attributes to project. */
  projection: "ALL" | "KEYS_ONLY" | readonly string[];
}

export interface TableSchema {
  /** Logical name, also the suffix of the physical table name. */
  name: TableName;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  globalSecondaryIndexes: readonly IndexSchema[];
  /**
   * Epoch-seconds attribute that DynamoDB TTL deletes on: every table's, since every item carries
   * one from the retention policy (contracts.ts).
   */
  timeToLiveAttribute: typeof TTL_ATTRIBUTE;
}

/** The TTL attribute of every table: epoch seconds, set at each write from the retention policy. */
export const TTL_ATTRIBUTE = "expiresAt";

export type TableName =
  | "participants"
  | "campaigns"
  | "cases"
  | "interactions"
  | "payments"
  | "limits"
  | "audit"
  | "messages"
  | "profiles"
  | "kader";

export const PARTICIPANTS_BY_BRANCH_ARREARS = "byBranchArrears";
export const CAMPAIGNS_BY_BRANCH = "byBranch";
export const CASES_BY_PARTICIPANT = "byParticipant";
export const CASES_DIAL_QUEUE = "dialQueue";
export const CASES_BY_CONTACT = "byContact";
export const INTERACTIONS_BY_CAMPAIGN = "byCampaign";
export const PAYMENTS_BY_PARTICIPANT = "byParticipant";
export const PAYMENTS_UNMATCHED = "unmatched";
export const MESSAGES_BY_PHONE = "byPhone";

/**
 * What the dialQueue index carries besides the keys: what the dialer's due, window, cap and
 * promise checks read. An update that changes none of these (an SMS, a payment, the contact id
 * of a call) leaves the index alone, and DynamoDB bills no index write for it; the claim returns
 * the whole case.
 */
export const DIAL_QUEUE_PROJECTION = [
  "caseId",
  "branchCode",
  "status",
  "contactable",
  "phone",
  "priority",
  "callAttempts",
  "attemptsToday",
  "nextAttemptAt",
  "lastOutcome",
  "promise",
  "callback",
  "hold",
] as const;

export const TABLE_SCHEMAS: Readonly<Record<TableName, TableSchema>> = {
  participants: {
    name: "participants",
    partitionKey: { name: "participantId", type: "S" },
    globalSecondaryIndexes: [
      {
        indexName: PARTICIPANTS_BY_BRANCH_ARREARS,
        partitionKey: { name: "branchCode", type: "S" },
        sortKey: { name: "monthsInArrears", type: "N" },
        projection: "ALL",
      },
    ],
    timeToLiveAttribute: TTL_ATTRIBUTE,
  },
  campaigns: {
    name: "campaigns",
    partitionKey: { name: "campaignId", type: "S" },
    globalSecondaryIndexes: [
      {
        indexName: CAMPAIGNS_BY_BRANCH,
        partitionKey: { name: "branchCode", type: "S" },
        sortKey: { name: "period", type: "S" },
        projection: "ALL",
      },
    ],
    timeToLiveAttribute: TTL_ATTRIBUTE,
  },
  cases: {
    name: "cases",
    partitionKey: { name: "campaignId", type: "S" },
    sortKey: { name: "participantId", type: "S" },
    globalSecondaryIndexes: [
      {
        indexName: CASES_BY_PARTICIPANT,
        partitionKey: { name: "participantId", type: "S" },
        sortKey: { name: "campaignId", type: "S" },
        projection: ["status", "amountDue", "amountPaid", "branchCode", "period"],
      },
      {
        // Sparse: only cases that may still be called carry dialQueue.
        indexName: CASES_DIAL_QUEUE,
        partitionKey: { name: "dialQueue", type: "S" },
        sortKey: { name: "dialRank", type: "S" },
        projection: DIAL_QUEUE_PROJECTION,
      },
      {
        // Sparse: only cases with a call in flight carry activeContactId. Keys only: an entry is
        // written when a call starts and deleted when it ends at one write unit, whatever the
        // case's size (a case past 1 KB would cost two each way); a contact event reads the case after.
        indexName: CASES_BY_CONTACT,
        partitionKey: { name: "activeContactId", type: "S" },
        projection: "KEYS_ONLY",
      },
    ],
    timeToLiveAttribute: TTL_ATTRIBUTE,
  },
  interactions: {
    name: "interactions",
    partitionKey: { name: "caseId", type: "S" },
    sortKey: { name: "interactionKey", type: "S" },
    globalSecondaryIndexes: [
      {
        indexName: INTERACTIONS_BY_CAMPAIGN,
        partitionKey: { name: "campaignId", type: "S" },
        sortKey: { name: "interactionKey", type: "S" },
        projection: "ALL",
      },
    ],
    timeToLiveAttribute: TTL_ATTRIBUTE,
  },
  payments: {
    name: "payments",
    partitionKey: { name: "paymentId", type: "S" },
    globalSecondaryIndexes: [
      {
        indexName: PAYMENTS_BY_PARTICIPANT,
        partitionKey: { name: "participantId", type: "S" },
        sortKey: { name: "paidAt", type: "S" },
        projection: "ALL",
      },
      {
        indexName: PAYMENTS_UNMATCHED,
        partitionKey: { name: "unmatched", type: "S" },
        sortKey: { name: "receivedAt", type: "S" },
        projection: "ALL",
      },
    ],
    timeToLiveAttribute: TTL_ATTRIBUTE,
  },
  limits: {
    name: "limits",
    partitionKey: { name: "limitId", type: "S" },
    globalSecondaryIndexes: [],
    timeToLiveAttribute: TTL_ATTRIBUTE,
  },
  // The supervisors' record: actions per branch (`BRANCH#<code>`, by `<at>#<id>`), unmasked reads
  // (`ACCESS#<month>`), erasures (`ERASURE#<pseudonym>`) and
  // snapshot uploads (`UPLOAD#<id>`).
  audit: {
    name: "audit",
    partitionKey: { name: "scope", type: "S" },
    sortKey: { name: "recordKey", type: "S" },
    globalSecondaryIndexes: [],
    timeToLiveAttribute: TTL_ATTRIBUTE,
  },
  // Messages sent to participants (either channel), by our message id: WhatsApp's statuses and
  // replies find theirs; byPhone finds the last message to a number (a reply with no context).
  messages: {
    name: "messages",
    partitionKey: { name: "messageId", type: "S" },
    globalSecondaryIndexes: [
      {
        // Keys only: a message's statuses and replies then never rewrite its index entry.
        indexName: MESSAGES_BY_PHONE,
        partitionKey: { name: "phone", type: "S" },
        sortKey: { name: "sentAt", type: "S" },
        projection: "KEYS_ONLY",
      },
    ],
    timeToLiveAttribute: TTL_ATTRIBUTE,
  },
  // What the system learned about each participant, lasting across campaigns (channels, and the
  // statuses kader results and dispositions set).
  profiles: {
    name: "profiles",
    partitionKey: { name: "participantId", type: "S" },
    globalSecondaryIndexes: [],
    timeToLiveAttribute: TTL_ATTRIBUTE,
  },
  // Kader JKN: the roster per branch, worklists and visit results (scope/recordKey, as audit).
  kader: {
    name: "kader",
    partitionKey: { name: "scope", type: "S" },
    sortKey: { name: "recordKey", type: "S" },
    globalSecondaryIndexes: [],
    timeToLiveAttribute: TTL_ATTRIBUTE,
  },
};

export const ALL_TABLES: readonly TableSchema[] = Object.values(TABLE_SCHEMAS);

/** Every attribute a table or one of its indexes is keyed on, deduplicated. */
export function keyAttributes(schema: TableSchema): KeyAttribute[] {
  const keys = [schema.partitionKey, schema.sortKey];
  for (const index of schema.globalSecondaryIndexes) keys.push(index.partitionKey, index.sortKey);
  const byName = new Map<string, KeyAttribute>();
  for (const key of keys) if (key) byName.set(key.name, key);
  return [...byName.values()];
}
