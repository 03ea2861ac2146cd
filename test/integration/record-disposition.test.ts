import type { Context } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { SmsSendError } from "../../functions/channels/sms";
import type { WhatsAppSender, WhatsAppTemplateMessage } from "../../functions/channels/whatsapp";
import { parseBranches } from "../../functions/domain/branches";
import { campaignReport } from "../../functions/domain/campaign-report";
import { type Case, campaignIdOf } from "../../functions/domain/case";
import type { Interaction } from "../../functions/domain/interaction";
import { numberDigest } from "../../functions/domain/messaging";
import type { Participant } from "../../functions/domain/participant";
import { smsSegments } from "../../functions/domain/sms-template";
import { parseStrategy } from "../../functions/domain/strategy";
import { handler } from "../../functions/handlers/record-disposition";
import { mapArrears } from "../../functions/services/map-arrears";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import { DynamoInteractionStore } from "../../functions/store/interactions";
import { DynamoParticipantAuditStore } from "../../functions/store/participant-audit";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { DynamoProfileStore } from "../../functions/store/profiles";
import { SmsOutbox } from "../../local/adapters/sms-outbox";
import { invokeLocally } from "../../local/lambda";
import { participant } from "../fixtures/participants";
import { installHandlerPorts } from "../support/handler-ports";
import { freshTables, handlerVariables } from "./tables";

const PERIOD = "2026-11";
const BRANCH = "GORONTALO"; // Asia/Makassar (WITA, UTC+8)
const CAMPAIGN = campaignIdOf(BRANCH, PERIOD);
// Monday 16 November 2026, 11:00 WITA.
const NOW = new Date("2026-11-16T03:00:00Z");
const AGENT_ARN =
  "arn:aws:connect:ap-southeast-1:111122223333:instance/0f3c2a51-8d4e-4c1b-9a7f-5e6d7c8b9a01/agent/4d5e6f70-8192-4a3b-9c4d-5e6f70819203";
const AGENT_ID = "4d5e6f70-8192-4a3b-9c4d-5e6f70819203";

type Handler = (event: unknown, context: Context) => Promise<unknown>;
const invoke = <R>(event: unknown) =>
  invokeLocally(handler as Handler, event, { functionName: "record-disposition" }) as Promise<R>;

let cases: DynamoCaseStore;
let participants: DynamoParticipantStore;
let interactions: DynamoInteractionStore;
let outbox: SmsOutbox;
/** The test's clock: stands still unless a test moves it (a redelivery comes later). */
const clock = {
  at: NOW.getTime(),
  now: () => new Date(clock.at),
  advance: (ms: number) => {
    clock.at += ms;
  },
  sleepUntil: async () => {},
};
const used = { rehab: 0, short: 0, landline: 0, redelivered: 0 };
const failingSms = new Set<string>();
const whatsappSent: WhatsAppTemplateMessage[] = [];
const whatsapp: WhatsAppSender = {
  sendTemplate: async (m) => {
    whatsappSent.push(m);
    return { providerMessageId: `wamid-${whatsappSent.length}` };
  },
  sendText: async () => {
    throw new Error("no free-form message after a call");
  },
};

/**
 * A fresh participant (and case) per test: 30 with 6 months, 5 with 3 months, 5 on a landline,
 * 10 with 6 months for redeliveries and amendments.
 */
const people: Participant[] = Array.from({ length: 50 }, (_, i) =>
  participant({
    participantId: `0007${String(i).padStart(9, "0")}`,
    branchCode: BRANCH,
    name: "Siti Aminah",
    monthsInArrears: i < 30 || i >= 35 ? 6 : 3,
    premiumClass: 2,
    familyMembers: 2,
    ...(i >= 35 && i < 40
      ? { phone: "+62435821234", phoneType: "FIXED_LINE" as const, phoneRaw: "0435821234" }
      : {}),
  }),
);
const freshCase = async (kind: keyof typeof used = "rehab"): Promise<Case> => {
  const first = { rehab: 0, short: 30, landline: 35, redelivered: 40 }[kind];
  const p = people[first + used[kind]++] as Participant;
  return (await cases.get(CAMPAIGN, p.participantId)) as Case;
};
const trail = async (c: Case): Promise<Interaction[]> =>
  (await interactions.allByCampaign(CAMPAIGN)).filter((i) => i.participantId === c.participantId);

