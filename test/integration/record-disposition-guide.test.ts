import type { Context } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { parseBranches } from "../../functions/domain/branches";
import { type Case, campaignIdOf } from "../../functions/domain/case";
import type { Participant } from "../../functions/domain/participant";
import { parseStrategy } from "../../functions/domain/strategy";
import { handler } from "../../functions/handlers/record-disposition";
import { mapArrears } from "../../functions/services/map-arrears";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import { DynamoInteractionStore } from "../../functions/store/interactions";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { SmsOutbox } from "../../local/adapters/sms-outbox";
import { invokeLocally } from "../../local/lambda";
import { SimulatedClock } from "../../local/sim/clock";
import { guideLambdaEvent } from "../fixtures/connect-guide";
import { participant } from "../fixtures/participants";
import { installHandlerPorts } from "../support/handler-ports";
import { freshTables, handlerVariables } from "./tables";

/**
 * record-disposition as the step-by-step guide reaches it: the guide flow's parameters resolved
 * from the Form view's documented result (dropdowns as lists, a callback date and time without
 * offset), the voice contact as the guide's related contact.
 */

const PERIOD = "2026-11";
const BRANCH = "GORONTALO"; // Asia/Makassar (WITA, UTC+8)
const CAMPAIGN = campaignIdOf(BRANCH, PERIOD);
// Monday 16 November 2026, 11:00 WITA.
const NOW = new Date("2026-11-16T03:00:00Z");
const AGENT_ARN =
  "arn:aws:connect:ap-southeast-1:111122223333:instance/0f3c2a51-8d4e-4c1b-9a7f-5e6d7c8b9a01/agent/4d5e6f70-8192-4a3b-9c4d-5e6f70819203";
const VOICE_CONTACT = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

type Handler = (event: unknown, context: Context) => Promise<unknown>;
const invoke = (event: unknown) =>
  invokeLocally(handler as Handler, event, { functionName: "record-disposition" }) as Promise<
    Record<string, string>
  >;

const people: Participant[] = [1, 2].map((i) =>
  participant({ participantId: `000800000000${i}`, branchCode: BRANCH, monthsInArrears: 6, premiumClass: 2 }),
);
let cases: DynamoCaseStore;
let interactions: DynamoInteractionStore;

const submit = (c: Case, formData: Record<string, string | string[]>) =>
  invoke(
    guideLambdaEvent({
      formData,
      attributes: { caseId: c.caseId, participantName: c.name },
      agentArn: AGENT_ARN,
      relatedContactId: VOICE_CONTACT,
    }),
  );

beforeAll(async () => {
  const db = await freshTables();
  const { tables, doc } = db;
  const variables = handlerVariables(db, {
    BRANCHES: JSON.stringify(parseBranches([{ code: BRANCH, name: "Gorontalo", timeZone: "Asia/Makassar" }])),
  });
  const participants = new DynamoParticipantStore(doc, tables.participants);
  await participants.putMany(people);
  cases = new DynamoCaseStore(doc, tables.cases);
  interactions = new DynamoInteractionStore(doc, tables.interactions, 1825);
  await mapArrears(
    { participants, cases, campaigns: new DynamoCampaignStore(doc, tables.campaigns) },
    { branchCode: BRANCH, period: PERIOD, strategy: parseStrategy({}) },
    { now: new Date("2026-11-01T00:00:00Z"), timeBudgetMs: 600_000, deadline: Date.now() + 600_000 },
  );
  installHandlerPorts(variables, {
    clock: new SimulatedClock(NOW),
    sms: new SmsOutbox({ clock: new SimulatedClock(NOW) }),
  });
}, 120_000);

describe("record-disposition from the guide's Form view", () => {
  it("a callback date and time without offset is the participant's local time; the guide says when", async () => {
    const c = (await cases.get(CAMPAIGN, people[0]?.participantId as string)) as Case;
    const result = await submit(c, {
      code: ["CALL_BACK_LATER"],
      callbackDate: "2026-11-17",
      callbackTime: "10:00",
    });
    expect(result).toMatchObject({
      status: "RECORDED",
      // Tuesday 10:00 WITA.
      nextAttemptAt: "2026-11-17T02:00:00.000Z",
      nextStep: "Peserta ditelepon lagi 2026-11-17 pukul 10.00 waktu setempat.",
    });
  });

  it("reads dropdowns given as lists and records the voice contact, not the guide's own", async () => {
    const c = (await cases.get(CAMPAIGN, people[1]?.participantId as string)) as Case;
    const result = await submit(c, {
      code: ["PROMISE_TO_PAY"],
      promiseDate: "2026-11-20",
      promiseAmount: "Rp200.000",
      sendInfo: [],
    });
    expect(result).toMatchObject({ status: "RECORDED", followUp: "NONE" });
    const recorded = (await interactions.allByCampaign(CAMPAIGN)).filter(
      (i) => i.participantId === c.participantId && i.kind === "DISPOSITION",
    );
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      contactId: VOICE_CONTACT,
      outcome: "PROMISE_TO_PAY",
      amount: 200_000,
    });
  });
});
