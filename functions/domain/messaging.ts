import { createHash } from "node:crypto";
import type { PhoneType } from "./participant";
import {
  CALLBACK_WINDOWS,
  type CallbackWindowCode,
  QUICK_REPLIES,
  QUICK_REPLY_CODES,
  type QuickReply,
} from "./quick-replies";

export {
  CALLBACK_WINDOWS,
  type CallbackWindowCode,
  QUICK_REPLIES,
  QUICK_REPLY_CODES,
  type QuickReply,
} from "./quick-replies";

import { type ParticipantStatuses, statusesOf } from "./participant-statuses";

/*
 * Messages to participants over two channels: WhatsApp first where the number is likely on
 * WhatsApp, SMS otherwise or when WhatsApp fails. Pure rules: which channel, what a status or a
 * reply means, the cap across channels. What we learn about a number lasts across campaigns
 * (ChannelProfile, kept in the profiles table).
 */

export const MESSAGE_CHANNELS = ["WHATSAPP", "SMS"] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** Why a message goes: the campaign's reminder (REMINDER_AGAIN: once more, unread), or a follow-up at a moment that matters. */
/** CALL_INFO: what the participant asked for during a call (how to pay, REHAB, autodebet). */
/** REPLY: a free-form answer inside the 24-hour window (REHAB steps, an acknowledgement). */
export const MESSAGE_PURPOSES = [
  "REMINDER",
  "REMINDER_AGAIN",
  "DUE_SOON",
  "REHAB_INSTALMENT",
  "PROMISE_EVE",
  "MISSED_CALL",
  "THANK_YOU",
  "CALL_INFO",
  "REPLY",
] as const;
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number];

/** A WhatsApp message's state as Meta reports it (sent, delivered, read, failed). */
export const WHATSAPP_STATUSES = ["SENT", "DELIVERED", "READ", "FAILED"] as const;
export type WhatsAppStatus = (typeof WHATSAPP_STATUSES)[number];

const STATUS_RANK: Record<WhatsAppStatus, number> = { SENT: 1, DELIVERED: 2, READ: 3, FAILED: 2 };

/**
 * The status after `incoming`, or undefined when it changes nothing. Events are unordered: a late
 * SENT after READ changes nothing; FAILED counts only before delivery (a delivered message did not fail).
 */
export function nextWhatsAppStatus(
  current: WhatsAppStatus | undefined,
  incoming: WhatsAppStatus,
): WhatsAppStatus | undefined {
  if (!current) return incoming;
  if (current === incoming || current === "FAILED") return undefined;
  if (incoming === "FAILED") return current === "SENT" ? "FAILED" : undefined;
  return STATUS_RANK[incoming] > STATUS_RANK[current] ? incoming : undefined;
}

/** What a button carries back: our message id and the choice, so a reply finds its message. */
export type ButtonChoice =
  | { kind: "QUICK_REPLY"; reply: QuickReply }
  | { kind: "CALLBACK_WINDOW"; window: CallbackWindowCode };

export const buttonPayload = (messageId: string, choice: ButtonChoice): string =>
  `${messageId}:${choice.kind === "QUICK_REPLY" ? choice.reply : `WINDOW_${choice.window}`}`;

/** Reads a button payload back; undefined when it is not one of ours. */
export function parseButtonPayload(payload: string): { messageId: string; choice: ButtonChoice } | undefined {
  const at = payload.lastIndexOf(":");
  if (at <= 0) return undefined;
  const messageId = payload.slice(0, at);
  const code = payload.slice(at + 1);
  if (!MESSAGE_ID.test(messageId)) return undefined;
  if (code in QUICK_REPLIES) return { messageId, choice: { kind: "QUICK_REPLY", reply: code as QuickReply } };
  const window = code.startsWith("WINDOW_") ? code.slice("WINDOW_".length) : "";
  if (window in CALLBACK_WINDOWS)
    return { messageId, choice: { kind: "CALLBACK_WINDOW", window: window as CallbackWindowCode } };
  return undefined;
}

/** Free text that is one of the buttons' words (any case, spaces trimmed) counts as that reply. */
export function quickReplyOfText(text: string): QuickReply | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, " ");
  return QUICK_REPLY_CODES.find((code) => QUICK_REPLIES[code].toLowerCase() === t);
}

const MESSAGE_ID = /^m-[0-9a-f]{24}$/;

/**
 * Our id of an outbound message, from its dedupe key (campaign, case, purpose, occasion): the
 * same message gets the same id on every retry. It travels with the message (WhatsApp's
 * biz_opaque_callback_data and button payloads), so events find it without Meta's id.
 */
export function messageIdOf(messageKey: string): string {
  return `m-${createHash("sha256").update(messageKey).digest("hex").slice(0, 24)}`;
}

export const isMessageId = (id: string) => MESSAGE_ID.test(id);

/** The id of a wave's WhatsApp reminder to a case ("1": the first wave). */
export const reminderMessageId = (caseId: string, waveKey: string) =>
  messageIdOf(`${caseId}#REMINDER#${waveKey}`);

/** A number's digest: the profile knows which number its knowledge is about without holding it. */
export function numberDigest(e164: string): string {
  return createHash("sha256").update(e164).digest("hex").slice(0, 16);
}

/** What we know about a participant's WhatsApp on a number. */
export type WhatsAppReach = "UNKNOWN" | "REACHABLE" | "UNREACHABLE" | "OPTED_OUT";

