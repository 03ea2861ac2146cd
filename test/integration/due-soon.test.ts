import { beforeAll, describe, expect, it } from "vitest";
import { DynamoParticipantDataStore } from "../../cli/participant-data/dynamo-store";
import { branchIndex } from "../../functions/domain/branches";
import { campaignIdOf } from "../../functions/domain/case";
import { type MapArrearsDeps, mapArrears } from "../../functions/services/map-arrears";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import { allCases } from "../../functions/store/cursor";
import { DynamoDueSoonStore } from "../../functions/store/due-soon";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { DynamoPaymentStore } from "../../functions/store/payments";
import { WIB } from "../fixtures/dialing";
import { participant } from "../fixtures/participants";
import { once } from "../support/steps";
import { freshTables } from "./tables";

// Friday 2026-12-11 08:00 WIB: the monthly start.
const NOW = new Date("2026-12-11T01:00:00Z");
const CAMPAIGN = campaignIdOf("SEMARANG", "2026-12");
const KEY = "DUE_SOON#2027-01-10";
const pid = (n: number) => `000100000010${n}`;

let deps: MapArrearsDeps;
let cases: DynamoCaseStore;
let notices: DynamoDueSoonStore;
let payments: DynamoPaymentStore;
let participantData: DynamoParticipantDataStore;

const map = () =>
  mapArrears(
    deps,
    { branchCode: "SEMARANG", period: "2026-12" },
    { now: NOW, timeBudgetMs: 600_000, deadline: Date.now() + 900_000 },
  );

beforeAll(async () => {
  const { doc, tables } = await freshTables();
  cases = new DynamoCaseStore(doc, tables.cases);
  notices = new DynamoDueSoonStore(doc, tables, cases);
  payments = new DynamoPaymentStore(doc, tables);
  participantData = new DynamoParticipantDataStore(doc, tables);
  deps = {
    participants: new DynamoParticipantStore(doc, tables.participants),
    cases,
    campaigns: new DynamoCampaignStore(doc, tables.campaigns),
    dueSoon: notices,
    branches: branchIndex([WIB]),
  };
  await deps.participants.putMany([
    participant({ participantId: pid(1), branchCode: "SEMARANG", monthsInArrears: 0 }),
    participant({ participantId: pid(2), branchCode: "SEMARANG", monthsInArrears: 1 }),
    participant({ participantId: pid(3), branchCode: "SEMARANG", monthsInArrears: 1, familyMembers: 3 }),
    participant({ participantId: pid(4), branchCode: "SEMARANG", monthsInArrears: 2 }),
    participant({ participantId: pid(5), branchCode: "SEMARANG", monthsInArrears: 7 }),
    participant({ participantId: pid(6), branchCode: "JAYAPURA", monthsInArrears: 1 }),
  ]);
});

const mapped = once(map);

describe("due-soon notices on DynamoDB Local", () => {
  it("mapping notes the branch's participants one month behind, apart from the campaign's cases", async () => {
    const result = await mapped();
    expect(result).toMatchObject({ created: 2, dueSoon: 2 });
    expect((await allCases(cases, CAMPAIGN)).map((c) => c.participantId)).toEqual([pid(4), pid(5)]);
    const page = await notices.page(CAMPAIGN);
    expect(page.notices.map((n) => [n.participantId, n.campaignId, n.dueDate, n.amountDue])).toEqual([
      [pid(2), CAMPAIGN, "2027-01-10", 35_000],
      [pid(3), CAMPAIGN, "2027-01-10", 105_000],
    ]);
  });

  it("a notice is not an open case: a payment finds none, and the campaign still has its own", async () => {
    await mapped();
    expect(await payments.openCase(pid(2))).toBeUndefined();
    expect((await payments.openCase(pid(4)))?.campaignId).toBe(CAMPAIGN);
    expect(await cases.get(CAMPAIGN, pid(2))).toBeUndefined();
  });

  it("is found with the participant's cases for an export or an erasure", async () => {
    await mapped();
    const held = await participantData.cases(pid(2));
    expect(held.map((i) => [i.campaignId, i.name, i.phone])).toEqual([
      [`${CAMPAIGN}#DUE_SOON`, "Siti Aminah", "+6281234567890"],
    ]);
  });

  it("is claimed once per due date, its send time kept for the cap; a transient failure may be claimed again", async () => {
    await mapped();
    const two = { campaignId: CAMPAIGN, participantId: pid(2) };
    const at = new Date("2026-12-14T01:00:00Z");
    expect(await notices.claim(two, KEY, undefined, at)).toBe("CLAIMED");
    expect(await notices.claim(two, KEY, undefined, at)).toBe("ALREADY");
    await notices.markSent(two, KEY, at, { channel: "WHATSAPP" });
    const three = { campaignId: CAMPAIGN, participantId: pid(3) };
    expect(await notices.claim(three, KEY, undefined, at)).toBe("CLAIMED");
    await notices.markFailed(three, KEY, at, { reason: "Throttled", retryable: true });
    expect(await notices.claim(three, KEY, undefined, at)).toBe("CLAIMED");
    expect(await notices.claim({ campaignId: CAMPAIGN, participantId: pid(4) }, KEY, undefined, at)).toBe(
      "ALREADY",
    );
    const byId = new Map((await notices.page(CAMPAIGN)).notices.map((n) => [n.participantId, n]));
    expect(byId.get(pid(2))).toMatchObject({
      followUps: { [KEY]: { status: "SENT", channel: "WHATSAPP" } },
      messageTimes: [at.toISOString()],
    });
  });

  it("a mapping run again keeps the notices and their claims", async () => {
    await mapped();
    await notices.claim({ campaignId: CAMPAIGN, participantId: pid(2) }, KEY, undefined, NOW);
    const before = (await notices.page(CAMPAIGN)).notices;
    expect(before.find((n) => n.participantId === pid(2))?.followUps?.[KEY]).toBeDefined();
    const again = await map();
    expect(again.dueSoon).toBeUndefined();
    expect((await notices.page(CAMPAIGN)).notices).toEqual(before);
  });
});