/** The event Amazon Connect sends from the guide flow's InvokeLambdaFunction. */
const connectEvent = (c: Case, parameters: Record<string, string>) => ({
  Name: "ContactFlowEvent",
  Details: {
    ContactData: {
      ContactId: "9f8e7d6c-5b4a-4321-8fed-cba987654321",
      Channel: "CHAT",
      InitiationMethod: "FLOW",
      Attributes: { caseId: c.caseId, participantName: c.name },
    },
    Parameters: { agentId: AGENT_ARN, caseId: c.caseId, ...parameters },
  },
});

let statusStores: { profiles: DynamoProfileStore; audit: DynamoParticipantAuditStore };

beforeAll(async () => {
  const db = await freshTables();
  const { tables, doc } = db;
  statusStores = {
    profiles: new DynamoProfileStore(doc, tables.profiles),
    audit: new DynamoParticipantAuditStore(doc, tables.audit),
  };
  const variables = handlerVariables(db, {
    BRANCHES: JSON.stringify(parseBranches([{ code: BRANCH, name: "Gorontalo", timeZone: "Asia/Makassar" }])),
  });
  participants = new DynamoParticipantStore(doc, tables.participants);
  await participants.putMany(people);
  cases = new DynamoCaseStore(doc, tables.cases);
  interactions = new DynamoInteractionStore(doc, tables.interactions, 1825);
  await mapArrears(
    { participants, cases, campaigns: new DynamoCampaignStore(doc, tables.campaigns) },
    { branchCode: BRANCH, period: PERIOD, strategy: parseStrategy({}) },
    { now: new Date("2026-11-01T00:00:00Z"), timeBudgetMs: 600_000, deadline: Date.now() + 600_000 },
  );
  outbox = new SmsOutbox({
    clock,
    fault: (message) =>
      failingSms.has(message.caseId) ? new SmsSendError("Throttling", true, "Throttling") : undefined,
  });
  installHandlerPorts(variables, { clock, sms: outbox, whatsapp });
}, 120_000);

describe("a disposition's lasting status (issue 16)", () => {
  it("a refusal holds the participant for 30 days and confirms the number, audited with the agent", async () => {
    const c = await freshCase();
    await invoke(connectEvent(c, { code: "REFUSES" }));
    const profile = await statusStores.profiles.get(c.participantId);
    // Monday 2026-11-16 11:00 WITA + 30 days.
    expect(profile?.doNotContact).toMatchObject({ until: "2026-12-16", reason: "REFUSED", setBy: AGENT_ID });
    expect(profile?.number?.status).toBe("CONFIRMED");
    const records = await statusStores.audit.list(c.participantId);
    expect(records.map((r) => [r.field, r.source, r.why, r.setBy])).toEqual([
      ["doNotContact", "DISPOSITION", "REFUSES", AGENT_ID],
      ["number", "DISPOSITION", "REFUSES", AGENT_ID],
    ]);
  });

  it("a wrong number makes the number suspect; wanting REHAB sets no plan", async () => {
    const wrong = await freshCase();
    await invoke(connectEvent(wrong, { code: "WRONG_NUMBER" }));
    expect((await statusStores.profiles.get(wrong.participantId))?.number?.status).toBe("SUSPECT");
    const rehab = await freshCase();
    await invoke(connectEvent(rehab, { code: "WANTS_REHAB" }));
    expect((await statusStores.profiles.get(rehab.participantId))?.rehabPlan).toBeUndefined();
  });
});

