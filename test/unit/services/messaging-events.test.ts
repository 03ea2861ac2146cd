import { describe, expect, it } from "vitest";
import type { WhatsAppSender, WhatsAppTextMessage } from "../../../functions/channels/whatsapp";
import { branchIndex } from "../../../functions/domain/branches";
import type { Case } from "../../../functions/domain/case";
import type { NewInteraction } from "../../../functions/domain/interaction";
import {
  buttonPayload,
  type ChannelProfile,
  messageIdOf,
  nextWhatsAppStatus,
  parseButtonPayload,
} from "../../../functions/domain/messaging";
import type { MessagingEvent } from "../../../functions/domain/whatsapp-events";
import {
  type MessagingEventsDeps,
  recordMessagingEvents,
} from "../../../functions/services/messaging-events";
import type { SentMessage } from "../../../functions/store/messages";
import { caseOf, WIB } from "../../fixtures/dialing";

const NOW = new Date("2026-11-16T03:00:00.000Z");
const c = caseOf(WIB, { phone: "+6281100000001" });
const reminder: SentMessage = {
  messageId: messageIdOf("reminder"),
  channel: "WHATSAPP",
  purpose: "REMINDER",
  campaignId: c.campaignId,
  participantId: c.participantId,
  caseId: c.caseId,
  branchCode: c.branchCode,
  phone: "+6281100000001",
  sentAt: "2026-11-16T01:00:00.000Z",
  status: "SENT",
  statusAt: "2026-11-16T01:00:00.000Z",
};

/** A failed reminder's SMS is tested on DynamoDB Local (test/integration): none is sent here. */
const noSms = async (): Promise<never> => {
  throw new Error("no SMS in these tests");
};

/** In-memory ports: what a use case run wrote, and what it logged. */
function world(options: { whatsapp?: boolean; queued?: boolean; noCase?: boolean } = {}) {
  const messages = new Map([[reminder.messageId, { ...reminder }]]);
  const recorded: NewInteraction[] = [];
  const texts: WhatsAppTextMessage[] = [];
  const logs: string[] = [];
  let profile: ChannelProfile | undefined;
  const whatsapp: WhatsAppSender = {
    sendTemplate: async () => ({ providerMessageId: "t" }),
    sendText: async (m) => {
      texts.push(m);
      return { providerMessageId: "x" };
    },
  };
  const deps: MessagingEventsDeps = {
    messages: {
      get: async (id) => messages.get(id),
      lastTo: async (phone) => [...messages.values()].filter((m) => m.phone === phone).at(-1),
      applyStatus: async (id, status, at) => {
        const m = messages.get(id);
        const next = m && nextWhatsAppStatus(m.status, status);
        if (!m || !next) return undefined;
        Object.assign(m, { status: next, statusAt: at });
        return m;
      },
      noteInbound: async () => undefined,
      recordSent: async (m) => void messages.set(m.messageId, m),
    },
    profiles: {
      update: async (_id, change) => {
        profile = change(profile);
        return profile;
      },
      get: async () => profile,
      getMany: async () => new Map(),
    },
    cases: { get: async () => (options.noCase ? undefined : (c as Case)) },
    caseReplies: {
      deferCall: async () => true,
      boost: async () => options.queued !== false,
      setCallback: async () => options.queued !== false,
    },
    caseSms: {
      markDelivery: async () => true,
      claim: noSms,
      markSent: noSms,
      markFailed: noSms,
      markSkipped: noSms,
      markOutcomeUnknown: noSms,
    },
    followUps: { claim: noSms, markSent: noSms, markFailed: noSms },
    dueSoon: { get: noSms, claim: noSms, markSent: noSms, markFailed: noSms },
    rateLimiter: { acquire: noSms },
    sms: { send: noSms },
    smsPerSecond: 20,
    whatsappPerSecond: 20,
    campaigns: { get: async () => undefined },
    interactions: {
      record: async (i) => {
        const dup = recorded.some((r) => r.kind === i.kind && r.at === i.at && r.dedupeKey === i.dedupeKey);
        if (!dup) recorded.push(i);
        return !dup;
      },
    },
    branches: branchIndex([WIB]),
    whatsapp: options.whatsapp === false ? undefined : whatsapp,
    clock: { now: () => NOW, sleepUntil: async () => undefined },
    log: { info: (m) => void logs.push(m), warn: (m) => void logs.push(m), error: (m) => void logs.push(m) },
  };
  return { deps, recorded, texts, logs, profile: () => profile };
}

