import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Context } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { type Dialer, DialerError } from "../../functions/channels/dialer";
import { type Branch, parseBranches } from "../../functions/domain/branches";
import { isInsideWindow } from "../../functions/domain/calling-window";
import { type Case, campaignIdOf, caseIdOf } from "../../functions/domain/case";
import { type Interaction, interactionFor } from "../../functions/domain/interaction";
import { localDate } from "../../functions/domain/local-time";
import { parseStrategy } from "../../functions/domain/strategy";
import { handler as contactEvents } from "../../functions/handlers/contact-events";
import { handler as dialTickHandler } from "../../functions/handlers/dial-tick";
import { handler as recordDispositionHandler } from "../../functions/handlers/record-disposition";
import { CONNECT_CONCURRENCY_GATE } from "../../functions/services/call-outcome";
import type { DialTickResult } from "../../functions/services/dial-tick";
import { mapArrears } from "../../functions/services/map-arrears";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import { allCases } from "../../functions/store/cursor";
import { DynamoAgentRoster } from "../../functions/store/dynamo-agent-roster";
import { DynamoInteractionStore } from "../../functions/store/interactions";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { type SimulatedCallRecord, SimulatedContactCenter } from "../../local/adapters/contact-center";
import { SmsOutbox } from "../../local/adapters/sms-outbox";
import { invokeLocally } from "../../local/lambda";
import { SimulatedClock } from "../../local/sim/clock";
import { branchPopulation } from "../fixtures/participants";
import { installHandlerPorts } from "../support/handler-ports";
import { freshTables, handlerVariables } from "./tables";

const PERIOD = "2026-11";
const START = new Date("2026-11-16T00:00:00Z"); // Monday: 07:00 in Semarang (WIB), 08:00 in Gorontalo (WITA)
const UNTIL = new Date("2026-11-28T00:00:00Z");
const CALL_STARTS_PER_SECOND = 1;
const BRANCHES: Branch[] = parseBranches([
  { code: "SEMARANG", name: "Semarang", timeZone: "Asia/Jakarta", agentsOnShift: 2 },
  { code: "GORONTALO", name: "Gorontalo", timeZone: "Asia/Makassar", agentsOnShift: 2 },
]);
const branchOf = (code: string) => BRANCHES.find((b) => b.code === code) as Branch;
const strategy = parseStrategy({
  frequencyCap: { perDay: 2, perCampaign: 3 },
  calls: { retryAfterMinutes: { NO_ANSWER: 90, BUSY: 30 }, inFlightTimeoutMinutes: 20, promiseGraceDays: 1 },
});

type Handler = (event: unknown, context: Context) => Promise<unknown>;

let clock: SimulatedClock;
let sim: SimulatedContactCenter;
let cases: DynamoCaseStore;
let roster: DynamoAgentRoster;
let interactions: DynamoInteractionStore;
/** Connect concurrency slots still held (the account-wide gate's counter). */
let connectSlotsHeld: () => Promise<number>;
const ticks: (DialTickResult & { branchCode: string; at: string })[] = [];
const dropped = new Set<string>();
let throttled: { caseId: string; at: string } | undefined;
/** What each started call showed the agent: case, attempt and the history line. */
const screenPops: { caseId: string; attempt: number; lastInteractions: string }[] = [];
const PREVIOUS_PERIOD = "2026-10";
let refused: string | undefined;

// Always called from an actor already (a branch's dialing loop, a simulated call's event): a
// nested clock.run would keep the clock from moving while the tick sleeps for a start permit.
const invoke = <R>(handler: unknown, event: unknown, functionName: string) =>
  invokeLocally(handler as Handler, event, { functionName }) as Promise<R>;

const trailOf = (campaignId: string): Promise<Interaction[]> => interactions.allByCampaign(campaignId);