/**
 * What the system has learned about reaching a participant; it lasts across campaigns. Its
 * lasting statuses (do not contact, deceased, REHAB plan...) are participant-status.ts's.
 */
export interface ChannelProfile extends ParticipantStatuses {
  participantId: string;
  /** numberDigest of the number the WhatsApp knowledge is about; another number starts UNKNOWN. */
  numberDigest?: string;
  whatsapp: WhatsAppReach;
  /** Consecutive failed WhatsApp messages on that number. */
  whatsappFailures: number;
  lastDeliveredAt?: string;
  lastReadAt?: string;
  /** "Berhenti": no more WhatsApp, SMS only (kept whatever the number). */
  optedOutAt?: string;
  updatedAt: string;
}

export interface WhatsAppSettings {
  enabled: boolean;
  /** SMS goes when the WhatsApp reminder is not delivered within this time. */
  fallbackAfterMinutes: number;
  /** Consecutive failures on a number after which it counts as not on WhatsApp. */
  unreachableAfterFailures: number;
}

/** The reach on `phone`: knowledge about another number does not apply, an opt-out always does. */
export function reachOn(profile: ChannelProfile | undefined, phone: string): WhatsAppReach {
  if (!profile) return "UNKNOWN";
  if (profile.optedOutAt) return "OPTED_OUT";
  return profile.numberDigest === numberDigest(phone) ? profile.whatsapp : "UNKNOWN";
}

/**
 * The channel of a message to this case: WhatsApp where the deployment has it, the strategy
 * allows it, the number is a mobile and not known to be off WhatsApp or opted out; SMS otherwise.
 * Undefined when there is no mobile to message at all.
 */
export function messageChannel(
  recipient: { phone?: string; phoneType?: PhoneType },
  profile: ChannelProfile | undefined,
  whatsapp: WhatsAppSettings & { available: boolean },
): MessageChannel | undefined {
  if (!recipient.phone || recipient.phoneType !== "MOBILE") return undefined;
  if (!whatsapp.available || !whatsapp.enabled) return "SMS";
  // A participant who said they prefer SMS gets SMS; a WhatsApp preference is the default anyway.
  // CALL and VISIT choose no channel: they decide which messages go (participant-status.ts).
  if (profile?.preferredChannel === "SMS") return "SMS";
  const reach = reachOn(profile, recipient.phone);
  return reach === "UNREACHABLE" || reach === "OPTED_OUT" ? "SMS" : "WHATSAPP";
}

/**
 * The channel of information the participant asked for in a call: it must arrive, and a WhatsApp
 * message to a number not on WhatsApp fails only later, by status. So WhatsApp only on a number
 * proven to have it; SMS otherwise.
 */
export function askedInfoChannel(
  recipient: { phone?: string; phoneType?: PhoneType },
  profile: ChannelProfile | undefined,
  whatsapp: WhatsAppSettings & { available: boolean },
): MessageChannel | undefined {
  const channel = messageChannel(recipient, profile, whatsapp);
  if (channel !== "WHATSAPP") return channel;
  return reachOn(profile, recipient.phone ?? "") === "REACHABLE" ? "WHATSAPP" : "SMS";
}

/** The profile after a WhatsApp status on `phone` (a new profile when there was none). */
export function profileAfterStatus(
  profile: ChannelProfile | undefined,
  event: { participantId: string; phone: string; status: WhatsAppStatus; at: string },
  settings: Pick<WhatsAppSettings, "unreachableAfterFailures">,
): ChannelProfile {
  const digest = numberDigest(event.phone);
  const base: ChannelProfile =
    profile && profile.numberDigest === digest
      ? profile
      : {
          participantId: event.participantId,
          numberDigest: digest,
          whatsapp: "UNKNOWN",
          whatsappFailures: 0,
          ...(profile?.optedOutAt ? { optedOutAt: profile.optedOutAt } : {}),
          ...statusesOf(profile),
          updatedAt: event.at,
        };
  const next: ChannelProfile = { ...base, updatedAt: event.at };
  if (event.status === "DELIVERED" || event.status === "READ") {
    next.whatsapp = "REACHABLE";
    next.whatsappFailures = 0;
    next.lastDeliveredAt = event.at;
    if (event.status === "READ") next.lastReadAt = event.at;
  } else if (event.status === "FAILED") {
    next.whatsappFailures = base.whatsappFailures + 1;
    if (next.whatsappFailures >= settings.unreachableAfterFailures) next.whatsapp = "UNREACHABLE";
  }
  return next;
}

/** The profile after "Berhenti": SMS only from now on. */
export function profileAfterOptOut(
  profile: ChannelProfile | undefined,
  participantId: string,
  at: string,
): ChannelProfile {
  return {
    ...(profile ?? { participantId, whatsapp: "UNKNOWN", whatsappFailures: 0 }),
    whatsapp: "OPTED_OUT",
    optedOutAt: at,
    updatedAt: at,
  };
}

export interface MessageCap {
  perWeek: number;
  perCampaign: number;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Whether one more message may go now, given when this campaign's earlier messages to the case
 * went (every channel; a fallback SMS is the same message as the WhatsApp it replaces).
 */
export function underMessageCap(sentAt: readonly string[], now: Date, cap: MessageCap): boolean {
  if (sentAt.length >= cap.perCampaign) return false;
  const weekAgo = now.getTime() - WEEK_MS;
  return sentAt.filter((at) => Date.parse(at) > weekAgo).length < cap.perWeek;
}
