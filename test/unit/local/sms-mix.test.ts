import { describe, expect, it } from "vitest";
import { reminderMessageId } from "../../../functions/domain/messaging";
import {
  fallbackSegmentsByCause,
  followUpFallbackSegments,
  reminderMessaging,
  smsKindOf,
  smsSegmentsByKind,
} from "../../../local/sms-mix";

const CASE = "GORONTALO#2026-11#0000217761822";

describe("what a run's SMS were for", () => {
  it("tells the reminder from its fallback, follow-ups, due-soon and details asked for", () => {
    expect(smsKindOf(`${CASE}#wave1`)).toBe("REMINDER");
    expect(smsKindOf(`${CASE}#wave1F`)).toBe("REMINDER_FALLBACK");
    expect(smsKindOf(`${CASE}#PROMISE_EVE#2026-11-20`)).toBe("FOLLOW_UP");
    expect(smsKindOf(`${CASE}#THANK_YOU#PAID`)).toBe("FOLLOW_UP");
    expect(smsKindOf(`GORONTALO#2026-11#DUE_SOON#0000217761822#DUE_SOON#2026-12-10`)).toBe("DUE_SOON");
    expect(smsKindOf(`${CASE}#CALL_INFO#PAYMENT#contact#c54e6345`)).toBe("ASKED_DETAILS");
  });

  it("adds up segments per kind, every kind present", () => {
    expect(
      smsSegmentsByKind([
        { messageKey: `${CASE}#wave1F`, segments: 2 },
        { messageKey: `${CASE}#wave1F`, segments: 2 },
        { messageKey: `${CASE}#MISSED_CALL#2026-11-12`, segments: 1 },
      ]),
    ).toEqual({ REMINDER: 0, REMINDER_FALLBACK: 4, FOLLOW_UP: 1, DUE_SOON: 0, ASKED_DETAILS: 0 });
  });

  it("adds up the follow-ups' SMS that replaced a failed WhatsApp, and nothing else", () => {
    expect(
      followUpFallbackSegments([
        { messageKey: `${CASE}#THANK_YOU#PAID#F`, segments: 2 },
        { messageKey: `${CASE}#CALL_INFO#PAYMENT#contact#c54e6345#F`, segments: 2 },
        { messageKey: `${CASE}#MISSED_CALL#2026-11-12`, segments: 1 },
        { messageKey: `${CASE}#wave1F`, segments: 2 },
      ]),
    ).toBe(4);
  });

  it("tells why each fallback SMS went from what became of the WhatsApp reminder it replaced", () => {
    const caseOf = (n: string) => `GORONTALO#2026-11#000021776182${n}`;
    const reminder = (n: string, ...statuses: ("SENT" | "DELIVERED" | "READ" | "FAILED")[]) => ({
      messageId: reminderMessageId(caseOf(n), "1"),
      statuses: statuses.map((status) => ({ status, at: "2026-11-13T08:00:00.000Z" })),
    });
    const fallback = (n: string) => ({ caseId: caseOf(n), messageKey: `${caseOf(n)}#wave1F`, segments: 2 });
    expect(
      fallbackSegmentsByCause(
        [
          fallback("1"),
          fallback("2"),
          fallback("3"),
          fallback("4"),
          // The reminder itself by SMS, and a follow-up: no fallback.
          { caseId: caseOf("5"), messageKey: `${caseOf("5")}#wave1`, segments: 2 },
          { caseId: caseOf("1"), messageKey: `${caseOf("1")}#MISSED_CALL#2026-11-14`, segments: 1 },
        ],
        [reminder("1", "FAILED"), reminder("2", "SENT", "DELIVERED", "READ"), reminder("3", "SENT")],
      ),
    ).toEqual({ WHATSAPP_FAILED: 2, DELIVERED_LATE: 2, NOT_DELIVERED: 4 });
  });

  it("counts the reminder alone: its SMS at once and as fallback, its WhatsApp templates and the replies to them", () => {
    const status = (...statuses: ("SENT" | "DELIVERED" | "READ" | "FAILED")[]) =>
      statuses.map((s) => ({ status: s, at: "2026-11-13T08:00:00.000Z" }));
    expect(
      reminderMessaging(
        [
          { messageKey: `${CASE}#wave1`, segments: 2 },
          { messageKey: `${CASE}#wave1F`, segments: 2 },
          { messageKey: `${CASE}#MISSED_CALL#2026-11-14`, segments: 2 },
        ],
        [
          {
            template: "telecollect_pengingat",
            statuses: status("SENT", "DELIVERED", "READ"),
            reply: { at: "2026-11-13T09:00:00.000Z", button: "Sudah bayar" },
          },
          { template: "telecollect_pengingat_rehab", statuses: status("SENT", "DELIVERED") },
          { template: "telecollect_pengingat", statuses: status("FAILED") },
          // A missed-call notice and a free-form answer are not the reminder.
          { template: "telecollect_panggilan_tak_terjawab", statuses: status("SENT", "DELIVERED") },
          { statuses: status("SENT") },
        ],
      ),
    ).toEqual({ smsSegments: 4, whatsappTemplatesDelivered: 2, whatsappMessages: 4 });
  });
});