/** What the dialing-day state machines do, calling day after calling day, until the campaign is done. */
async function dialCampaign(branch: Branch): Promise<void> {
  for (;;) {
    const day = localDate(clock.now(), branch.timeZone);
    const tick = await invoke<DialTickResult>(
      dialTickHandler,
      { branchCode: branch.code, period: PERIOD, day },
      "dial-tick",
    );
    ticks.push({ ...tick, branchCode: branch.code, at: clock.now().toISOString() });
    if (tick.campaignDone) return;
    const next = new Date(tick.nextTickAt);
    if (next >= UNTIL) return;
    expect(next.getTime()).toBeGreaterThan(clock.now().getTime());
    await clock.sleepUntil(next);
  }
}

beforeAll(async () => {
  const db = await freshTables();
  const { tables, doc } = db;
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
  const variables = handlerVariables(db, {
    BRANCHES: JSON.stringify(BRANCHES),
    CALL_STARTS_PER_SECOND: String(CALL_STARTS_PER_SECOND),
    CONNECT_MAX_CONCURRENT_CALLS: "10",
  });
  const participants = new DynamoParticipantStore(doc, tables.participants);
  await participants.putMany([
    ...branchPopulation("SEMARANG", 32, "0005"),
    ...branchPopulation("GORONTALO", 32, "0006"),
  ]);
  cases = new DynamoCaseStore(doc, tables.cases);
  const campaigns = new DynamoCampaignStore(doc, tables.campaigns);
  for (const branchCode of ["SEMARANG", "GORONTALO"]) {
    await mapArrears(
      { participants, cases, campaigns },
      { branchCode, period: PERIOD, strategy },
      { now: new Date("2026-11-01T00:00:00Z"), timeBudgetMs: 600_000, deadline: Date.now() + 600_000 },
    );
  }
  interactions = new DynamoInteractionStore(doc, tables.interactions, 1825);
  // Last month's campaign took a payment from every Semarang participant: the agent sees it.
  await mapArrears(
    { participants, cases, campaigns },
    { branchCode: "SEMARANG", period: PREVIOUS_PERIOD, strategy },
    { now: new Date("2026-10-01T00:00:00Z"), timeBudgetMs: 600_000, deadline: Date.now() + 600_000 },
  );
  for (const p of branchPopulation("SEMARANG", 32, "0005")) {
    const previous = {
      campaignId: campaignIdOf("SEMARANG", PREVIOUS_PERIOD),
      participantId: p.participantId,
    };
    await interactions.record(
      interactionFor(
        { ...previous, caseId: caseIdOf(previous.campaignId, p.participantId), branchCode: "SEMARANG" },
        "PAYMENT_APPLIED",
        new Date("2026-10-20T03:00:00Z"),
        "pay-october",
        { amount: 35_000 },
      ),
    );
  }

  clock = new SimulatedClock(START);
  roster = new DynamoAgentRoster(doc, tables.limits, clock);
  sim = new SimulatedContactCenter({
    clock,
    seed: 20261116,
    agentsPerBranch: { SEMARANG: 2, GORONTALO: 2 },
    branches: BRANCHES,
    // Callbacks are exempt from the per-day cap; left out so the cap check below stays exact.
    dispositionWeights: { CALL_BACK_LATER: 0 },
    deliverEvent: (event) => invoke(contactEvents, event, "contact-events"),
    deliverDisposition: (input) => invoke(recordDispositionHandler, input, "record-disposition"),
    faults: (call, attempt) => {
      if (attempt !== 1) return undefined;
      if (!throttled && call.caseId.startsWith("GORONTALO")) {
        throttled = { caseId: call.caseId, at: clock.now().toISOString() };
        return new DialerError("TooManyRequestsException: Rate exceeded", true, "THROTTLED");
      }
      if (!refused && call.caseId.startsWith("SEMARANG")) {
        refused = call.caseId;
        return new DialerError("DestinationNotAllowedException", false, "DESTINATION_NOT_ALLOWED");
      }
      return undefined;
    },
    dropEvent: (contactId) => {
      if (dropped.size >= 3) return false;
      dropped.add(contactId);
      return true;
    },
  });
  // Simulated agents send the follow-up SMS participants ask for.
  const dialer: Dialer = {
    startCall: (call) => {
      screenPops.push({
        caseId: call.caseId,
        attempt: Number(call.attributes.attempt),
        lastInteractions: call.attributes.lastInteractions ?? "",
      });
      return sim.startCall(call);
    },
    describeContact: (contactId) => sim.describeContact(contactId),
  };
  installHandlerPorts(variables, { clock, dialer, sms: new SmsOutbox({ clock }) });

  await Promise.all(BRANCHES.map((b) => clock.run(() => dialCampaign(b))));
  // Let the last wrap-ups and dispositions land.
  await clock.run(() => clock.sleepUntil(new Date(clock.now().getTime() + 86_400_000)));
}, 300_000);

