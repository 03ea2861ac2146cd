import { PutCommand, ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../../functions/channels/clock";
import type { TableNames } from "../../functions/contracts";
import { SAMPLE_BRANCHES } from "../../functions/domain/branches";
import { type CaseClassification, caseIdOf, openCase } from "../../functions/domain/case";
import { interactionFor } from "../../functions/domain/interaction";
import { worklistLine } from "../../functions/domain/kader-worklist";
import { maskPhone, redactFreeText } from "../../functions/domain/masking";
import { messageIdOf, profileAfterStatus } from "../../functions/domain/messaging";
import type { Participant } from "../../functions/domain/participant";
import { applyPayment, assignPayment } from "../../functions/services/apply-payment";
import { setParticipantStatus } from "../../functions/services/participant-status";
import { DynamoCaseStore } from "../../functions/store/cases";
import type { createDocumentClient } from "../../functions/store/client";
import { DynamoAgentRoster } from "../../functions/store/dynamo-agent-roster";
import { DynamoInteractionStore } from "../../functions/store/interactions";
import { DynamoKaderResultStore } from "../../functions/store/kader-results";
import { DynamoKaderWorklistStore } from "../../functions/store/kader-worklists";
import { DynamoMessageStore } from "../../functions/store/messages";
import { DynamoParticipantAuditStore } from "../../functions/store/participant-audit";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { DynamoPaymentStore } from "../../functions/store/payments";
import { DynamoProfileStore } from "../../functions/store/profiles";
import { ALL_TABLES } from "../../functions/store/schemas";
import { participant } from "../fixtures/participants";

/*
 * One participant's life in the tables, written by the project's own stores and use cases: cases
 * in two campaigns, SMS, a call, a disposition with a note and a promise, a corrected phone,
 * payments applied, assigned and parked, a WhatsApp reminder, a reply and a channel profile, an
 * access record; and a bystander who must stay as is.
 */

export const ERASED_ID = "0002000000042";
export const BYSTANDER_ID = "0002000000077";
/** A card number sent with a typo, whose payment was assigned to the participant. */
export const TYPO_ID = "0002000000024";
export const NAME = "Rahmat Hidayat Wibisono";
export const PHONE = "+6285211112222";
export const PHONE_RAW = "0852-1111-2222";
/** The number an agent corrected it to. */
export const NEW_PHONE = "+6285233334444";
/** The street address the snapshot gave (personal data, like the name). */
export const ADDRESS = "Jl. Kalimutu Gg. Melati No. 17, RT 02 RW 05";
export const CAMPAIGNS = ["GORONTALO#2026-10", "GORONTALO#2026-11"] as const;
/** A campaign whose case of the participant expired (TTL) before the last of its interactions. */
export const EXPIRED_CASE_CAMPAIGN = "GORONTALO#2026-09";
export const DUE = 175_000;
const BRANCHES = new Map(SAMPLE_BRANCHES.map((b) => [b.code, b]));

type Doc = ReturnType<typeof createDocumentClient>;

const clockAt = (iso: string): Clock => ({ now: () => new Date(iso), sleepUntil: async () => undefined });

const classification: CaseClassification = {
  bucketId: "3-5",
  countedMonths: 5,
  amountDue: DUE,
  priority: 50,
  rehab: { eligible: false, maxInstalments: 0 },
  treatments: ["SMS", "CALL"],
};

/** Every string that would identify the erased participant, for the scans. */
export const IDENTIFIERS = [
  ERASED_ID,
  ERASED_ID.slice(-11),
  NAME,
  PHONE,
  PHONE_RAW,
  NEW_PHONE,
  maskPhone(PHONE),
  ADDRESS,
];

export async function buildParticipantScene(doc: Doc, tables: TableNames): Promise<void> {
  const erased: Participant = participant({
    participantId: ERASED_ID,
    name: NAME,
    phone: PHONE,
    phoneRaw: PHONE_RAW,
    area: { kabupaten: "Kota Gorontalo", kecamatan: "Kota Selatan", desa: "Limba B" },
    address: ADDRESS,
  });
  const bystander = participant({ participantId: BYSTANDER_ID, name: "Siti Aminah" });
  await new DynamoParticipantStore(doc, tables.participants).putMany([erased, bystander]);
  const cases = new DynamoCaseStore(doc, tables.cases);
  const interactions = new DynamoInteractionStore(doc, tables.interactions, 1825);
  for (const [i, campaignId] of CAMPAIGNS.entries()) {
    const period = campaignId.split("#")[1] as string;
    const opened = new Date(`${period}-01T01:00:00Z`);
    const both = [erased, bystander].map((p) =>
      openCase(p, classification, { branchCode: "GORONTALO", period }, opened),
    );
    await cases.putNew(both);
    const c = both[0];
    if (!c) throw new Error("no case");
    const at = (day: number, hour: number) =>
      new Date(`${period}-${String(day).padStart(2, "0")}T0${hour}:00:00Z`);
    await interactions.record(
      interactionFor(c, "SMS_SENT", at(2, 2), "wave-1", {
        detail: { wave: 1, phone: maskPhone(PHONE), messageId: `msg-${i}`, segments: 1 },
      }),
    );
    await interactions.record(
      interactionFor(c, "CALL_ENDED", at(3, 3), `contact-${i}`, {
        contactId: `contact-${i}`,
        outcome: "ANSWERED",
        detail: { attempt: 1, phone: maskPhone(PHONE) },
      }),
    );
    await interactions.record(
      interactionFor(c, "DISPOSITION", at(3, 4), `contact-${i}#PROMISE_TO_PAY`, {
        agentId: "agent-7",
        contactId: `contact-${i}`,
        outcome: "PROMISE_TO_PAY",
        amount: DUE,
        detail: {
          promiseDate: `${period}-20`,
          notes: redactFreeText(`Pak ${NAME} minta SMS ke 0852 3333 4444, istri yang bayar`),
        },
      }),
    );
    // The follow-up SMS's dedupe key holds the case id, so its interaction key holds the card number.
    await interactions.record(
      interactionFor(
        c,
        "SMS_SENT",
        at(3, 5),
        `${caseIdOf(campaignId, ERASED_ID)}#follow-up#contact-${i}#VA`,
        {
          agentId: "agent-7",
          detail: {
            info: "VA",
            phone: maskPhone(PHONE),
            followUpOf: "PROMISE_TO_PAY",
            messageId: `f-${i}`,
            segments: 2,
          },
        },
      ),
    );
    await interactions.record(
      interactionFor(c, "CONTACT_UPDATED", at(3, 6), `phone#contact-${i}`, {
        agentId: "agent-7",
        detail: {
          field: "phone",
          previous: maskPhone(PHONE),
          current: maskPhone(NEW_PHONE),
          phoneType: "MOBILE",
        },
      }),
    );
    await doc.send(
      new UpdateCommand({
        TableName: tables.cases,
        Key: { campaignId, participantId: ERASED_ID },
        UpdateExpression: "SET promise = :p, suspectPhone = :phone",
        ExpressionAttributeValues: {
          ":p": {
            amount: DUE,
            date: `${period}-20`,
            status: "PENDING",
            agentId: "agent-7",
            recordedAt: at(3, 4).toISOString(),
          },
          ":phone": PHONE,
        },
      }),
    );
  }
  for (const campaignId of [EXPIRED_CASE_CAMPAIGN, ...CAMPAIGNS]) {
    const [branchCode, period] = campaignId.split("#");
    await doc.send(
      new PutCommand({
        TableName: tables.campaigns,
        Item: { campaignId, branchCode, period, status: "COMPLETED", expiresAt: 1_900_000_000 },
      }),
    );
  }
  const expired = { caseId: caseIdOf(EXPIRED_CASE_CAMPAIGN, ERASED_ID), campaignId: EXPIRED_CASE_CAMPAIGN };
  await interactions.record(
    interactionFor(
      { ...expired, participantId: ERASED_ID, branchCode: "GORONTALO" },
      "CASE_CLOSED",
      new Date("2026-09-30T16:00:00Z"),
      "close",
      {
        detail: { closeReason: "UNREACHABLE" },
      },
    ),
  );
  const payments = new DynamoPaymentStore(doc, tables);
  const deps = (iso: string) => ({ payments, branches: BRANCHES, clock: clockAt(iso) });
  // Applied to the November case: it closes as PAID, its promise KEPT.
  const paid = await applyPayment(deps("2026-11-16T03:00:00Z"), {
    paymentId: "pay-applied",
    participantId: ERASED_ID,
    amount: DUE,
    paidAt: "2026-11-16T09:00:00+07:00",
    channel: "BANK",
  });
  if (paid.status !== "applied") throw new Error(`payment not applied: ${paid.status}`);
  // Sent with a typo, parked, then assigned to the participant by a supervisor.
  await applyPayment(deps("2026-11-17T03:00:00Z"), {
    paymentId: "pay-typo",
    participantId: TYPO_ID,
    amount: 35_000,
    paidAt: "2026-11-17T09:00:00+07:00",
    channel: "ATM",
  });
  await assignPayment(deps("2026-11-17T04:00:00Z"), {
    paymentId: "pay-typo",
    participantId: ERASED_ID,
    by: "kabid",
    reason: "typo",
  });
  // Parked for the participant's card number (the case could not be credited more).
  await payments.storeUnmatched(
    {
      paymentId: "pay-parked",
      participantId: ERASED_ID,
      amount: 70_000,
      paidAt: "2026-11-18T02:00:00.000Z",
      paidAtAsSent: "2026-11-18T09:00:00+07:00",
      channel: "MINIMARKET",
      receivedAt: "2026-11-18T02:00:05.000Z",
      status: "UNMATCHED",
    },
    "CASE_PAID_LIMIT",
  );
  // Sent for the participant's card number, but meant for the bystander (assigned to them).
  await payments.storeUnmatched(
    {
      paymentId: "pay-meant-for-other",
      participantId: ERASED_ID,
      amount: 35_000,
      paidAt: "2026-11-18T03:00:00.000Z",
      paidAtAsSent: "2026-11-18T10:00:00+07:00",
      channel: "POS",
      receivedAt: "2026-11-18T03:00:05.000Z",
      status: "UNMATCHED",
    },
    "UNKNOWN_PARTICIPANT",
  );
  await assignPayment(deps("2026-11-18T04:00:00Z"), {
    paymentId: "pay-meant-for-other",
    participantId: BYSTANDER_ID,
    by: "kabid",
    reason: "sent with the husband's card number",
  });
  // A call of each on November's agent roster (limits table), as a dialer reserves it.
  const roster = new DynamoAgentRoster(doc, tables.limits, clockAt("2026-11-19T01:00:00Z"));
  await roster.ensure(CAMPAIGNS[1]);
  for (const participantId of [ERASED_ID, BYSTANDER_ID]) {
    await roster.reserve(
      CAMPAIGNS[1],
      { participantId, attempt: 2, startedAt: "2026-11-19T01:00:00.000Z" },
      5,
    );
  }
  // A WhatsApp reminder to each, the erased one's reply, and what was learned about both.
  const messages = new DynamoMessageStore(doc, tables.messages);
  const profiles = new DynamoProfileStore(doc, tables.profiles);
  for (const [p, phone] of [
    [erased, PHONE],
    [bystander, "+6281298765432"],
  ] as const) {
    const c = openCase(
      p,
      classification,
      { branchCode: "GORONTALO", period: "2026-11" },
      new Date("2026-11-01T01:00:00Z"),
    );
    const sentAt = "2026-11-02T02:00:00.000Z";
    await messages.recordSent({
      messageId: messageIdOf(`${c.caseId}#REMINDER#1`),
      channel: "WHATSAPP",
      purpose: "REMINDER",
      campaignId: c.campaignId,
      participantId: p.participantId,
      caseId: c.caseId,
      branchCode: c.branchCode,
      phone,
      wave: "1",
      sentAt,
      status: "READ",
      statusAt: "2026-11-02T02:10:00.000Z",
      lastInboundAt: "2026-11-02T02:20:00.000Z",
    });
    await profiles.update(p.participantId, (profile) =>
      profileAfterStatus(
        profile,
        { participantId: p.participantId, phone, status: "READ", at: sentAt },
        {
          unreachableAfterFailures: 2,
        },
      ),
    );
    if (p === erased) {
      await interactions.record(
        interactionFor(c, "WHATSAPP_REPLY", new Date("2026-11-02T02:20:00Z"), "wamid.reply", {
          detail: {
            channel: "WHATSAPP",
            phone: maskPhone(PHONE),
            reply: "TEXT",
            text: redactFreeText(`Saya ${NAME}, nomor saya 0852 1111 2222`),
          },
        }),
      );
    }
  }
  // Both handed to a kader in November: the worklist line copies name and address.
  const handedOff = new Date("2026-11-20T10:00:00Z");
  const lines = [erased, bystander].map((p) =>
    worklistLine(
      {
        case: openCase(p, classification, { branchCode: "GORONTALO", period: "2026-11" }, handedOff),
        reason: "NO_ANSWER_ALL_ATTEMPTS",
        kaderId: "GTO-K03",
      },
      p,
      { now: handedOff, week: "2026-W47" },
    ),
  );
  await new DynamoKaderWorklistStore(doc, tables.kader, 180).addLines(CAMPAIGNS[1], lines, [], handedOff);
  // Issue 16: a lasting status (profile + its audit record) and a kader's visit result for each.
  const results = new DynamoKaderResultStore(doc, tables);
  for (const [p, phone] of [
    [erased, PHONE],
    [bystander, "+6281298765432"],
  ] as const) {
    const at = "2026-11-20T03:00:00.000Z";
    await setParticipantStatus(
      { profiles, audit: new DynamoParticipantAuditStore(doc, tables.audit) },
      p.participantId,
      [{ kind: "NUMBER", phone, status: "CONFIRMED" }],
      { setBy: "kader:GTO-K01", at, source: "KADER", why: "PHONE_UPDATED" },
    );
    await results.put({
      kaderId: "GTO-K01",
      participantId: p.participantId,
      visitedAt: at,
      outcome: "PHONE_UPDATED",
      newPhone: phone,
      text: `Bertemu ${p.name} di rumah`,
      branchCode: "GORONTALO",
      applied: "APPLIED",
      receivedAt: at,
      receivedBy: "cli:test",
    });
  }
  // An access record naming the participant, and a branch action that does not.
  await doc.send(
    new PutCommand({
      TableName: tables.audit,
      Item: {
        scope: `ACCESS#${ERASED_ID}`,
        recordKey: "2026-11-19T01:00:00.000Z#req-1",
        username: "kabid",
        participantId: ERASED_ID,
        why: "complaint",
        expiresAt: 1_900_000_000,
      },
    }),
  );
  await doc.send(
    new PutCommand({
      TableName: tables.audit,
      Item: {
        scope: "BRANCH#GORONTALO",
        recordKey: "2026-11-19T02:00:00.000Z#req-2",
        username: "kabid",
        action: "campaign.report",
        target: "2026-11",
        expiresAt: 1_900_000_000,
      },
    }),
  );
}

/** Every item of every table (ALL_TABLES: a table added later is scanned too). */
export async function scanAll(
  doc: Doc,
  tables: TableNames,
): Promise<Record<string, Record<string, unknown>[]>> {
  const all: Record<string, Record<string, unknown>[]> = {};
  for (const schema of ALL_TABLES) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await doc.send(
        new ScanCommand({ TableName: tables[schema.name], ExclusiveStartKey: start, ConsistentRead: true }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    all[schema.name] = items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return all;
}

/** Every place an identifier of the erased participant is still found: `<table>: <identifier>`. */
export function identifiersFound(all: Record<string, Record<string, unknown>[]>): string[] {
  return Object.entries(all).flatMap(([table, items]) =>
    items.flatMap((item) => {
      const text = JSON.stringify(item);
      return IDENTIFIERS.filter((id) => text.includes(id)).map((id) => `${table}: ${id}`);
    }),
  );
}
