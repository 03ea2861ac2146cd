import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Context } from "aws-lambda";
import { CONTACT_EVENT_TYPES } from "../functions/channels/dialer";
import { SAMPLE_BRANCHES } from "../functions/domain/branches";
import { campaignIdOf } from "../functions/domain/case";
import type { CampaignStrategy } from "../functions/domain/strategy";
import { handler as closeCampaign } from "../functions/handlers/close-campaign";
import { handler as contactEvents } from "../functions/handlers/contact-events";
import { handler as dialTick } from "../functions/handlers/dial-tick";
import { handler as mapArrears } from "../functions/handlers/map-arrears";
import { handler as messagingEvents } from "../functions/handlers/messaging-events";
import { handler as planCallingDay } from "../functions/handlers/plan-calling-day";
import { handler as recordCampaignFailure } from "../functions/handlers/record-campaign-failure";
import { handler as recordDisposition } from "../functions/handlers/record-disposition";
import { handler as sendFollowUps } from "../functions/handlers/send-follow-ups";
import { handler as sendSms } from "../functions/handlers/send-sms";
import { dynamoPaymentStore } from "../functions/handlers/shared/aws/payments";
import { composePorts, installPorts, type Ports } from "../functions/handlers/shared/composition-root";
import { DynamoCaseStore } from "../functions/store/cases";
import { DynamoMessageStore } from "../functions/store/messages";
import { SimulatedContactCenter } from "./adapters/contact-center";
import { type SmsFaultInjector, SmsOutbox } from "./adapters/sms-outbox";
import { CollectingNotifier } from "./adapters/supervisor-notifier";
import { loadLocalSecretsConfig, StaticSecretSource } from "./adapters/webhook-secrets";
import { type WhatsAppFaultInjector, WhatsAppSimulator } from "./adapters/whatsapp-simulator";
import { runnerClock } from "./asl/clock";
import { LocalStateMachines } from "./asl/runner";
import { type LocalHttpServer, startHttpServer } from "./http/server";
import { invokeLocally } from "./lambda";
import type { LocalRuntime } from "./runtime";
import type { SimulatedClock } from "./sim/clock";
import { type PayerProbabilities, SimulatedPayers } from "./sim/payers";

const WORKFLOWS = fileURLToPath(new URL("../workflows/", import.meta.url));

export type Handler = (event: unknown, context: Context) => Promise<unknown>;
/** Wraps a handler as the runtime invokes it (on the simulated clock, counted, faults injected...). */
export type Invoke = (name: string, handler: Handler) => (event: unknown) => Promise<unknown>;

export interface LocalSystemOptions {
  runtime: LocalRuntime;
  clock: SimulatedClock;
  invoke: Invoke;
  seed: number;
  /** Account-wide quotas other than the runtime config's (a quicker or a throttled run). */
  quotas?: Partial<LocalRuntime["config"]["quotas"]>;
  /** The handlers' DynamoDB client (npm start meters it); one of their own otherwise. */
  documentClient?: DynamoDBDocumentClient;
  /** The payment webhook's port; any free one when absent. */
  webhookPort?: number;
  /** Each payment-webhook invocation and its real duration (what Lambda would bill). */
  onWebhookInvoked?: (functionName: string, ms: number) => void;
  /** WhatsApp first, through the simulator (the default); false: SMS only, as a deployment without WhatsApp. */
  whatsapp?: boolean;
  /** The simulated participants' behaviour other than the defaults (local/sim/payers.ts). */
  payers?: Partial<PayerProbabilities>;
  /** The strategy campaigns start with, as a deployment's config sets it (CAMPAIGN_STRATEGY); the defaults otherwise. */
  strategy?: CampaignStrategy;
  faults?: {
    sms?: SmsFaultInjector;
    whatsapp?: WhatsAppFaultInjector;
    dialer?: ConstructorParameters<typeof SimulatedContactCenter>[0]["faults"];
    dropEvent?: (contactId: string) => boolean;
  };
}

/** Everything of the embedded runtime around DynamoDB Local: what `npm start` and `local up` share. */
export interface LocalSystem {
  webhook: LocalHttpServer;
  webhookSecret: string;
  payers: SimulatedPayers;
  outbox: SmsOutbox;
  /** Absent when the run is SMS only. */
  whatsapp?: WhatsAppSimulator;
  contactCenter: SimulatedContactCenter;
  notifier: CollectingNotifier;
  machines: LocalStateMachines;
  /** The campaign state machine's name in `machines`. */
  campaignMachine: string;
  /** The ports the handlers in this process run on. */
  ports: Ports;
  /** Stops the clock, closes the webhook's server; the handlers in this process no longer run on these ports. */
  close(): Promise<void>;
}

