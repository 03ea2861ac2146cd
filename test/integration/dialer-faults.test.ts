import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Dialer } from "../../functions/channels/dialer";
import { type Branch, parseBranches } from "../../functions/domain/branches";
import { campaignIdOf } from "../../functions/domain/case";
import type { Interaction } from "../../functions/domain/interaction";
import { localDate } from "../../functions/domain/local-time";
import { parseStrategy } from "../../functions/domain/strategy";
import { LAMBDA_TASK_RETRY } from "../../functions/errors";
import { handler as contactEvents } from "../../functions/handlers/contact-events";
import { handler as dialTickHandler } from "../../functions/handlers/dial-tick";
import { handler as recordDispositionHandler } from "../../functions/handlers/record-disposition";
import { installPorts, type Ports } from "../../functions/handlers/shared/composition-root";
import { CONNECT_CONCURRENCY_GATE } from "../../functions/services/call-outcome";
import { buildCampaignReport } from "../../functions/services/campaign-report";
import type { DialTickResult } from "../../functions/services/dial-tick";
import { mapArrears } from "../../functions/services/map-arrears";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import { createDocumentClient } from "../../functions/store/client";
import { allCases } from "../../functions/store/cursor";
import { DynamoAgentRoster } from "../../functions/store/dynamo-agent-roster";
import { DynamoInteractionStore } from "../../functions/store/interactions";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { SimulatedContactCenter, type SimulatedContactEvent } from "../../local/adapters/contact-center";
import { SmsOutbox } from "../../local/adapters/sms-outbox";
import { invokeLocally } from "../../local/lambda";
import { SimulatedClock } from "../../local/sim/clock";
import { branchPopulation } from "../fixtures/participants";
import { installHandlerPorts } from "../support/handler-ports";
import { freshTables, handlerVariables } from "./tables";

/**
 * A calling campaign with faults injected where nothing else tests them: Connect accepts a call
 * but the case write after it fails (with its events delivered, and with them lost), the same
 * DISCONNECTED event arrives twice at once, DISCONNECTED and COMPLETED both arrive for one
 * contact, and a case keeps changing while a lost call is reconciled. The dialing day runs as its
 * state machine would: each tick, retried on the contract's retryable errors.
 */
const PERIOD = "2026-11";
const START = new Date("2026-11-16T00:00:00Z"); // Monday 07:00 WIB
const UNTIL = new Date("2026-11-28T00:00:00Z");
const BRANCH: Branch = parseBranches([
  { code: "SEMARANG", name: "Semarang", timeZone: "Asia/Jakarta", agentsOnShift: 2 },
])[0] as Branch;
const campaignId = campaignIdOf(BRANCH.code, PERIOD);
const strategy = parseStrategy({
  frequencyCap: { perDay: 2, perCampaign: 3 },
  calls: { retryAfterMinutes: { NO_ANSWER: 90, BUSY: 30 }, inFlightTimeoutMinutes: 20, promiseGraceDays: 1 },
});

type Handler = (event: unknown, context: Context) => Promise<unknown>;
const invoke = <R>(handler: unknown, event: unknown, functionName: string) =>
  invokeLocally(handler as Handler, event, { functionName }) as Promise<R>;

let clock: SimulatedClock;
let sim: SimulatedContactCenter;
let interactions: DynamoInteractionStore;
let cases: DynamoCaseStore;
let roster: DynamoAgentRoster;
let connectSlotsHeld: () => Promise<number>;

/** Every StartOutboundVoiceContact request, in order: its ClientToken and the contact it got. */
const starts: { clientToken: string; caseId: string; contactId: string }[] = [];
/** Which start (by order) meets which fault. */
const CONFIRM_FAILS = new Set([0, 3]);
const EVENT_LOST = new Set([3, 5]);
const DISCONNECTED_TWICE = new Set([1, 2]);
const THEN_COMPLETED = new Set([4, 6]);
const RECONCILE_CONFLICTS = 5;
const contactOf = (n: number) => starts[n]?.contactId as string;
const startIndex = (contactId: string) => starts.findIndex((s) => s.contactId === contactId);
/** Case writes failed on purpose, by contact. */
const failedWrites: string[] = [];
let conflicts = 0;
const tickFailures: string[] = [];
let handlerPorts: Ports;
/** What the contact-events handler answered for each duplicated delivery, by start. */
const duplicateAnswers = new Map<number, string[]>();

type Marshalled = { S?: string } | string | undefined;
const text = (v: Marshalled) => (typeof v === "string" ? v : v?.S);

/**
 * Fails chosen DynamoDB writes as the service would: the case update confirming a call start
 * (throughput exceeded, after the SDK's own retries), and the transaction ending a lost call
 * (its condition failed: another writer changed the case), three times in a row.
 */
