import { describe, expect, it } from "vitest";
import { channelFigures } from "../../../../functions/domain/report/channels";
import type { ReportEvent } from "../../../../functions/domain/report/events";

const e = (kind: string, participantId: string, minute: number, amount?: number): ReportEvent => ({
  kind,
  participantId,
  at: new Date(Date.UTC(2026, 10, 11, 1, minute)).toISOString(),
  ...(amount ? { amount } : {}),
});

describe("messages per channel", () => {
  it("counts what went, what WhatsApp reports of it, and credits a payment to the last message before it", () => {
    const figures = channelFigures([
      e("WHATSAPP_SENT", "A", 0),
      e("WHATSAPP_DELIVERED", "A", 1),
      e("WHATSAPP_READ", "A", 2),
      e("WHATSAPP_REPLY", "A", 3),
      e("PAYMENT_APPLIED", "A", 30, 200_000),
      e("WHATSAPP_SENT", "B", 0),
      e("WHATSAPP_FAILED", "B", 1),
      e("SMS_SENT", "B", 400),
      e("PAYMENT_APPLIED", "B", 500, 70_000),
      e("SMS_SENT", "C", 0),
      e("SMS_FAILED", "D", 0),
      e("PAYMENT_APPLIED", "E", 5, 35_000),
    ]);
    expect(figures).toEqual([
      {
        channel: "WHATSAPP",
        sent: 2,
        dueSoon: 0,
        rehabInstalment: 0,
        reminderAgain: 0,
        delivered: 1,
        read: 1,
        replied: 1,
        failed: 1,
        paymentsAfter: 1,
        amountAfter: 200_000,
      },
      {
        channel: "SMS",
        sent: 2,
        dueSoon: 0,
        rehabInstalment: 0,
        reminderAgain: 0,
        delivered: 0,
        read: 0,
        replied: 0,
        failed: 1,
        paymentsAfter: 1,
        amountAfter: 70_000,
      },
    ]);
  });

  it("counts the due-soon reminders among the messages each channel sent", () => {
    const dueSoon = (kind: string, participantId: string) => ({
      ...e(kind, participantId, 0),
      detail: { followUp: "DUE_SOON", occasion: "2026-12-10" },
    });
    const [whatsapp, sms] = channelFigures([
      dueSoon("WHATSAPP_SENT", "A"),
      dueSoon("SMS_SENT", "B"),
      e("SMS_SENT", "C", 0),
    ]);
    expect(whatsapp).toMatchObject({ sent: 1, dueSoon: 1 });
    expect(sms).toMatchObject({ sent: 2, dueSoon: 1 });
  });

  it("counts the REHAB instalment reminders apart from the due-soon ones", () => {
    const instalment = (kind: string, participantId: string) => ({
      ...e(kind, participantId, 0),
      detail: { followUp: "REHAB_INSTALMENT", occasion: "2026-12-10" },
    });
    const [whatsapp, sms] = channelFigures([
      instalment("WHATSAPP_SENT", "A"),
      instalment("WHATSAPP_SENT", "B"),
      instalment("SMS_SENT", "C"),
      e("SMS_SENT", "D", 0),
    ]);
    expect(whatsapp).toMatchObject({ sent: 2, dueSoon: 0, rehabInstalment: 2 });
    expect(sms).toMatchObject({ sent: 2, dueSoon: 0, rehabInstalment: 1 });
  });

  it("counts the reminders sent again when unread, by WhatsApp", () => {
    const again = { ...e("WHATSAPP_SENT", "A", 200), detail: { followUp: "REMINDER_AGAIN", occasion: "1" } };
    const [whatsapp, sms] = channelFigures([e("WHATSAPP_SENT", "A", 0), again, e("SMS_SENT", "B", 0)]);
    expect(whatsapp).toMatchObject({ sent: 2, reminderAgain: 1, dueSoon: 0, rehabInstalment: 0 });
    expect(sms).toMatchObject({ sent: 1, reminderAgain: 0 });
  });

  it("leaves out the statuses of the answers to a participant's reply", () => {
    const answer = { ...e("WHATSAPP_READ", "A", 5), detail: { purpose: "REPLY" } };
    const [whatsapp] = channelFigures([e("WHATSAPP_SENT", "A", 0), answer]);
    expect(whatsapp).toMatchObject({ sent: 1, delivered: 0, read: 0 });
  });

  it("counts a read message as delivered when its delivered status never came", () => {
    const [whatsapp] = channelFigures([e("WHATSAPP_SENT", "A", 0), e("WHATSAPP_READ", "A", 2)]);
    expect(whatsapp).toMatchObject({ delivered: 1, read: 1 });
  });
});