describe("record-disposition from the step-by-step guide (Connect flow event)", () => {
  it.each([
    ["PROMISE_TO_PAY", { promiseDate: "2026-11-20", promiseAmount: "Rp200.000" }, "OPEN", true],
    ["PAID_ALREADY", {}, "OPEN", false],
    ["REFUSES", {}, "OPEN", false],
    ["WRONG_NUMBER", {}, "OPEN", false],
    // Tuesday 10:00 WITA, inside the window.
    ["CALL_BACK_LATER", { callbackAt: "2026-11-17T02:00:00Z" }, "OPEN", true],
    ["WANTS_REHAB", {}, "OPEN", false],
    ["UPDATED_PHONE", { newPhone: "0813-9999-8888" }, "OPEN", true],
    ["OTHER", { notes: "peserta di luar kota, NIK 7501234567890001" }, "OPEN", true],
  ])("records %s and answers the flow with a flat string map", async (code, fields, status, queued) => {
    const c = await freshCase();
    const result = await invoke<Record<string, unknown>>(
      connectEvent(c, { code, talkSeconds: "142", ...fields }),
    );
    expect(result).toMatchObject({
      status: "RECORDED",
      caseId: c.caseId,
      caseStatus: status,
      followUp: "NONE",
    });
    for (const value of Object.values(result)) expect(typeof value).toBe("string");
    expect(result.message).toBe("Hasil panggilan tersimpan.");
    const after = (await cases.get(CAMPAIGN, c.participantId)) as Case;
    expect(after.lastOutcome).toBe(code);
    expect(after.lastAgentId).toBe(AGENT_ID);
    expect(Boolean(after.dialQueue)).toBe(queued);
    expect(result.nextAttemptAt === "").toBe(!queued);
    const recorded = (await trail(c)).filter((i) => i.kind === "DISPOSITION");
    expect(recorded).toHaveLength(1);
    // What the per-agent report reads.
    expect(recorded[0]).toMatchObject({
      agentId: AGENT_ID,
      outcome: code,
      detail: { talkSeconds: 142, rightPartyContact: code !== "WRONG_NUMBER" },
    });
    if (code === "PROMISE_TO_PAY") {
      expect(recorded[0]?.amount).toBe(200_000);
      expect(after.promise).toMatchObject({ amount: 200_000, date: "2026-11-20", status: "PENDING" });
    }
    if (code === "WRONG_NUMBER") expect(after.contactable).toBe(false);
    if (code === "OTHER")
      expect(recorded[0]?.detail?.notes).toBe("peserta di luar kota, NIK ************0001");
  });

  it("a corrected number updates the participant and is audited with both numbers masked", async () => {
    const c = await freshCase();
    await invoke(connectEvent(c, { code: "UPDATED_PHONE", newPhone: "+62 813-1111-2222" }));
    expect(await participants.get(c.participantId)).toMatchObject({
      phone: "+6281311112222",
      phoneType: "MOBILE",
      contactable: true,
    });
    expect(await cases.get(CAMPAIGN, c.participantId)).toMatchObject({ phone: "+6281311112222" });
    const audit = (await trail(c)).filter((i) => i.kind === "CONTACT_UPDATED");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      agentId: AGENT_ID,
      detail: { field: "phone", previous: "+62812****7890", current: "+62813****2222" },
    });
    // No full number anywhere in the audit trail.
    expect(JSON.stringify(await trail(c))).not.toMatch(/\+62813111122|\+6281234567890/);
  });

  it("sends the SMS the participant asked for: VA and channels, or the REHAB steps, GSM-7 in 2 segments", async () => {
    const promise = await freshCase();
    const paid = await invoke<Record<string, string>>(
      connectEvent(promise, {
        code: "PROMISE_TO_PAY",
        promiseDate: "2026-11-18",
        promiseAmount: "150000",
        sendInfo: "PAYMENT",
      }),
    );
    expect(paid.followUp).toBe("SMS_SENT");
    const rehab = await freshCase();
    await invoke(connectEvent(rehab, { code: "WANTS_REHAB", sendInfo: "REHAB" }));
    const toPromise = outbox.messages().find((m) => m.caseId === promise.caseId);
    const toRehab = outbox.messages().find((m) => m.caseId === rehab.caseId);
    expect(toPromise?.text).toContain(`VA ${promise.virtualAccount}`);
    expect(toPromise?.text).toMatch(/di bank, minimarket, Kantor Pos atau Mobile JKN/);
    expect(toRehab?.text).toMatch(/REHAB/);
    expect(toRehab?.text).toMatch(/Mobile JKN/);
    expect(toRehab?.text).toMatch(/Care Center 165/);
    for (const m of [toPromise, toRehab]) {
      expect(m?.phone).toBe("+6281234567890");
      expect(smsSegments(m?.text ?? "")).toMatchObject({ encoding: "GSM-7" });
      expect(smsSegments(m?.text ?? "").segments).toBeLessThanOrEqual(2);
      expect(m?.text).not.toMatch(/https?:|www\./);
    }
    const sent = (await trail(rehab)).filter((i) => i.kind === "SMS_SENT");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.detail).toMatchObject({ followUp: "CALL_INFO", phone: "+62812****7890" });
    expect(sent[0]?.detail?.occasion).toMatch(/^REHAB#/);
    // Not yet known on WhatsApp: a WhatsApp message would fail only later, so SMS.
    expect(whatsappSent.filter((m) => m.phone === promise.phone)).toEqual([]);
  });

  it("sends the information by WhatsApp to a number proven on it, once, not counted in the cap", async () => {
    const c = await freshCase();
    const phone = c.phone as string;
    await statusStores.profiles.update(c.participantId, () => ({
      participantId: c.participantId,
      numberDigest: numberDigest(phone),
      whatsapp: "REACHABLE",
      whatsappFailures: 0,
      lastDeliveredAt: "2026-11-11T01:00:00Z",
      updatedAt: "2026-11-11T01:00:00Z",
    }));
    const smsBefore = outbox.messages().length;
    const result = await invoke<Record<string, string>>(
      connectEvent(c, { code: "WANTS_REHAB", sendInfo: "REHAB" }),
    );
    expect(result.followUp).toBe("WHATSAPP_SENT");
    expect(result.nextStep).toContain("Rincian terkirim lewat WhatsApp.");
    const sent = whatsappSent.filter((m) => m.phone === phone);
    expect(sent.map((m) => m.template)).toEqual(["telecollect_info_rehab"]);
    expect(sent[0]?.parameters).toEqual([
      "Bapak/Ibu Siti",
      "Rp1.200.000",
      String(c.rehabMaxInstalments),
      c.virtualAccount,
    ]);
    expect(outbox.messages().length).toBe(smsBefore);
    const after = (await cases.get(CAMPAIGN, c.participantId)) as Case;
    // Asked for by the participant: not one of the campaign's messages the cap counts.
    expect(after.messageTimes ?? []).toEqual(c.messageTimes ?? []);
    expect(Object.values(after.followUps ?? {})).toEqual([
      expect.objectContaining({ status: "SENT", channel: "WHATSAPP", uncapped: true }),
    ]);
    expect((await trail(c)).filter((i) => i.kind === "WHATSAPP_SENT")).toHaveLength(1);
  });

  it("records a failed follow-up SMS and says so, keeping the disposition", async () => {
    const c = await freshCase();
    failingSms.add(c.caseId);
    const result = await invoke<Record<string, string>>(
      connectEvent(c, { code: "OTHER", sendInfo: "AUTODEBET" }),
    );
    expect(result).toMatchObject({ status: "RECORDED", followUp: "SMS_FAILED" });
    const kinds = (await trail(c)).map((i) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(["DISPOSITION", "SMS_FAILED"]));
  });
});