function injectWriteFaults(doc: ReturnType<typeof createDocumentClient>): void {
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const command = (context as { commandName?: string }).commandName;
      const input = args.input as Record<string, unknown>;
      if (
        command === "UpdateItemCommand" &&
        String(input.UpdateExpression).includes("activeContactId = :cid")
      ) {
        const contactId = text((input.ExpressionAttributeValues as Record<string, Marshalled>)[":cid"]) ?? "";
        if (CONFIRM_FAILS.has(startIndex(contactId)) && !failedWrites.includes(contactId)) {
          failedWrites.push(contactId);
          throw Object.assign(new Error("The level of configured provisioned throughput was exceeded"), {
            name: "ProvisionedThroughputExceededException",
            $fault: "client",
          });
        }
      }
      if (command === "TransactWriteItemsCommand") {
        const update = (input.TransactItems as { Update?: Record<string, unknown> }[])[0]?.Update;
        const values = (update?.ExpressionAttributeValues ?? {}) as Record<string, Marshalled>;
        const ending = String(update?.UpdateExpression).includes("REMOVE inFlight, activeContactId");
        if (ending && text(values[":cid"]) === contactOf(RECONCILE_CONFLICTS) && conflicts < 3) {
          conflicts++;
          throw new TransactionCanceledException({
            message: "Transaction cancelled",
            $metadata: {},
            CancellationReasons: [{ Code: "ConditionalCheckFailed" }, { Code: "None" }],
          });
        }
      }
      return next(args);
    },
    { step: "initialize", name: "testWriteFaults" },
  );
}

/** Connect's event for the same contact after the agent's after-contact work. */
const completed = (event: SimulatedContactEvent) => ({
  ...event,
  id: `${event.id}-completed`,
  detail: { ...event.detail, eventType: "COMPLETED" },
});

const handle = async (event: unknown) =>
  (await invoke<{ status: string }>(contactEvents, event, "contact-events")).status;

async function deliver(event: SimulatedContactEvent): Promise<void> {
  const n = startIndex(event.detail.contactId);
  if (event.detail.eventType !== "DISCONNECTED") {
    await handle(event);
  } else if (DISCONNECTED_TWICE.has(n)) {
    duplicateAnswers.set(n, await Promise.all([handle(event), handle(event)]));
  } else if (THEN_COMPLETED.has(n)) {
    duplicateAnswers.set(n, [await handle(event), await handle(completed(event))]);
  } else {
    await handle(event);
  }
}

/** A tick as the dialing-day state machine runs it: retried on the contract's retryable errors. */
async function tick(day: string): Promise<DialTickResult> {
  for (let retry = 0; ; retry++) {
    try {
      return await invoke<DialTickResult>(
        dialTickHandler,
        { branchCode: BRANCH.code, period: PERIOD, day },
        "dial-tick",
      );
    } catch (error) {
      const name = (error as Error).name;
      tickFailures.push(name);
      if (!LAMBDA_TASK_RETRY.ErrorEquals.includes(name) || retry >= LAMBDA_TASK_RETRY.MaxAttempts)
        throw error;
      const delay = LAMBDA_TASK_RETRY.IntervalSeconds * LAMBDA_TASK_RETRY.BackoffRate ** retry;
      await clock.sleepUntil(new Date(clock.now().getTime() + delay * 1000));
    }
  }
}

async function dialCampaign(): Promise<void> {
  for (;;) {
    const result = await tick(localDate(clock.now(), BRANCH.timeZone));
    if (result.campaignDone) return;
    const next = new Date(result.nextTickAt);
    if (next >= UNTIL) return;
    await clock.sleepUntil(next);
  }
}

const trail = (): Promise<Interaction[]> => interactions.allByCampaign(campaignId);

beforeAll(async () => {
  const db = await freshTables();
  const { tables, doc } = db;
  const variables = handlerVariables(db, {
    BRANCHES: JSON.stringify([BRANCH]),
    CALL_STARTS_PER_SECOND: "2",
    CONNECT_MAX_CONCURRENT_CALLS: "10",
  });
  connectSlotsHeld = async () => {
    const out = await doc.send(
      new GetCommand({
        TableName: tables.limits,
        Key: { limitId: CONNECT_CONCURRENCY_GATE },
        ConsistentRead: true,
      }),
    );
    return Number(out.Item?.held ?? 0);
  };
  const participants = new DynamoParticipantStore(doc, tables.participants);
  await participants.putMany(branchPopulation(BRANCH.code, 12, "0009"));
  cases = new DynamoCaseStore(doc, tables.cases);
  interactions = new DynamoInteractionStore(doc, tables.interactions, 30);
  await mapArrears(
    { participants, cases, campaigns: new DynamoCampaignStore(doc, tables.campaigns) },
    { branchCode: BRANCH.code, period: PERIOD, strategy },
    { now: new Date("2026-11-01T00:00:00Z"), timeBudgetMs: 600_000, deadline: Date.now() + 600_000 },
  );

  clock = new SimulatedClock(START);
  roster = new DynamoAgentRoster(doc, tables.limits, clock);
  sim = new SimulatedContactCenter({
    clock,
    seed: 7,
    agentsPerBranch: { [BRANCH.code]: 2 },
    branches: [BRANCH],
    // Answered more often than a real branch, so faults meet calls that reached an agent.
    rates: { M02_03: { answer: 0.7, busy: 0.1, invalid: 0 }, M04_06: { answer: 0.7, busy: 0.1, invalid: 0 } },
    deliverEvent: deliver,
    deliverDisposition: (input) => invoke(recordDispositionHandler, input, "record-disposition"),
    dropEvent: (contactId) => EVENT_LOST.has(startIndex(contactId)),
  });
  const dialer: Dialer = {
    startCall: async (call) => {
      const { contactId } = await sim.startCall(call);
      starts.push({ clientToken: call.clientToken, caseId: call.caseId, contactId });
      return { contactId };
    },
    describeContact: (contactId) => sim.describeContact(contactId),
  };
  // The handlers' own client, so only their writes meet the faults.
  const handlersDoc = createDocumentClient({ endpoint: db.endpoint });
  injectWriteFaults(handlersDoc);
  handlerPorts = installHandlerPorts(variables, {
    documentClient: handlersDoc,
    clock,
    dialer,
    sms: new SmsOutbox({ clock }),
  });

  await clock.run(dialCampaign);
  // The last wrap-ups and dispositions land.
  await clock.run(() => clock.sleepUntil(new Date(clock.now().getTime() + 86_400_000)));
}, 300_000);

