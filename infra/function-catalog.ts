import type { Channel } from "../functions/config";
import {
  CAMPAIGNS_BY_BRANCH,
  CASES_BY_CONTACT,
  CASES_BY_PARTICIPANT,
  CASES_DIAL_QUEUE,
  INTERACTIONS_BY_CAMPAIGN,
  MESSAGES_BY_PHONE,
  PARTICIPANTS_BY_BRANCH_ARREARS,
  type TableName,
} from "../functions/store/schemas";

/**
 * Every Lambda function of the stack, in one table: the handler it runs, how it is invoked, its
 * limits, and exactly which tables (and how) and which channels it may use. The functions
 * construct, the grants, the alarms and the tests all derive from this table.
 */

/**
 * A DynamoDB action on a table, as IAM names it without `dynamodb:`. A transaction needs no action
 * of its own: IAM authorises each of its items as the Put, Update or ConditionCheck it is.
 */
export type TableAction = "GetItem" | "BatchGetItem" | "Query" | "PutItem" | "UpdateItem" | "BatchWriteItem";

/** Actions that write items: the table's key must also encrypt for them (infra/grants.ts). */
export const WRITE_ACTIONS: ReadonlySet<TableAction> = new Set(["PutItem", "UpdateItem", "BatchWriteItem"]);

/**
 * Exactly what a function's code does to one table: the grants derive from it, and
 * test/workflow/dynamodb-grants.test.ts checks it against the requests a simulated month makes.
 */
export interface TableAccess {
  /** Actions on the table itself. */
  actions: readonly TableAction[];
  /** Indexes it queries (dynamodb:Query on `<table>/index/<name>`, nothing else). */
  indexes?: readonly string[];
  /**
   * Actions or indexes a simulated month does not exercise, each with the code path that needs
   * it; every other grant must be used by the month, or it goes.
   */
  unexercised?: Readonly<Partial<Record<string, string>>>;
}

/** A refused conditional write on a campaign reads whether `campaign stop` was the reason. */
const STOPPED_CHECK = "a refused write on a stopped campaign (telecollect campaign stop) reads the campaign";

/** The close hand-off writes only what the last calling day's could not list. */
const CLOSE_HANDOFF =
  "a case the hand-off lists only at close (a week with free capacity began since the last calling day)";

/** Who invokes the function, which decides its failure handling. */
export type Invocation =
  /** A Task state: failures return to the state machine, which retries or records them. */
  | "state-machine"
  /** Asynchronous (EventBridge rule, Scheduler, S3 event): failures go to the function's DLQ. */
  | "async"
  /** Synchronous (API Gateway, an Amazon Connect flow): the caller sees the failure. */
  | "sync";

/** Outside the tables, what the function talks to; each brings its environment and grants (config.ts). */
export type { Channel };

export interface FunctionSpec {
  /** Handler file, relative to the repository root; exports `handler`. */
  entry: string;
  description: string;
  invocation: Invocation;
  timeoutSeconds: number;
  memoryMb: number;
  /** The tables it uses, and how: exactly what its code sends, no more. */
  tables: Partial<Record<TableName, TableAccess>>;
  channels: readonly Channel[];
  /**
   * Deployed only when the config enables this optional channel (`whatsapp`): a function that
   * would have nothing to do without it. Functions that merely may use it keep running without it.
   */
  onlyWith?: OptionalChannel;
}

/** Channels the config may leave out (infra/config.ts); a function listing one gets it only when configured. */
export type OptionalChannel = Extract<Channel, "whatsapp">;