describe("record-disposition rejects what the agent must correct, and writes nothing", () => {
  it.each([
    [
      "a promise date in the past",
      "rehab",
      { code: "PROMISE_TO_PAY", promiseDate: "2026-11-10", promiseAmount: "100000" },
      /promiseDate: must be today \(2026-11-16\) or later/,
    ],
    [
      "a promise date after the campaign",
      "rehab",
      { code: "PROMISE_TO_PAY", promiseDate: "2027-01-15", promiseAmount: "100000" },
      /promiseDate: must be on or before 2026-12-30/,
    ],
    [
      "an amount above what is due",
      "rehab",
      { code: "PROMISE_TO_PAY", promiseDate: "2026-11-20", promiseAmount: "Rp99.000.000" },
      /promiseAmount: must be a whole number of rupiah from 1 to Rp/,
    ],
    [
      "an amount that is not a number",
      "rehab",
      { code: "PROMISE_TO_PAY", promiseDate: "2026-11-20", promiseAmount: "seratus ribu" },
      /promiseAmount: /,
    ],
    [
      "a promise without its date",
      "rehab",
      { code: "PROMISE_TO_PAY", promiseAmount: "100000" },
      /promiseDate: required for PROMISE_TO_PAY/,
    ],
    [
      "a bad phone number",
      "rehab",
      { code: "UPDATED_PHONE", newPhone: "0812-abc" },
      /newPhone: unexpected characters: expected an Indonesian number/,
    ],
    [
      "a foreign phone number",
      "rehab",
      { code: "UPDATED_PHONE", newPhone: "+44 20 7946 0958" },
      /newPhone: not an Indonesian number/,
    ],
    [
      "a callback at night",
      "rehab",
      { code: "CALL_BACK_LATER", callbackAt: "2026-11-16T14:00:00Z" },
      /callbackAt: is outside the participant's contact window/,
    ],
    [
      "a callback in the past",
      "rehab",
      { code: "CALL_BACK_LATER", callbackAt: "2026-11-15T02:00:00Z" },
      /callbackAt: must be in the future/,
    ],
    [
      "a field of another outcome",
      "rehab",
      { code: "REFUSES", promiseAmount: "1000" },
      /promiseAmount: only for PROMISE_TO_PAY/,
    ],
    [
      "REHAB information below 4 months",
      "short",
      { code: "OTHER", sendInfo: "REHAB" },
      /sendInfo: REHAB is only for 4 to 24 months/,
    ],
    [
      "an SMS to a landline",
      "landline",
      { code: "OTHER", sendInfo: "PAYMENT" },
      /sendInfo: the participant's number cannot receive SMS/,
    ],
    ["an unknown outcome", "rehab", { code: "MAYBE" }, /code: must be one of PROMISE_TO_PAY/],
    ["no outcome", "rehab", { code: "" }, /code: /],
  ] as const)("%s", async (_what, kind, parameters, reason) => {
    const c = await freshCase(kind);
    const before = await trail(c);
    const participantBefore = await participants.get(c.participantId);
    const sent = outbox.messages().length;
    const result = await invoke<Record<string, string>>(connectEvent(c, parameters));
    expect(result.status).toBe("REJECTED");
    expect(result.message).toMatch(/^Belum tersimpan, perbaiki: /);
    expect(result.message).toMatch(reason);
    expect(Object.keys(result).sort()).toEqual(["message", "status"]);
    expect(await cases.get(CAMPAIGN, c.participantId)).toEqual(c);
    expect(await trail(c)).toEqual(before);
    expect(await participants.get(c.participantId)).toEqual(participantBefore);
    expect(outbox.messages()).toHaveLength(sent);
  });

  it("names the missing agent and an unknown case", async () => {
    const c = await freshCase();
    const noAgent = connectEvent(c, { code: "REFUSES" });
    noAgent.Details.Parameters.agentId = "";
    expect(await invoke<Record<string, string>>(noAgent)).toMatchObject({
      status: "REJECTED",
      message: expect.stringMatching(/agentId: /),
    });
    const unknown = connectEvent(c, { code: "REFUSES" });
    unknown.Details.Parameters.caseId = `${CAMPAIGN}#0009999999999`;
    expect(await invoke<Record<string, string>>(unknown)).toMatchObject({
      status: "REJECTED",
      message: expect.stringContaining(`case ${CAMPAIGN}#*********9999 does not exist`),
    });
  });

  it("names a participant it cannot correct the number of by the card number's last 4 digits", async () => {
    const correction = participants.updatePhone(
      "0009999999999",
      { e164: "+6281234567890", type: "MOBILE" },
      NOW,
    );
    await expect(correction).rejects.toThrow("participant *********9999 does not exist");
  });

  it("the direct shape (CLI, local runtime) still throws, naming each field", async () => {
    const c = await freshCase();
    await expect(
      invoke({
        caseId: c.caseId,
        agentId: "agent-1",
        code: "PROMISE_TO_PAY",
        promiseDate: "2026-11-01",
        promiseAmount: 1,
      }),
    ).rejects.toThrow(/promiseDate: must be today/);
    await expect(invoke({ agentId: "agent-1", code: "OTHER", sendInfo: "FAX" })).rejects.toThrow(
      /sendInfo: must be one of PAYMENT, REHAB, AUTODEBET/,
    );
    expect(await cases.get(CAMPAIGN, c.participantId)).toEqual(c);
  });
});