/** A handler invoked in-process as an actor of the simulated clock. */
export const invokeOnClock =
  (clock: SimulatedClock): Invoke =>
  (name, handler) =>
  (event) =>
    clock.run(() => invokeLocally(handler, event, { functionName: name, timeoutMs: 900_000 }));

const reportError = (error: unknown) => {
  console.error("simulation error:", error);
};

/** What stands in for the participants and the channels that reach them. */
interface Simulators {
  payers: SimulatedPayers;
  outbox: SmsOutbox;
  whatsapp?: WhatsAppSimulator;
  contactCenter: SimulatedContactCenter;
}

/**
 * Wires the same handlers and ASL definitions as in AWS to the simulators: the payment webhook
 * on 127.0.0.1, a seeded population paying through it, the SMS outbox, the simulated contact
 * center and the local state-machine runner, all on the simulated clock. The handlers run on ports
 * composed from the runtime's config with these simulators in place of the AWS adapters.
 */
export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const webhook = await startHttpServer({
    onError: reportError,
    ...(options.onWebhookInvoked ? { onInvoked: options.onWebhookInvoked } : {}),
    ...(options.webhookPort ? { port: options.webhookPort } : {}),
  });
  try {
    const secrets = loadLocalSecretsConfig();
    const simulators = startSimulators(options, `${webhook.url}/payments`, secrets.secret);
    const notifier = new CollectingNotifier();
    const machines = new LocalStateMachines({ clock: runnerClock(options.clock) });
    const config = {
      ...options.runtime.config,
      quotas: { ...options.runtime.config.quotas, ...options.quotas },
      channels: {
        ...options.runtime.config.channels,
        ...(options.strategy ? { campaignStrategy: options.strategy } : {}),
      },
    };
    const ports = composePorts(
      config,
      {
        ...(options.documentClient ? { documentClient: options.documentClient } : {}),
        clock: options.clock,
        sms: simulators.outbox,
        ...(simulators.whatsapp ? { whatsapp: simulators.whatsapp } : {}),
        dialer: simulators.contactCenter,
        notifier,
        webhookSecrets: new StaticSecretSource(secrets.secret, secrets.previous),
      },
      // The payment webhook's store, on DynamoDB Local as in AWS.
      { payments: dynamoPaymentStore },
    );
    installPorts(ports);
    await registerWorkflows(machines, options.invoke);
    return {
      webhook,
      webhookSecret: secrets.secret,
      ...simulators,
      notifier,
      machines,
      campaignMachine: "campaign",
      ports,
      close: async () => {
        // Events still scheduled (calls, payments, statuses) would run on no ports: they never run.
        options.clock.stop();
        installPorts(undefined);
        await webhook.close();
      },
    };
  } catch (error) {
    installPorts(undefined);
    await webhook.close();
    throw error;
  }
}

/** The paying population, the SMS outbox and the contact center, the participants reacting to both. */
function startSimulators(options: LocalSystemOptions, webhookUrl: string, secret: string): Simulators {
  const { clock } = options;
  const payers = new SimulatedPayers({
    clock,
    seed: options.seed,
    webhookUrl,
    secret,
    ...(options.payers ? { probabilities: options.payers } : {}),
  });
  const outbox = new SmsOutbox({ clock, ...(options.faults?.sms ? { fault: options.faults.sms } : {}) });
  const contactCenter = simulatedContactCenter(options);
  const whatsapp =
    options.whatsapp === false
      ? undefined
      : new WhatsAppSimulator({
          clock,
          seed: options.seed,
          onError: reportError,
          ...(options.faults?.whatsapp ? { fault: options.faults.whatsapp } : {}),
        });
  // As the WABA's event destination: each status and reply reaches the handler as an SNS notification.
  whatsapp?.onEvent((message) =>
    clock.handOff(async () => {
      await options.invoke("messaging-events", messagingEvents as Handler)(snsEvent(message));
    }),
  );
  const simulators = { payers, outbox, contactCenter, ...(whatsapp ? { whatsapp } : {}) };
  reactAsParticipants(clock, options.runtime, simulators);
  return simulators;
}

/** One SNS notification as Lambda receives it from the topic. */
function snsEvent(message: string) {
  return {
    Records: [
      {
        EventSource: "aws:sns",
        EventVersion: "1.0",
        Sns: { Type: "Notification", MessageId: crypto.randomUUID(), Message: message },
      },
    ],
  };
}