afterAll(() => installPorts(undefined));

describe("the dialer under injected faults", () => {
  it("met every fault it was given", () => {
    expect(starts.length).toBeGreaterThan(7);
    expect(failedWrites).toEqual([contactOf(0), contactOf(3)]);
    expect(conflicts).toBe(3);
    for (const n of [...DISCONNECTED_TWICE, ...THEN_COMPLETED]) {
      // The second delivery finds the call ended: a duplicate, or (the index updated) no call at all.
      const [first, second] = [...(duplicateAnswers.get(n) ?? [])].sort();
      expect(first, `start ${n}`).toBe("APPLIED");
      expect(["DUPLICATE", "UNKNOWN_CONTACT"], `start ${n}`).toContain(second);
    }
    expect(sim.errors()).toEqual([]);
  });

  it("never failed a tick: a lost case write and a racing case are handled inside it", () => {
    expect(tickFailures).toEqual([]);
  });

  it("lands the outcome of a call whose start was not recorded on its case, by event or reconciliation", async () => {
    const all = await trail();
    for (const n of CONFIRM_FAILS) {
      const contactId = contactOf(n);
      const call = sim.calls().find((c) => c.contactId === contactId);
      expect(call?.outcome, contactId).toBeDefined();
      const ended = all.filter((i) => i.kind === "CALL_ENDED" && i.contactId === contactId);
      expect(ended, contactId).toHaveLength(1);
      expect(ended[0]?.outcome).toBe(call?.outcome);
      if (call?.agentId) expect(ended[0]?.agentId).toBe(call.agentId);
      // The start is on record once, at the instant the tick saw it.
      expect(all.filter((i) => i.kind === "CALL_STARTED" && i.contactId === contactId)).toHaveLength(1);
    }
    // The one whose event was lost: DescribeContact, once the case knew its contact.
    const lost = all.find((i) => i.kind === "CALL_ENDED" && i.contactId === contactOf(3));
    expect(lost?.detail).toMatchObject({ source: "RECONCILE" });
  });

  it("calls nobody twice for one attempt", () => {
    const tokens = starts.map((s) => s.clientToken);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(new Set(sim.calls().map((c) => c.contactId)).size).toBe(sim.calls().length);
  });

  it("counts one outcome and one attempt per call, duplicated events included", async () => {
    const all = await trail();
    for (const n of [...DISCONNECTED_TWICE, ...THEN_COMPLETED, RECONCILE_CONFLICTS]) {
      const contactId = contactOf(n);
      const call = sim.calls().find((c) => c.contactId === contactId);
      const ended = all.filter((i) => i.kind === "CALL_ENDED" && i.contactId === contactId);
      expect(
        ended.map((i) => i.outcome),
        contactId,
      ).toEqual([call?.outcome]);
    }
    const placed = sim.calls();
    expect(all.filter((i) => i.kind === "CALL_STARTED")).toHaveLength(placed.length);
    expect(all.filter((i) => i.kind === "CALL_ENDED")).toHaveLength(placed.length);
    for (const c of await allCases(cases, campaignId)) {
      expect(c.callAttempts, c.caseId).toBe(placed.filter((p) => p.caseId === c.caseId).length);
      expect(c.inFlight, c.caseId).toBeUndefined();
      expect(c.activeContactId, c.caseId).toBeUndefined();
    }
    const report = await buildCampaignReport(handlerPorts, { branchCode: BRANCH.code, period: PERIOD });
    expect(report?.total.callAttempts).toBe(placed.length);
  });

  it("gives back every agent seat and Connect slot", async () => {
    expect(await roster.entries(campaignId)).toEqual([]);
    expect(await connectSlotsHeld()).toBe(0);
  });
});
