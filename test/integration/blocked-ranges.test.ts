import type { Context } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import type { Dialer, OutboundCall } from "../../functions/channels/dialer";
import { SAMPLE_BRANCHES } from "../../functions/domain/branches";
import { handler as dialTickHandler } from "../../functions/handlers/dial-tick";
import type { DialTickResult } from "../../functions/services/dial-tick";
import { mapArrears } from "../../functions/services/map-arrears";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { invokeLocally } from "../../local/lambda";
import { SimulatedClock } from "../../local/sim/clock";
import { branchPopulation } from "../fixtures/participants";
import { installHandlerPorts } from "../support/handler-ports";
import { freshTables, handlerVariables } from "./tables";

/** Semarang (WIB) has three agents on shift, Friday prayers and the Ramadan iftar hour blocked. */
const started: OutboundCall[] = [];
let variables: Record<string, string>;
const dialer: Dialer = {
  startCall: async (call) => {
    started.push(call);
    return { contactId: `contact-${started.length}` };
  },
  describeContact: async () => undefined,
};

/** One dial tick of Semarang's campaign for `period` at `now`, on `day`. */
async function tickAt(period: string, day: string, now: string): Promise<DialTickResult> {
  const clock = new SimulatedClock(new Date(now));
  installHandlerPorts(variables, { clock, dialer });
  return clock.run(
    () =>
      invokeLocally(
        dialTickHandler as (event: unknown, context: Context) => Promise<unknown>,
        { branchCode: "SEMARANG", period, day },
        { functionName: "dial-tick" },
      ) as Promise<DialTickResult>,
  );
}

beforeAll(async () => {
  const db = await freshTables();
  const { tables, doc } = db;
  variables = handlerVariables(db, { BRANCHES: JSON.stringify(SAMPLE_BRANCHES) });
  const participants = new DynamoParticipantStore(doc, tables.participants);
  // Months 8 to 11: every one of them is called.
  await participants.putMany(branchPopulation("SEMARANG", 12, "0007").slice(8));
  const stores = {
    participants,
    cases: new DynamoCaseStore(doc, tables.cases),
    campaigns: new DynamoCampaignStore(doc, tables.campaigns),
  };
  for (const [period, now] of [
    ["2026-11", "2026-11-01T00:00:00Z"],
    ["2026-03", "2026-03-01T00:00:00Z"],
  ] as const) {
    await mapArrears(
      stores,
      { branchCode: "SEMARANG", period },
      { now: new Date(now), timeBudgetMs: 600_000, deadline: Date.now() + 600_000 },
    );
  }
}, 120_000);

describe("dialing around blocked ranges", () => {
  it("starts no call during Friday prayers and waits for their end, then calls", async () => {
    // Friday 2026-11-20, 11:45 WIB.
    const blocked = await tickAt("2026-11", "2026-11-20", "2026-11-20T04:45:00Z");
    expect(started).toEqual([]);
    expect(blocked).toMatchObject({ started: 0, dayDone: false, nextTickAt: "2026-11-20T06:00:00.000Z" });
    // 13:00 WIB: the three agents get their calls.
    const open = await tickAt("2026-11", "2026-11-20", "2026-11-20T06:00:00Z");
    expect(open.started).toBe(3);
    expect(started.every((c) => c.caseId.startsWith("SEMARANG#2026-11#"))).toBe(true);
  });

  it("starts no call during the Ramadan iftar hour and waits for its end", async () => {
    started.length = 0;
    // Monday 2026-03-02, 18:15 WIB, in Ramadan 1447 H.
    const blocked = await tickAt("2026-03", "2026-03-02", "2026-03-02T11:15:00Z");
    expect(started).toEqual([]);
    expect(blocked).toMatchObject({ started: 0, dayDone: false, nextTickAt: "2026-03-02T12:00:00.000Z" });
  });
});