/** Calls that deliver their contact events and dispositions to the handlers, as Connect would. */
function simulatedContactCenter(options: LocalSystemOptions): SimulatedContactCenter {
  const { clock, invoke } = options;
  const agentsPerBranch = Object.fromEntries(SAMPLE_BRANCHES.map((b) => [b.code, b.agentsOnShift]));
  return new SimulatedContactCenter({
    clock,
    seed: options.seed,
    agentsPerBranch,
    // The simulated call waits for the handler, which may sleep on the call-start limiter.
    deliverEvent: async (event) => {
      // As the EventBridge rule: only the event types the dialer acts on reach the handler.
      if (!(CONTACT_EVENT_TYPES as readonly string[]).includes(event.detail.eventType)) return;
      await clock.handOff(() => invoke("contact-events", contactEvents as Handler)(event));
    },
    deliverDisposition: async (input) => {
      await clock.handOff(() => invoke("record-disposition", recordDisposition as Handler)(input));
    },
    ...(options.faults?.dialer ? { faults: options.faults.dialer } : {}),
    ...(options.faults?.dropEvent ? { dropEvent: options.faults.dropEvent } : {}),
  });
}

/** The participants react to an SMS and to a call's disposition as actors of the clock, in a fixed order with everything else. */
function reactAsParticipants(
  clock: SimulatedClock,
  runtime: LocalRuntime,
  { payers, outbox, whatsapp, contactCenter }: Simulators,
): void {
  const caseStore = new DynamoCaseStore(runtime.doc, runtime.tables.cases);
  const messages = new DynamoMessageStore(runtime.doc, runtime.tables.messages);
  const caseOf = async (caseId: string) => {
    const [branchCode = "", period = "", participantId = ""] = caseId.split("#");
    return caseStore.get(campaignIdOf(branchCode, period), participantId);
  };
  // A reminder read on WhatsApp moves a participant as a read SMS does (docs/messaging.md).
  const remind = (caseId: string, at: Date) =>
    clock.schedule(
      at,
      async () => {
        const c = await caseOf(caseId);
        if (c)
          payers.afterSms({
            caseId,
            participantId: c.participantId,
            amountDue: c.amountDue,
            bucketId: c.bucketId,
            at,
          });
      },
      reportError,
    );
  outbox.onSent(({ caseId, phone, at }) => {
    if (payers.readsSms(phone)) remind(caseId, at);
  });
  whatsapp?.onRead(({ messageId, template, at }) => {
    if (!template) return;
    clock.schedule(
      at,
      async () => {
        const message = await messages.get(messageId);
        if (message?.purpose === "REMINDER" || message?.purpose === "REMINDER_AGAIN")
          remind(message.caseId, at);
      },
      reportError,
    );
  });
  contactCenter.onDisposition((d) => {
    clock.schedule(
      new Date(d.at),
      async () => {
        const c = await caseOf(d.caseId);
        if (c) payers.afterDisposition({ ...d, amountDue: c.amountDue - c.amountPaid });
      },
      reportError,
    );
  });
}

/** The handlers the state machines call, and the two ASL definitions deployed as in AWS. */
async function registerWorkflows(machines: LocalStateMachines, invoke: Invoke): Promise<void> {
  const functions: Record<string, Handler> = {
    "map-arrears": mapArrears as Handler,
    "send-sms": sendSms as Handler,
    "send-follow-ups": sendFollowUps as Handler,
    "plan-calling-day": planCallingDay as Handler,
    "dial-tick": dialTick as Handler,
    "close-campaign": closeCampaign as Handler,
    "record-campaign-failure": recordCampaignFailure as Handler,
  };
  for (const [name, handler] of Object.entries(functions))
    machines.registerFunction(name, invoke(name, handler));
  const dialingDayArn = machines.register(
    "dialing-day",
    await readFile(join(WORKFLOWS, "dialing-day.asl.json"), "utf8"),
    {
      DialTickFunctionArn: machines.functionArn("dial-tick"),
    },
  );
  machines.register("campaign", await readFile(join(WORKFLOWS, "campaign.asl.json"), "utf8"), {
    MapArrearsFunctionArn: machines.functionArn("map-arrears"),
    SendSmsFunctionArn: machines.functionArn("send-sms"),
    SendFollowUpsFunctionArn: machines.functionArn("send-follow-ups"),
    PlanCallingDayFunctionArn: machines.functionArn("plan-calling-day"),
    CloseCampaignFunctionArn: machines.functionArn("close-campaign"),
    RecordCampaignFailureFunctionArn: machines.functionArn("record-campaign-failure"),
    DialingDayStateMachineArn: dialingDayArn,
  });
}