const inbound = (extra: Partial<MessagingEvent & { kind: "INBOUND" }>): MessagingEvent => ({
  kind: "INBOUND",
  providerMessageId: "wamid.in",
  phone: "+6281100000001",
  at: "2026-11-16T02:59:00.000Z",
  ...extra,
});

describe("recordMessagingEvents", () => {
  it("drops a status of a message not ours (no callback data), logging no full number", async () => {
    const w = world();
    const out = await recordMessagingEvents(w.deps, [
      {
        kind: "STATUS",
        providerMessageId: "w",
        status: "READ",
        at: "2026-11-16T02:00:00.000Z",
        phone: "+6281100000001",
      },
    ]);
    expect(out).toEqual(["DROPPED"]);
    expect(w.recorded).toEqual([]);
    expect(JSON.stringify(w.logs)).not.toContain("6281100000001");
  });

  it("applies a failure with the default strategy when the campaign is gone", async () => {
    const w = world();
    const failed: MessagingEvent = {
      kind: "STATUS",
      providerMessageId: "w",
      messageId: reminder.messageId,
      status: "FAILED",
      at: "2026-11-16T02:00:00.000Z",
      errorCode: 131026,
    };
    expect(await recordMessagingEvents(w.deps, [failed, failed])).toEqual(["APPLIED", "UNCHANGED"]);
    expect(w.recorded.map((i) => [i.kind, i.detail?.errorCode])).toEqual([["WHATSAPP_FAILED", 131026]]);
    expect(w.profile()).toMatchObject({ whatsappFailures: 1, whatsapp: "UNKNOWN" });
  });

  it("records a reply but sends nothing where the deployment has no WhatsApp", async () => {
    const w = world({ whatsapp: false });
    const out = await recordMessagingEvents(w.deps, [inbound({ text: "Info REHAB" })]);
    expect(out).toEqual(["APPLIED"]);
    expect(w.recorded.map((i) => i.detail?.reply)).toEqual(["REHAB_INFO"]);
    expect(w.texts).toEqual([]);
  });

  it("promises no call on a case the dialer no longer calls", async () => {
    const w = world({ queued: false });
    const window = buttonPayload(reminder.messageId, { kind: "CALLBACK_WINDOW", window: "MORNING" });
    await recordMessagingEvents(w.deps, [
      inbound({ text: "Minta ditelepon" }),
      inbound({ providerMessageId: "wamid.w", button: parseButtonPayload(window) }),
    ]);
    expect(w.recorded.map((i) => i.detail?.reply)).toEqual(["CALL_ME", "WINDOW_MORNING"]);
    expect(w.texts).toEqual([]);
    const queued = world();
    await recordMessagingEvents(queued.deps, [inbound({ text: "Minta ditelepon" })]);
    expect(queued.texts).toHaveLength(1);
  });

  it("answers a message about no case (a due-soon reminder): Berhenti opts out, Sudah bayar is thanked, no call promised", async () => {
    const w = world({ noCase: true });
    await recordMessagingEvents(w.deps, [
      inbound({ text: "Minta ditelepon" }),
      inbound({ providerMessageId: "wamid.paid", text: "Sudah bayar" }),
      inbound({ providerMessageId: "wamid.stop", text: "Berhenti" }),
    ]);
    expect(w.recorded.map((i) => i.detail?.reply)).toEqual(["CALL_ME", "PAID", "STOP"]);
    expect(w.texts.map((t) => t.text.slice(0, 40))).toEqual([
      "Terima kasih atas informasinya, Bapak/Ib",
      expect.any(String),
    ]);
    expect(w.profile()).toMatchObject({ whatsapp: "OPTED_OUT", optedOutAt: "2026-11-16T02:59:00.000Z" });
  });

  it("keeps at most 500 characters of free text", async () => {
    const w = world();
    await recordMessagingEvents(w.deps, [inbound({ text: "a".repeat(900) })]);
    expect(String(w.recorded[0]?.detail?.text)).toHaveLength(500);
    expect(w.texts).toEqual([]);
  });
});
