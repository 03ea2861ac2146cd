/**
 * The report's messages per channel: how many went, what became of them (WhatsApp reports
 * delivery, reading and replies; SMS only that it went), and the payments that followed them.
 */
import type { MessageChannel } from "../messaging";
import type { ReportEvent } from "./events";

export interface ChannelFigures {
  channel: MessageChannel;
  /** Messages sent (reminders, fallbacks and follow-ups), not cases. */
  sent: number;
  /** Of them, due-soon reminders to participants a month behind (not cases of the campaign). */
  dueSoon: number;
  /** Of them, instalment reminders to cases on a REHAB plan (never called, no debt reminder). */
  rehabInstalment: number;
  /** Of them, reminders sent once more because the first, delivered on WhatsApp, was not read. */
  reminderAgain: number;
  /** WhatsApp: messages delivered (read ones included); SMS: unknown, 0. */
  delivered: number;
  read: number;
  /** Replies received (buttons and text). */
  replied: number;
  /** Sends refused for good, and WhatsApp messages that failed after they went. */
  failed: number;
  /** Payments whose last message before them went by this channel, and their amount. */
  paymentsAfter: number;
  amountAfter: number;
}

const SENT: Record<string, MessageChannel> = { SMS_SENT: "SMS", WHATSAPP_SENT: "WHATSAPP" };
const FAILED: Record<string, MessageChannel> = { SMS_FAILED: "SMS", WHATSAPP_FAILED: "WHATSAPP" };

export function channelFigures(events: readonly ReportEvent[]): ChannelFigures[] {
  const figures = new Map<MessageChannel, ChannelFigures>(
    (["WHATSAPP", "SMS"] as const).map((channel) => [
      channel,
      {
        channel,
        sent: 0,
        dueSoon: 0,
        rehabInstalment: 0,
        reminderAgain: 0,
        delivered: 0,
        read: 0,
        replied: 0,
        failed: 0,
        paymentsAfter: 0,
        amountAfter: 0,
      },
    ]),
  );
  const of = (channel: MessageChannel) => figures.get(channel) as ChannelFigures;
  const lastMessage = new Map<string, MessageChannel>();
  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at));
  for (const e of ordered) {
    // The answers to a participant's own reply are not messages we sent them: not counted.
    if (e.detail?.purpose === "REPLY") continue;
    const sent = SENT[e.kind];
    if (sent) {
      of(sent).sent++;
      if (e.detail?.followUp === "DUE_SOON") of(sent).dueSoon++;
      if (e.detail?.followUp === "REHAB_INSTALMENT") of(sent).rehabInstalment++;
      if (e.detail?.followUp === "REMINDER_AGAIN") of(sent).reminderAgain++;
      lastMessage.set(e.participantId, sent);
    } else if (FAILED[e.kind]) {
      of(FAILED[e.kind] as MessageChannel).failed++;
    } else if (e.kind === "WHATSAPP_DELIVERED") {
      of("WHATSAPP").delivered++;
    } else if (e.kind === "WHATSAPP_READ") {
      // Read implies delivered, whether or not the delivered status arrived (events are unordered).
      of("WHATSAPP").read++;
    } else if (e.kind === "WHATSAPP_REPLY") {
      of("WHATSAPP").replied++;
    } else if (e.kind === "PAYMENT_APPLIED") {
      const channel = lastMessage.get(e.participantId);
      if (!channel) continue;
      of(channel).paymentsAfter++;
      of(channel).amountAfter += e.amount ?? 0;
    }
  }
  const whatsapp = of("WHATSAPP");
  whatsapp.delivered = Math.max(whatsapp.delivered, whatsapp.read);
  return [...figures.values()];
}
