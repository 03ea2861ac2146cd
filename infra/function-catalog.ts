import type { TableName } from "../functions/store/schemas";

/**
 * Every Lambda function of the stack, in one table: the handler it runs, how it is invoked, its
 * limits, and exactly which tables (and how) and which channels it may use. The functions
 * construct, the grants, the alarms and the tests all derive from this table.
 */

export type TableAccess = "read" | "readWrite";

/** Who invokes the function, which decides its failure handling. */
export type Invocation =
  /** A Task state: failures return to the state machine, which retries or records them. */
  | "state-machine"
  /** Asynchronous (EventBridge rule, Scheduler): failures go to the function's DLQ. */
  | "async"
  /** Synchronous (API Gateway, an Amazon Connect flow): the caller sees the failure. */
  | "sync";

/** Outside the tables, what the function talks to; each brings its environment and grants. */
export type Channel =
  /** SNS Publish straight to phone numbers (SMS). */
  | "sms"
  /** SNS Publish to the supervisors' topic. */
  | "supervisors"
  /** Amazon Connect StartOutboundVoiceContact / DescribeContact on the instance. */
  | "dialer"
  /** Reads the payment webhook's secret. */
  | "webhookSecret"
  /** Starts and describes executions of the campaign state machine. */
  | "campaignExecutions";

export interface FunctionSpec {
  /** Handler file, relative to the repository root; exports `handler`. */
  entry: string;
  description: string;
  invocation: Invocation;
  timeoutSeconds: number;
  memoryMb: number;
  tables: Partial<Record<TableName, TableAccess>>;
  channels: readonly Channel[];
}

export const FUNCTION_CATALOG = {
  mapArrears: {
    entry: "functions/handlers/map-arrears.ts",
    description: "Campaign step 1: maps a branch's participants in arrears to cases, one page per invocation",
    invocation: "state-machine",
    // The mapping lease lasts until the invocation's deadline: keep the timeout modest.
    timeoutSeconds: 300,
    memoryMb: 1024,
    tables: { participants: "read", campaigns: "readWrite", cases: "readWrite" },
    channels: [],
  },
  sendSms: {
    entry: "functions/handlers/send-sms.ts",
    description:
      "Campaign step 2: one SMS reminder per open case, paced account-wide, one page per invocation",
    invocation: "state-machine",
    timeoutSeconds: 120,
    memoryMb: 512,
    tables: { campaigns: "readWrite", cases: "readWrite", interactions: "readWrite", limits: "readWrite" },
    channels: ["sms"],
  },
  planCallingDay: {
    entry: "functions/handlers/plan-calling-day.ts",
    description:
      "Campaign step 4: marks overdue promises broken, then the next calling day and when its window opens",
    invocation: "state-machine",
    // The broken-promise sweep reads the campaign's cases once a day.
    timeoutSeconds: 120,
    memoryMb: 256,
    tables: { campaigns: "readWrite", cases: "readWrite", interactions: "readWrite" },
    channels: [],
  },
  dialTick: {
    entry: "functions/handlers/dial-tick.ts",
    description: "Dialing day: one progressive-dialer tick, starting calls only for free agent capacity",
    invocation: "state-machine",
    timeoutSeconds: 120,
    memoryMb: 512,
    tables: { campaigns: "readWrite", cases: "readWrite", interactions: "readWrite", limits: "readWrite" },
    channels: ["dialer"],
  },
  closeCampaign: {
    entry: "functions/handlers/close-campaign.ts",
    description: "Campaign step 5: closes open cases, stores the report and sends it to the supervisors",
    invocation: "state-machine",
    timeoutSeconds: 300,
    memoryMb: 1024,
    tables: { campaigns: "readWrite", cases: "readWrite", interactions: "readWrite" },
    channels: ["supervisors"],
  },
  recordCampaignFailure: {
    entry: "functions/handlers/record-campaign-failure.ts",
    description: "Marks a campaign FAILED with its error, from the state machine's Catch",
    invocation: "state-machine",
    timeoutSeconds: 30,
    memoryMb: 256,
    tables: { campaigns: "readWrite" },
    channels: [],
  },
  contactEvents: {
    entry: "functions/handlers/contact-events.ts",
    description:
      "Amazon Connect contact events (EventBridge) to call outcomes on cases; a freed agent gets the next call",
    invocation: "async",
    timeoutSeconds: 30,
    memoryMb: 256,
    tables: { campaigns: "read", cases: "readWrite", interactions: "readWrite", limits: "readWrite" },
    channels: ["dialer"],
  },
  recordDisposition: {
    entry: "functions/handlers/record-disposition.ts",
    description:
      "The agent's disposition of a call (invoked from an Amazon Connect flow); the freed agent gets the next call",
    invocation: "sync",
    // Amazon Connect waits at most 8 seconds for a Lambda function.
    timeoutSeconds: 8,
    memoryMb: 512,
    // participants: a corrected phone number; sms: the follow-up the participant asked for.
    tables: {
      participants: "readWrite",
      campaigns: "read",
      cases: "readWrite",
      interactions: "readWrite",
      limits: "readWrite",
    },
    channels: ["dialer", "sms"],
  },
  paymentWebhook: {
    entry: "functions/handlers/payment-webhook.ts",
    description: "POST /payments: verifies the signature and applies a payment once",
    invocation: "sync",
    // API Gateway HTTP APIs time out at 30 seconds.
    timeoutSeconds: 20,
    memoryMb: 512,
    tables: {
      participants: "readWrite",
      campaigns: "read",
      cases: "readWrite",
      interactions: "readWrite",
      payments: "readWrite",
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
} as const satisfies Record<string, FunctionSpec>;

export type FunctionId = keyof typeof FUNCTION_CATALOG;

export const FUNCTION_IDS = Object.keys(FUNCTION_CATALOG) as FunctionId[];

/** The state machines' `${...}` substitutions that name a function. */
export const FUNCTION_SUBSTITUTIONS = {
  MapArrearsFunctionArn: "mapArrears",
  SendSmsFunctionArn: "sendSms",
  PlanCallingDayFunctionArn: "planCallingDay",
  CloseCampaignFunctionArn: "closeCampaign",
  RecordCampaignFailureFunctionArn: "recordCampaignFailure",
  DialTickFunctionArn: "dialTick",
} as const satisfies Record<string, FunctionId>;