describe("record-disposition: one disposition per call, amendments replace it", () => {
  const VOICE_CONTACT = "5c4b3a29-1807-4f6e-9d5c-4b3a29180706";
  /** The guide's event for the agent's voice call, as Connect may deliver it more than once. */
  const forCall = (c: Case, parameters: Record<string, string>, contactId = VOICE_CONTACT) => {
    const event = connectEvent(c, { contactId, ...parameters });
    Object.assign(event.Details.ContactData, { RelatedContactId: contactId });
    return event;
  };
  const smsTo = (c: Case) => outbox.messages().filter((m) => m.caseId === c.caseId);
  const dispositionsOf = async (c: Case) => (await trail(c)).filter((i) => i.kind === "DISPOSITION");

  it("the same event delivered twice is recorded once and sends one follow-up", async () => {
    const c = await freshCase("redelivered");
    const event = forCall(c, {
      code: "PROMISE_TO_PAY",
      promiseDate: "2026-11-20",
      promiseAmount: "200000",
      sendInfo: "PAYMENT",
      talkSeconds: "95",
    });
    const first = await invoke<Record<string, string>>(event);
    clock.advance(90_000);
    const again = await invoke<Record<string, string>>(event);
    expect(first).toMatchObject({ status: "RECORDED", followUp: "SMS_SENT" });
    // The agent sees it saved either way; nothing is written or sent the second time.
    expect(again).toMatchObject({ status: "RECORDED", followUp: "NONE" });
    expect(await dispositionsOf(c)).toHaveLength(1);
    expect(smsTo(c)).toHaveLength(1);
    expect((await trail(c)).filter((i) => i.kind === "SMS_SENT")).toHaveLength(1);
  });

  it("two deliveries at the same moment still record once and send once", async () => {
    const c = await freshCase("redelivered");
    const event = forCall(c, { code: "WANTS_REHAB", sendInfo: "REHAB" });
    const results = await Promise.all([invoke(event), invoke(event), invoke(event)]);
    for (const r of results) expect(r).toMatchObject({ status: "RECORDED" });
    expect(await dispositionsOf(c)).toHaveLength(1);
    expect(smsTo(c)).toHaveLength(1);
  });

  it("a different disposition for the same call is an audited amendment that replaces it", async () => {
    const c = await freshCase("redelivered");
    await invoke(
      forCall(c, {
        code: "PROMISE_TO_PAY",
        promiseDate: "2026-11-20",
        promiseAmount: "200000",
        sendInfo: "PAYMENT",
      }),
    );
    clock.advance(60_000);
    const amended = await invoke<Record<string, string>>(
      forCall(c, { code: "REFUSES", sendInfo: "PAYMENT", notes: "salah pilih, peserta menolak" }),
    );
    expect(amended).toMatchObject({ status: "RECORDED", followUp: "NONE" });
    const after = (await cases.get(CAMPAIGN, c.participantId)) as Case;
    expect(after.lastOutcome).toBe("REFUSES");
    // The replaced promise is gone: no follow-up call for it, no promise in the figures.
    expect(after.promise).toBeUndefined();
    expect(after.dialQueue).toBeUndefined();
    const recorded = await dispositionsOf(c);
    expect(recorded.map((d) => d.outcome)).toEqual(["PROMISE_TO_PAY", "REFUSES"]);
    expect(recorded[1]?.detail).toMatchObject({ amends: "PROMISE_TO_PAY", amendsAgentId: AGENT_ID });
    // The payment information was already sent after this call: not a second time.
    expect(smsTo(c)).toHaveLength(1);
    const report = campaignReport({
      campaignId: CAMPAIGN,
      branchCode: BRANCH,
      period: PERIOD,
      strategy: parseStrategy({}),
      timeZone: "Asia/Makassar",
      cases: [after],
      events: await trail(c),
      now: clock.now(),
    });
    expect(report.total.promised).toBe(0);
    expect(report.byDay.reduce((n, d) => n + d.promises, 0)).toBe(0);
  });

  it("a WRONG_NUMBER amended to a conversation makes the participant contactable again", async () => {
    const c = await freshCase("redelivered");
    await invoke(forCall(c, { code: "WRONG_NUMBER" }));
    expect(await cases.get(CAMPAIGN, c.participantId)).toMatchObject({ contactable: false });
    await invoke(forCall(c, { code: "CALL_BACK_LATER", callbackAt: "2026-11-17T02:00:00Z" }));
    const after = (await cases.get(CAMPAIGN, c.participantId)) as Case;
    expect(after).toMatchObject({ contactable: true, lastOutcome: "CALL_BACK_LATER" });
    expect(after.nextAttemptAt).toBe("2026-11-17T02:00:00.000Z");
    expect(after.dialQueue).toBe(CAMPAIGN);
  });

  it("the next call's disposition is a new one, not an amendment", async () => {
    const c = await freshCase("redelivered");
    await invoke(forCall(c, { code: "OTHER" }));
    await invoke(forCall(c, { code: "OTHER" }, "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
    const recorded = await dispositionsOf(c);
    expect(recorded).toHaveLength(2);
    expect(recorded.every((d) => d.detail?.amends === undefined)).toBe(true);
  });

  it("a corrected number cannot be amended away: the agent is told to correct the number instead", async () => {
    const c = await freshCase("redelivered");
    await invoke(forCall(c, { code: "UPDATED_PHONE", newPhone: "081377778888" }));
    const result = await invoke<Record<string, string>>(forCall(c, { code: "REFUSES" }));
    expect(result).toMatchObject({
      status: "REJECTED",
      message: expect.stringMatching(/^Belum tersimpan.*code: /),
    });
    expect((await dispositionsOf(c)).map((d) => d.outcome)).toEqual(["UPDATED_PHONE"]);
  });
});
