import { describe, expect, it } from "vitest";
import type { Case, SmsWaveState } from "../../../functions/domain/case";
import { followUpSmsText } from "../../../functions/domain/follow-up-sms";
import {
  countsInCap,
  followUpKey,
  followUpSkip,
  reminderAgainFollowUp,
  scheduledFollowUp,
  templateOccasionOf,
  whatsappOnly,
} from "../../../functions/domain/follow-ups";
import { TemplateError } from "../../../functions/domain/sms-template";
import { parseStrategy } from "../../../functions/domain/strategy";
import { templateMessage } from "../../../functions/domain/whatsapp-templates";
import { caseOf, WIB } from "../../fixtures/dialing";
import { tenAmWib } from "../../fixtures/follow-up-context";

/** The wave's WhatsApp reminder, delivered on Wednesday 11 November 2026 at 18:30 WIB. */
const delivered: SmsWaveState = {
  status: "SENT",
  at: "2026-11-11T11:00:00Z",
  attempts: 1,
  channel: "WHATSAPP",
  delivery: "DELIVERED",
  deliveryAt: "2026-11-11T11:30:00Z",
};
const unread = (overrides: Partial<Case> = {}, wave: Partial<SmsWaveState> = {}): Case =>
  caseOf(WIB, { sms: { "1": { ...delivered, ...wave } }, ...overrides });
const AGAIN = { purpose: "REMINDER_AGAIN", occasion: "1" } as const;

describe("the reminder sent again when unread", () => {
  it("is owed seven local days after the WhatsApp reminder was delivered and not read, and after", () => {
    expect(scheduledFollowUp(unread(), tenAmWib("2026-11-17"))).toBeUndefined();
    expect(scheduledFollowUp(unread(), tenAmWib("2026-11-18"))).toEqual(AGAIN);
    expect(scheduledFollowUp(unread(), tenAmWib("2026-11-30"))).toEqual(AGAIN);
    expect(parseStrategy({}).messaging.followUps.reminderAgain).toEqual({ enabled: true, afterDays: 7 });
  });

  it("counts days in the branch's zone: delivered at 23:30 WIB is that day, not the next", () => {
    const late = unread({}, { deliveryAt: "2026-11-11T16:30:00Z" });
    expect(reminderAgainFollowUp(late, tenAmWib("2026-11-18"))).toEqual(AGAIN);
    const s = { messaging: { followUps: { reminderAgain: { afterDays: 3 } } } };
    expect(reminderAgainFollowUp(late, tenAmWib("2026-11-13", s))).toBeUndefined();
    expect(reminderAgainFollowUp(late, tenAmWib("2026-11-14", s))).toEqual(AGAIN);
  });

  it("is owed to no reminder read, failed, still on its way, or sent by SMS", () => {
    const now = tenAmWib("2026-11-20");
    expect(reminderAgainFollowUp(unread({}, { delivery: "READ" }), now)).toBeUndefined();
    expect(reminderAgainFollowUp(unread({}, { delivery: "FAILED" }), now)).toBeUndefined();
    expect(
      reminderAgainFollowUp(unread({}, { delivery: "SENT", deliveryAt: undefined }), now),
    ).toBeUndefined();
    expect(reminderAgainFollowUp(unread({}, { channel: "SMS", delivery: undefined }), now)).toBeUndefined();
    expect(reminderAgainFollowUp(caseOf(WIB), now)).toBeUndefined();
  });

  it("is owed to no case with a payment, a promise, an agent's conversation or a hold, nor a closed one", () => {
    const now = tenAmWib("2026-11-20");
    const promise = {
      amount: 280_000,
      date: "2026-11-25",
      status: "PENDING",
      agentId: "a-1",
      recordedAt: "2026-11-16T03:00:00Z",
    } as const;
    expect(reminderAgainFollowUp(unread({ amountPaid: 35_000 }), now)).toBeUndefined();
    expect(reminderAgainFollowUp(unread({ promise }), now)).toBeUndefined();
    expect(reminderAgainFollowUp(unread({ promise: { ...promise, status: "BROKEN" } }), now)).toBeUndefined();
    expect(reminderAgainFollowUp(unread({ contacted: true }), now)).toBeUndefined();
    expect(reminderAgainFollowUp(unread({ hold: { kind: "PREFERS_CALL" } }), now)).toBeUndefined();
    expect(reminderAgainFollowUp(unread({ status: "CLOSED", closeReason: "DECEASED" }), now)).toBeUndefined();
    expect(scheduledFollowUp(unread({ status: "PAID", amountPaid: 280_000 }), now)?.purpose).toBe(
      "THANK_YOU",
    );
  });

  it("goes once, when enabled, under the cap, by WhatsApp only, with the reminder's own template", () => {
    const now = tenAmWib("2026-11-20");
    expect(followUpKey(AGAIN)).toBe("REMINDER_AGAIN#1");
    expect(followUpSkip(unread(), AGAIN, now)).toBeUndefined();
    const sent = unread({ followUps: { "REMINDER_AGAIN#1": { status: "SENT", at: "x" } } });
    expect(followUpSkip(sent, AGAIN, now)).toBe("ALREADY");
    const off = { messaging: { followUps: { reminderAgain: { enabled: false } } } };
    expect(followUpSkip(unread(), AGAIN, tenAmWib("2026-11-20", off))).toBe("DISABLED");
    const capped = unread({ messageTimes: ["2026-11-17T03:00:00Z", "2026-11-19T03:00:00Z"] });
    expect(followUpSkip(capped, AGAIN, now)).toBe("CAP_REACHED");
    expect(countsInCap(AGAIN)).toBe(true);
    expect(whatsappOnly(AGAIN)).toBe(true);
    expect(whatsappOnly({ purpose: "MISSED_CALL", occasion: "2026-11-20" })).toBe(false);
    const c = unread();
    expect(templateOccasionOf(c, AGAIN)).toEqual({ purpose: "REMINDER" });
    expect(templateMessage(c, templateOccasionOf(c, AGAIN))).toEqual(
      templateMessage(c, { purpose: "REMINDER" }),
    );
    expect(() => followUpSmsText(c, AGAIN)).toThrow(TemplateError);
  });
});