export const FUNCTION_CATALOG = {
  mapArrears: {
    entry: "functions/handlers/map-arrears.ts",
    description: "Campaign step 1: maps a branch's participants in arrears to cases, one page per invocation",
    invocation: "state-machine",
    // The mapping lease lasts until the invocation's deadline: keep the timeout modest.
    timeoutSeconds: 300,
    memoryMb: 1024,
    tables: {
      participants: { actions: [], indexes: [PARTICIPANTS_BY_BRANCH_ARREARS] },
      campaigns: { actions: ["GetItem", "UpdateItem"], unexercised: { GetItem: STOPPED_CHECK } },
      cases: {
        actions: ["BatchGetItem", "BatchWriteItem"],
        unexercised: {
          BatchGetItem: "a mapping resumed after a failed page skips the cases it already wrote",
        },
      },
      // Lasting statuses: a deceased participant's case closed at once, holds on the case.
      profiles: { actions: ["BatchGetItem"] },
    },
    channels: [],
  },
  sendSms: {
    entry: "functions/handlers/send-sms.ts",
    description:
      "Campaign step 2: one reminder per open case by the participant's channel, then its fallback, paced account-wide",
    invocation: "state-machine",
    timeoutSeconds: 120,
    memoryMb: 512,
    tables: {
      campaigns: { actions: ["GetItem", "UpdateItem"] },
      cases: { actions: ["Query", "UpdateItem"] },
      interactions: { actions: ["PutItem"] },
      limits: { actions: ["UpdateItem"] },
      messages: { actions: ["PutItem"] },
      profiles: { actions: ["BatchGetItem"] },
    },
    channels: ["sms", "whatsapp"],
  },
  sendFollowUps: {
    entry: "functions/handlers/send-follow-ups.ts",
    description:
      "Campaign step 4a: when a calling day's window opens, the day's promise eves, the thank-yous after payment and the due-soon reminders",
    invocation: "state-machine",
    timeoutSeconds: 300,
    memoryMb: 512,
    tables: {
      campaigns: { actions: ["GetItem"] },
      cases: { actions: ["Query", "UpdateItem"] },
      interactions: { actions: ["PutItem"] },
      limits: { actions: ["UpdateItem"] },
      messages: { actions: ["PutItem"] },
      profiles: { actions: ["BatchGetItem"] },
    },
    channels: ["sms", "whatsapp"],
  },
  planCallingDay: {
    entry: "functions/handlers/plan-calling-day.ts",
    description:
      "Campaign step 4: marks overdue promises broken, then the next calling day and when its window opens",
    invocation: "state-machine",
    // The broken-promise sweep reads the campaign's cases once a day.
    timeoutSeconds: 120,
    memoryMb: 256,
    tables: {
      campaigns: { actions: ["GetItem", "UpdateItem"] },
      cases: { actions: ["Query", "UpdateItem"], indexes: [CASES_DIAL_QUEUE] },
      interactions: { actions: ["PutItem"] },
      // The kader hand-off after a calling day: roster and worklists, and the addresses it lists.
      kader: { actions: ["Query", "BatchWriteItem"] },
      participants: { actions: ["GetItem"] },
    },
    channels: [],
  },
  dialTick: {
    entry: "functions/handlers/dial-tick.ts",
    description: "Dialing day: one progressive-dialer tick, starting calls only for free agent capacity",
    invocation: "state-machine",
    timeoutSeconds: 120,
    memoryMb: 512,
    tables: {
      campaigns: { actions: ["GetItem"] },
      cases: { actions: ["GetItem", "UpdateItem"], indexes: [CASES_DIAL_QUEUE] },
      interactions: { actions: ["PutItem", "Query"] },
      limits: { actions: ["GetItem", "UpdateItem"] },
    },
    channels: ["dialer"],
  },
  closeCampaign: {
    entry: "functions/handlers/close-campaign.ts",
    description: "Campaign step 5: closes open cases, stores the report and sends it to the supervisors",
    invocation: "state-machine",
    timeoutSeconds: 300,
    memoryMb: 1024,
    tables: {
      campaigns: { actions: ["GetItem", "UpdateItem"] },
      cases: { actions: ["Query", "UpdateItem"] },
      interactions: { actions: ["PutItem"], indexes: [INTERACTIONS_BY_CAMPAIGN] },
      // The kader hand-off at close; its new lines mostly went after the last calling day already.
      kader: { actions: ["Query", "BatchWriteItem"], unexercised: { BatchWriteItem: CLOSE_HANDOFF } },
      participants: { actions: ["GetItem"], unexercised: { GetItem: CLOSE_HANDOFF } },
    },
    channels: ["supervisors"],
  },
  recordCampaignFailure: {
    entry: "functions/handlers/record-campaign-failure.ts",
    description: "Marks a campaign FAILED with its error, from the state machine's Catch",
    invocation: "state-machine",
    timeoutSeconds: 30,
    memoryMb: 256,
    tables: { campaigns: { actions: ["GetItem", "UpdateItem"] } },
    channels: [],
  },
  contactEvents: {
    entry: "functions/handlers/contact-events.ts",
    description:
      "Amazon Connect contact events (EventBridge) to call outcomes on cases; a freed agent gets the next call",
    invocation: "async",
    timeoutSeconds: 30,
    memoryMb: 256,
    tables: {
      campaigns: { actions: ["GetItem"] },
      cases: {
        actions: ["GetItem", "UpdateItem"],
        // GetItem: the case byContact names (the index holds its keys only).
        indexes: [CASES_BY_CONTACT, CASES_DIAL_QUEUE],
      },
      interactions: { actions: ["PutItem", "Query"] },
      limits: { actions: ["GetItem", "UpdateItem"] },
      // The follow-up of an unanswered call: its WhatsApp record, the participant's channels.
      messages: { actions: ["PutItem"] },
      profiles: { actions: ["GetItem"] },
    },
    channels: ["dialer", "sms", "whatsapp"],
  },
  recordDisposition: {
    entry: "functions/handlers/record-disposition.ts",
    description:
      "The agent's disposition of a call (invoked from an Amazon Connect flow); the freed agent gets the next call",
    invocation: "sync",
    // Amazon Connect waits at most 8 seconds for a Lambda function.
    timeoutSeconds: 8,
    memoryMb: 512,
    // participants: a corrected phone number; sms, whatsapp: the information the participant asked for.
    tables: {
      participants: { actions: ["UpdateItem"] },
      campaigns: { actions: ["GetItem"] },
      cases: {
        actions: ["GetItem", "UpdateItem"],
        indexes: [CASES_DIAL_QUEUE, CASES_BY_CONTACT],
        unexercised: {
          [CASES_BY_CONTACT]:
            "a disposition without the caseId attribute finds its case by the call's contact id",
        },
      },
      interactions: { actions: ["PutItem", "Query"] },
      limits: { actions: ["GetItem", "UpdateItem"] },
      // That information's WhatsApp record.
      messages: { actions: ["PutItem"] },
      // A refusal, a confirmed or suspect number: the participant's lasting status, audited.
      profiles: { actions: ["GetItem", "PutItem"] },
      audit: { actions: ["PutItem"] },
    },
    channels: ["dialer", "sms", "whatsapp"],
  },
  paymentWebhook: {
    entry: "functions/handlers/payment-webhook.ts",
    description: "POST /payments: verifies the signature and applies a payment once",
    invocation: "sync",
    // API Gateway HTTP APIs time out at 30 seconds.
    timeoutSeconds: 20,
    memoryMb: 512,
    // One transaction: the payment, the participant's arrears, the case, its interaction.
    tables: {
      participants: { actions: ["UpdateItem"] },
      cases: { actions: ["GetItem", "UpdateItem"], indexes: [CASES_BY_PARTICIPANT] },
      interactions: { actions: ["PutItem"] },
      payments: { actions: ["GetItem", "PutItem"] },
    },
    channels: ["webhookSecret"],
  },
  startCampaign: {
    entry: "functions/handlers/start-campaign.ts",
    description: "The monthly schedule's target: starts campaign-<branch>-<period> (or resumes it as -rN)",
    invocation: "async",
    timeoutSeconds: 30,
    memoryMb: 256,
    tables: {},
    channels: ["campaignExecutions"],
  },
  supervisorApi: {
    entry: "functions/handlers/supervisor-api.ts",
    description:
      "The supervisor API behind the console (ANY /api/{proxy+}, Cognito JWT): one branch per group",
    invocation: "sync",
    // API Gateway HTTP APIs time out at 30 seconds.
    timeoutSeconds: 29,
    memoryMb: 1024,
    // Dry runs map arrears; status, report and cases read a campaign's cases and interactions.
    // Kader: worklists and roster read; a form's visit results written with what they do to the
    // open case (closed DECEASED, a promise), the participant's number and lasting status, the visit.
    tables: {
      participants: { actions: ["UpdateItem"], indexes: [PARTICIPANTS_BY_BRANCH_ARREARS] },
      campaigns: { actions: ["GetItem", "UpdateItem"], indexes: [CAMPAIGNS_BY_BRANCH] },
      cases: { actions: ["Query", "GetItem", "UpdateItem"] },
      interactions: { actions: ["PutItem"], indexes: [INTERACTIONS_BY_CAMPAIGN] },
      audit: { actions: ["PutItem", "Query", "GetItem"] },
      profiles: { actions: ["GetItem", "PutItem"] },
      kader: { actions: ["Query", "PutItem"] },
    },
    channels: ["campaignExecutions", "campaignStops", "snapshotUploads"],
  },
  snapshotImport: {
    entry: "functions/handlers/snapshot-import.ts",
    description: "Imports an arrears snapshot uploaded from the console (S3 event), streaming the CSV",
    invocation: "async",
    // Lambda's maximum: a whole snapshot (up to 100 MB) is imported in one invocation.
    timeoutSeconds: 900,
    memoryMb: 1024,
    tables: {
      participants: { actions: ["BatchWriteItem"] },
      // The upload (GetItem), its result (UpdateItem), a record on each branch it wrote to (PutItem),
      // and each status a row sets (PutItem).
      audit: { actions: ["GetItem", "UpdateItem", "PutItem"] },
      // The status columns: the participant's lasting status.
      profiles: { actions: ["GetItem", "PutItem"] },
    },
    channels: ["snapshotDownloads"],
  },
  messagingEvents: {
    entry: "functions/handlers/messaging-events.ts",
    description:
      "WhatsApp statuses and replies from the WABA's event destination (SNS) to messages, profiles and cases; a failed reminder's SMS",
    invocation: "async",
    timeoutSeconds: 30,
    memoryMb: 256,
    tables: {
      campaigns: { actions: ["GetItem"] },
      cases: { actions: ["GetItem", "UpdateItem"] },
      interactions: { actions: ["PutItem"] },
      // The SMS of a failed reminder takes a permit of the account-wide SMS quota.
      limits: { actions: ["UpdateItem"] },
      messages: { actions: ["GetItem", "PutItem", "UpdateItem"], indexes: [MESSAGES_BY_PHONE] },
      profiles: { actions: ["GetItem", "PutItem"] },
    },
    channels: ["whatsapp", "sms"],
    onlyWith: "whatsapp",
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionId = keyof typeof FUNCTION_CATALOG;

export const FUNCTION_IDS = Object.keys(FUNCTION_CATALOG) as FunctionId[];

/** The state machines' `${...}` substitutions that name a function. */
export const FUNCTION_SUBSTITUTIONS = {
  MapArrearsFunctionArn: "mapArrears",
  SendSmsFunctionArn: "sendSms",
  SendFollowUpsFunctionArn: "sendFollowUps",
  PlanCallingDayFunctionArn: "planCallingDay",
  CloseCampaignFunctionArn: "closeCampaign",
  RecordCampaignFailureFunctionArn: "recordCampaignFailure",
  DialTickFunctionArn: "dialTick",
} as const satisfies Record<string, FunctionId>;