const callsOf = (branchCode?: string) =>
  sim.calls().filter((c) => !branchCode || c.branchCode === branchCode);
const participantOf = (call: SimulatedCallRecord) => call.caseId.split("#").at(-1) as string;

describe("progressive dialer on a simulated contact center", () => {
  it("runs two branches' campaigns to the end without a failed delivery", async () => {
    expect(sim.errors()).toEqual([]);
    expect(callsOf("SEMARANG").length).toBeGreaterThan(30);
    expect(callsOf("GORONTALO").length).toBeGreaterThan(30);
    for (const b of BRANCHES) {
      expect(ticks.filter((t) => t.branchCode === b.code).at(-1)).toMatchObject({
        campaignDone: true,
        inFlight: 0,
      });
    }
  });

  it("calls nobody outside the contact window of their own zone", () => {
    for (const call of callsOf()) {
      const { timeZone, contactWindow } = branchOf(call.branchCode);
      expect(isInsideWindow(new Date(call.startedAt), timeZone, contactWindow), call.startedAt).toBe(true);
    }
  });

  it("never has more calls in flight in a branch than agents, and every answer finds an agent", () => {
    for (const b of BRANCHES) {
      const edges = callsOf(b.code).flatMap((c) => [
        { t: Date.parse(c.startedAt), d: 1 },
        { t: Date.parse(c.endedAt as string), d: -1 },
      ]);
      edges.sort((x, y) => x.t - y.t || x.d - y.d);
      let live = 0;
      let peak = 0;
      for (const e of edges) {
        live += e.d;
        peak = Math.max(peak, live);
      }
      expect(peak).toBeGreaterThan(0);
      expect(peak).toBeLessThanOrEqual(b.agentsOnShift);
    }
    expect(callsOf().filter((c) => c.outcome === "AGENT_UNAVAILABLE")).toEqual([]);
  });

  it("starts no more calls per calendar second than the account's quota, across both branches", () => {
    const perSecond = new Map<number, number>();
    for (const c of callsOf()) {
      const second = Math.floor(Date.parse(c.startedAt) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(CALL_STARTS_PER_SECOND);
    // Both branches dialled at the very same moments (08:00 WITA / 08:00 WIB openings overlap).
    const starts = (code: string) => callsOf(code).map((c) => Math.floor(Date.parse(c.startedAt) / 60_000));
    const sem = new Set(starts("SEMARANG"));
    expect(starts("GORONTALO").some((m) => sem.has(m))).toBe(true);
  });

  it("keeps to the frequency caps: per local day and per campaign", () => {
    const byCase = new Map<string, SimulatedCallRecord[]>();
    for (const c of callsOf()) byCase.set(c.caseId, [...(byCase.get(c.caseId) ?? []), c]);
    for (const [caseId, list] of byCase) {
      expect(list.length, caseId).toBeLessThanOrEqual(strategy.frequencyCap.perCampaign);
      const zone = branchOf(list[0]?.branchCode as string).timeZone;
      const perDay = new Map<string, number>();
      for (const c of list) {
        const d = localDate(new Date(c.startedAt), zone);
        perDay.set(d, (perDay.get(d) ?? 0) + 1);
      }
      expect(Math.max(...perDay.values()), caseId).toBeLessThanOrEqual(strategy.frequencyCap.perDay);
    }
    // Some were retried the same day (perDay 2) and some reached the campaign cap.
    expect([...byCase.values()].some((l) => l.length === 3)).toBe(true);
  });

  it("ends every started call with an outcome, once", async () => {
    for (const c of callsOf()) expect(c.outcome, c.contactId).toBeDefined();
    for (const b of BRANCHES) {
      const campaignId = campaignIdOf(b.code, PERIOD);
      const trail = await trailOf(campaignId);
      const started = trail.filter((i) => i.kind === "CALL_STARTED").map((i) => i.contactId);
      const ended = trail.filter((i) => i.kind === "CALL_ENDED").map((i) => i.contactId);
      expect(started.length).toBe(callsOf(b.code).length);
      expect([...ended].sort()).toEqual([...started].sort());
      const all = await allCases(cases, campaignId);
      for (const c of all) {
        expect(c.inFlight, c.caseId).toBeUndefined();
        expect(c.activeContactId, c.caseId).toBeUndefined();
        // A start Connect refused for good counts as an attempt; a throttled one does not.
        const placed = callsOf(b.code).filter((call) => call.caseId === c.caseId).length;
        expect(c.callAttempts, c.caseId).toBe(placed + (c.caseId === refused ? 1 : 0));
      }
      expect(await roster.entries(campaignId)).toEqual([]);
      // Every Connect slot came back, those handed from an ended call to the next one included.
      expect(await connectSlotsHeld()).toBe(0);
      // Personal data stays masked in the trail.
      for (const i of trail) expect(JSON.stringify(i)).not.toContain("+6281234567890");
    }
  });

  it("shows the agent the participant's last interactions, last month's campaign included", () => {
    const semarang = screenPops.filter((p) => p.caseId.startsWith("SEMARANG"));
    expect(semarang.length).toBeGreaterThan(30);
    // A first call: last month's payment.
    for (const pop of semarang.filter((p) => p.attempt === 1)) {
      expect(pop.lastInteractions, pop.caseId).toContain("2026-10-20 Pembayaran Rp35.000");
    }
    // A later call: this campaign's earlier call is listed, newest lines first.
    const later = screenPops.filter((p) => p.attempt > 1);
    expect(later.length).toBeGreaterThan(0);
    for (const pop of later) {
      const lines = pop.lastInteractions.split("; ");
      expect(
        lines.some((l) => /^2026-11-\d\d Panggilan /.test(l)),
        pop.caseId,
      ).toBe(true);
      const dates = lines.map((l) => l.slice(0, 10));
      expect([...dates].sort().reverse(), pop.caseId).toEqual(dates);
    }
  });

  it("reconciles a call whose DISCONNECTED event was lost, through DescribeContact", async () => {
    expect(dropped.size).toBe(3);
    const all = [
      ...(await trailOf(campaignIdOf("SEMARANG", PERIOD))),
      ...(await trailOf(campaignIdOf("GORONTALO", PERIOD))),
    ];
    for (const contactId of dropped) {
      const call = callsOf().find((c) => c.contactId === contactId) as SimulatedCallRecord;
      const ended = all.find((i) => i.kind === "CALL_ENDED" && i.contactId === contactId);
      expect(ended).toMatchObject({ outcome: call.outcome, detail: { source: "RECONCILE" } });
      // Recorded at the time the call really ended, reconciled within the timeout plus a tick.
      expect(ended?.at).toBe(call.endedAt);
    }
    expect(ticks.reduce((n, t) => n + t.reconciled, 0)).toBe(3);
  });

  it("retries a throttled start later, losing nothing", async () => {
    expect(throttled).toBeDefined();
    const { caseId, at } = throttled as { caseId: string; at: string };
    const trail = (await trailOf(campaignIdOf("GORONTALO", PERIOD))).filter((i) => i.caseId === caseId);
    expect(trail.find((i) => i.kind === "CALL_START_FAILED")).toMatchObject({
      detail: { attempt: 1, code: "THROTTLED", retryable: true },
    });
    const placed = callsOf("GORONTALO").filter((c) => c.caseId === caseId);
    expect(placed.length).toBeGreaterThan(0);
    expect(Date.parse(placed[0]?.startedAt as string)).toBeGreaterThan(Date.parse(at));
    // The throttled try did not count as an attempt.
    const c = (await cases.get(campaignIdOf("GORONTALO", PERIOD), caseId.split("#")[2] as string)) as Case;
    expect(c.callAttempts).toBe(placed.length);
  });

  it("records a start Connect refused for good as that attempt's outcome and retries it later", async () => {
    expect(refused).toBeDefined();
    const trail = (await trailOf(campaignIdOf("SEMARANG", PERIOD))).filter((i) => i.caseId === refused);
    expect(trail.find((i) => i.kind === "CALL_START_FAILED")).toMatchObject({
      outcome: "FAILED",
      detail: { attempt: 1, code: "DESTINATION_NOT_ALLOWED", retryable: false, source: "START" },
    });
    expect(trail.filter((i) => i.kind === "CALL_STARTED").map((i) => i.detail?.attempt)[0]).toBe(2);
  });

  it("stores promises as PENDING and calls a broken promise first on its follow-up day", async () => {
    let brokenChecked = 0;
    for (const b of BRANCHES) {
      const campaignId = campaignIdOf(b.code, PERIOD);
      const trail = await trailOf(campaignId);
      const promises = trail.filter((i) => i.kind === "DISPOSITION" && i.outcome === "PROMISE_TO_PAY");
      expect(promises.length).toBeGreaterThan(0);
      for (const p of promises) {
        const c = (await cases.get(campaignId, p.participantId)) as Case;
        expect(c.promise, c.caseId).toBeDefined();
        expect(["PENDING", "BROKEN"]).toContain(c.promise?.status);
      }
      const branchCalls = callsOf(b.code);
      const broken = trail.filter((i) => i.kind === "PROMISE_BROKEN");
      // The follow-up of each broken promise: the participant's first call after it broke.
      const followUps = broken.map((p) => {
        const call = branchCalls.find((c) => participantOf(c) === p.participantId && c.startedAt >= p.at);
        expect(call, p.caseId).toBeDefined();
        return call as SimulatedCallRecord;
      });
      const followUpIds = new Set(followUps.map((c) => c.contactId));
      for (const followUp of followUps) {
        const day = localDate(new Date(followUp.startedAt), b.timeZone);
        // At the top of the queue: only other broken promises start before it that day.
        const earlier = branchCalls.filter(
          (c) => c.startedAt < followUp.startedAt && localDate(new Date(c.startedAt), b.timeZone) === day,
        );
        expect(earlier.filter((c) => !followUpIds.has(c.contactId))).toEqual([]);
        // Still broken, unless the follow-up call brought a new promise.
        const c = (await cases.get(campaignId, participantOf(followUp))) as Case;
        const renewed = promises.some(
          (p) => p.participantId === c.participantId && p.at > followUp.startedAt,
        );
        expect(c.promise?.status).toBe(renewed ? "PENDING" : "BROKEN");
        brokenChecked++;
      }
    }
    expect(brokenChecked).toBeGreaterThan(0);
  });
});

describe("dialer handlers at their edges", () => {
  const semarang = campaignIdOf("SEMARANG", PERIOD);

  it("jumps over idle hours instead of ticking through them", () => {
    for (const b of BRANCHES) {
      const own = ticks.filter((t) => t.branchCode === b.code);
      const days = new Set(own.map((t) => localDate(new Date(t.at), b.timeZone))).size;
      const outside = own.filter((t) => !isInsideWindow(new Date(t.at), b.timeZone, b.contactWindow));
      expect(outside.length).toBeLessThanOrEqual(3 * days);
    }
  });

  it("rejects a disposition with bad fields, naming each, and writes nothing", async () => {
    const c = (await allCases(cases, semarang)).find((x) => x.status === "OPEN") as Case;
    const before = (await trailOf(semarang)).length;
    const today = localDate(clock.now(), "Asia/Jakarta");
    await expect(
      invoke(
        recordDispositionHandler,
        {
          caseId: c.caseId,
          agentId: "agent-9",
          code: "PROMISE_TO_PAY",
          promiseDate: "2026-01-01",
          promiseAmount: c.amountDue + 1,
        },
        "record-disposition",
      ),
    ).rejects.toThrow(
      new RegExp(
        `promiseDate: must be today \\(${today}\\) or later; promiseAmount: must be a whole number of rupiah from 1 to Rp`,
      ),
    );
    await expect(
      invoke(
        recordDispositionHandler,
        { caseId: c.caseId, agentId: "agent-9", code: "UPDATED_PHONE", newPhone: "+44 20 7946 0958" },
        "record-disposition",
      ),
    ).rejects.toThrow(/newPhone: not an Indonesian number/);
    await expect(
      invoke(
        recordDispositionHandler,
        { agentId: "agent-9", code: "OTHER", notes: "x".repeat(1001) },
        "record-disposition",
      ),
    ).rejects.toThrow(/notes: at most 1000 characters; caseId: give contactId or caseId/);
    expect(await cases.get(semarang, c.participantId)).toEqual(c);
    expect((await trailOf(semarang)).length).toBe(before);
  });

  it("stores a promise to pay as PENDING and says when the case is called next", async () => {
    const c = (await allCases(cases, semarang)).find((x) => x.status === "OPEN") as Case;
    const promiseDate = localDate(new Date(clock.now().getTime() + 2 * 86_400_000), "Asia/Jakarta");
    const result = await invoke<Record<string, unknown>>(
      recordDispositionHandler,
      {
        caseId: c.caseId,
        agentId: "agent-9",
        code: "PROMISE_TO_PAY",
        promiseDate,
        promiseAmount: 10_000,
        notes: "nomor baru 0813-1111-2222",
      },
      "record-disposition",
    );
    const after = (await cases.get(semarang, c.participantId)) as Case;
    expect(after.promise).toMatchObject({
      amount: 10_000,
      date: promiseDate,
      status: "PENDING",
      agentId: "agent-9",
    });
    const cap = after.callAttempts >= strategy.frequencyCap.perCampaign;
    expect(result).toEqual({
      caseId: c.caseId,
      status: "OPEN",
      recorded: "NEW",
      ...(cap ? {} : { nextAttemptAt: after.nextAttemptAt }),
      followUp: "NONE",
    });
    if (!cap) expect(after.dialRank?.startsWith("0")).toBe(true);
    const recorded = (await trailOf(semarang)).filter(
      (i) => i.kind === "DISPOSITION" && i.agentId === "agent-9",
    );
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      outcome: "PROMISE_TO_PAY",
      amount: 10_000,
      detail: { notes: "nomor baru ********2222" },
    });
  });

  it("ignores events for contacts it never started, and events that are not contact events", async () => {
    const event = (detail: Record<string, unknown>, detailType = "Amazon Connect Contact Event") => ({
      version: "0",
      id: "e",
      "detail-type": detailType,
      source: "aws.connect",
      time: clock.now().toISOString(),
      detail,
    });
    await expect(
      invoke(
        contactEvents,
        event({
          eventType: "DISCONNECTED",
          contactId: "not-ours",
          initiationMethod: "API",
          disconnectReason: "TELECOM_BUSY",
        }),
        "contact-events",
      ),
    ).resolves.toEqual({ status: "UNKNOWN_CONTACT" });
    await expect(
      invoke(
        contactEvents,
        event({ eventType: "DISCONNECTED", contactId: "inbound", initiationMethod: "INBOUND" }),
        "contact-events",
      ),
    ).resolves.toEqual({ status: "IGNORED" });
    await expect(invoke(contactEvents, event({ eventType: "QUEUED" }), "contact-events")).rejects.toThrow(
      /detail.contactId/,
    );
  });

  it("rejects a tick for a malformed day", async () => {
    await expect(
      invoke(dialTickHandler, { branchCode: "SEMARANG", period: PERIOD, day: "16-11-2026" }, "dial-tick"),
    ).rejects.toThrow(/day: must be the local calling day YYYY-MM-DD/);
  });
});
