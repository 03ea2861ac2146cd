import type { Context } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { DialerError } from "../../functions/channels/dialer";
import { SAMPLE_BRANCHES } from "../../functions/domain/branches";
import { contactUpdateReason } from "../../functions/domain/campaign-report";
import { type Case, campaignIdOf } from "../../functions/domain/case";
import { closeReasonFor } from "../../functions/domain/case-closing";
import type { Interaction } from "../../functions/domain/interaction";
import { localDate } from "../../functions/domain/local-time";
import { handler as contactEvents } from "../../functions/handlers/contact-events";
import { handler as dialTickHandler } from "../../functions/handlers/dial-tick";
import { handler as recordDispositionHandler } from "../../functions/handlers/record-disposition";
import type { DialTickResult } from "../../functions/services/dial-tick";
import { mapArrears } from "../../functions/services/map-arrears";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import { allCases } from "../../functions/store/cursor";
import { DynamoInteractionStore } from "../../functions/store/interactions";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { SimulatedContactCenter } from "../../local/adapters/contact-center";
import { invokeLocally } from "../../local/lambda";
import { SimulatedClock } from "../../local/sim/clock";
import { branchPopulation } from "../fixtures/participants";
import { installHandlerPorts } from "../support/handler-ports";
import { freshTables, handlerVariables } from "./tables";

/**
 * Every Semarang number is reported TELECOM_NUMBER_INVALID by the network (a contact event); every
 * Gorontalo start is refused as an invalid number. Both go through the dialer as in AWS.
 */
const PERIOD = "2026-11";
const START = new Date("2026-11-16T00:00:00Z"); // Monday
const UNTIL = new Date("2026-11-28T00:00:00Z");
const BRANCHES = SAMPLE_BRANCHES.filter((b) => b.code === "SEMARANG" || b.code === "GORONTALO");
const INVALID = { answer: 0, busy: 0, invalid: 1 };

type Handler = (event: unknown, context: Context) => Promise<unknown>;
const invoke = <R>(handler: unknown, event: unknown, functionName: string) =>
  invokeLocally(handler as Handler, event, { functionName }) as Promise<R>;

let clock: SimulatedClock;
let sim: SimulatedContactCenter;
const refusedStarts: { caseId: string; at: string }[] = [];
const casesOf: Record<string, Case[]> = {};
const trailOf: Record<string, Interaction[]> = {};

async function dialCampaign(branchCode: string, timeZone: string): Promise<void> {
  for (;;) {
    const day = localDate(clock.now(), timeZone);
    const tick = await invoke<DialTickResult>(
      dialTickHandler,
      { branchCode, period: PERIOD, day },
      "dial-tick",
    );
    if (tick.campaignDone) return;
    const next = new Date(tick.nextTickAt);
    if (next >= UNTIL) return;
    await clock.sleepUntil(next);
  }
}

beforeAll(async () => {
  const db = await freshTables();
  const { tables, doc } = db;
  const variables = handlerVariables(db, {
    BRANCHES: JSON.stringify(BRANCHES),
  });
  const participants = new DynamoParticipantStore(doc, tables.participants);
  // Months 8 to 10: called, three attempts allowed by the default strategy.
  await participants.putMany([
    ...branchPopulation("SEMARANG", 11, "0008").slice(8),
    ...branchPopulation("GORONTALO", 11, "0009").slice(8),
  ]);
  const cases = new DynamoCaseStore(doc, tables.cases);
  const campaigns = new DynamoCampaignStore(doc, tables.campaigns);
  for (const { code } of BRANCHES) {
    await mapArrears(
      { participants, cases, campaigns },
      { branchCode: code, period: PERIOD },
      { now: new Date("2026-11-01T00:00:00Z"), timeBudgetMs: 600_000, deadline: Date.now() + 600_000 },
    );
  }
  clock = new SimulatedClock(START);
  sim = new SimulatedContactCenter({
    clock,
    seed: 7,
    agentsPerBranch: { SEMARANG: 3, GORONTALO: 3 },
    branches: BRANCHES,
    rates: { M07_12: INVALID },
    deliverEvent: (event) => invoke(contactEvents, event, "contact-events"),
    deliverDisposition: (input) => invoke(recordDispositionHandler, input, "record-disposition"),
    faults: (call) => {
      if (call.branchCode !== "GORONTALO") return undefined;
      refusedStarts.push({ caseId: call.caseId, at: clock.now().toISOString() });
      return new DialerError("the number is not valid", false, "INVALID_NUMBER");
    },
  });
  installHandlerPorts(variables, { clock, dialer: sim });
  await Promise.all(BRANCHES.map((b) => clock.run(() => dialCampaign(b.code, b.timeZone))));
  await clock.run(() => clock.sleepUntil(new Date(clock.now().getTime() + 3_600_000)));
  const interactions = new DynamoInteractionStore(doc, tables.interactions, 1825);
  for (const { code } of BRANCHES) {
    casesOf[code] = await allCases(cases, campaignIdOf(code, PERIOD));
    trailOf[code] = await interactions.allByCampaign(campaignIdOf(code, PERIOD));
  }
}, 300_000);

describe("a number reported invalid", () => {
  it.each([
    ["SEMARANG", "a contact event"],
    ["GORONTALO", "a refused start"],
  ])("%s (%s): suspect after one report, tried once more on another day, dead after two", (code) => {
    const branch = BRANCHES.find((b) => b.code === code);
    const ended = (trailOf[code] ?? []).filter((i) => i.outcome === "INVALID_NUMBER");
    const cases = casesOf[code] ?? [];
    expect(cases).toHaveLength(3);
    expect(sim.errors()).toEqual([]);
    for (const c of cases) {
      const reports = ended.filter((i) => i.caseId === c.caseId);
      // Twice, never more, on two different local days; the first left it queued, the second stopped it.
      expect(reports).toHaveLength(2);
      const days = reports.map((i) => localDate(new Date(i.at), branch?.timeZone ?? "UTC"));
      expect(new Set(days).size).toBe(2);
      expect(reports[0]?.detail).toMatchObject({ nextAttemptAt: expect.any(String) });
      expect(reports[1]?.detail).toMatchObject({ stopped: true });
      expect(c).toMatchObject({
        callAttempts: 2,
        contactable: false,
        lastOutcome: "INVALID_NUMBER",
        suspectPhone: c.phone,
      });
      expect(c.dialQueue).toBeUndefined();
      expect(contactUpdateReason(c)).toBe("INVALID_NUMBER");
      expect(closeReasonFor(c)).toBe("INVALID_NUMBER");
    }
  });

  it("called each Semarang number twice and refused each Gorontalo start twice", () => {
    expect(sim.calls().filter((c) => c.branchCode === "SEMARANG")).toHaveLength(6);
    expect(refusedStarts).toHaveLength(6);
  });
});
