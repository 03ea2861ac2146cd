import type { WhatsAppTextMessage } from "../channels/whatsapp";
import { WhatsAppSendError } from "../channels/whatsapp";
import { nextCallbackOpen } from "../domain/call-eligibility";
import { type Case, dialRank } from "../domain/case";
import { interactionFor } from "../domain/interaction";
import { maskPhone, redactFreeText } from "../domain/masking";
import {
  type ButtonChoice,
  CALLBACK_WINDOWS,
  type CallbackWindowCode,
  messageIdOf,
  profileAfterOptOut,
  quickReplyOfText,
} from "../domain/messaging";
import { DEFAULT_STRATEGY } from "../domain/strategy";
import type { MessagingEvent } from "../domain/whatsapp-events";
import {
  askCallbackWindowText,
  callbackConfirmedText,
  optedOutText,
  paymentReceivedText,
  paymentToBeCheckedText,
  rehabText,
} from "../domain/whatsapp-replies";
import type { SentMessage } from "../store/messages";
import type { MessagingEventOutcome, MessagingEventsDeps } from "./messaging-deps";

type Inbound = MessagingEvent & { kind: "INBOUND" };

/** Whom an answer is about: a case, or the message a reply answers when there is no case. */
type Addressee = Pick<Case, "campaignId" | "participantId" | "caseId" | "branchCode">;

/** The supervisors read at most this much of a free-text reply (redacted). */
const REPLY_TEXT_MAX = 500;
const HOUR_MS = 60 * 60 * 1000;

/**
 * A participant's message: found by its button's message id, else as an answer to the last
 * message to that number; recorded as a WHATSAPP_REPLY (the supervisors' list of replies), then
 * acted on when it is one of the choices we offered.
 */
export async function recordInbound(deps: MessagingEventsDeps, e: Inbound): Promise<MessagingEventOutcome> {
  const message = e.button
    ? await deps.messages.get(e.button.messageId)
    : await deps.messages.lastTo(e.phone);
  if (!message) {
    deps.log.info("WhatsApp message about no message of ours, dropped", { phone: maskPhone(e.phone) });
    return "DROPPED";
  }
  await deps.messages.noteInbound(message.messageId, e.at);
  const quick = e.text === undefined ? undefined : quickReplyOfText(e.text);
  const choice: ButtonChoice | undefined =
    e.button?.choice ?? (quick ? { kind: "QUICK_REPLY", reply: quick } : undefined);
  const fresh = await deps.interactions.record(
    interactionFor(message, "WHATSAPP_REPLY", new Date(e.at), e.providerMessageId, {
      detail: { channel: "WHATSAPP", phone: maskPhone(e.phone), ...replyDetail(choice, e.text) },
    }),
  );
  // Every action below is idempotent (event time, guarded writes, one answer per reply): a
  // redelivery after a partial run finishes it and changes nothing twice.
  if (choice) await act(deps, message, e, choice);
  return fresh ? "APPLIED" : "UNCHANGED";
}

function replyDetail(choice: ButtonChoice | undefined, text: string | undefined): Record<string, string> {
  if (choice?.kind === "QUICK_REPLY") return { reply: choice.reply };
  if (choice?.kind === "CALLBACK_WINDOW") return { reply: `WINDOW_${choice.window}` };
  if (text === undefined) return { reply: "OTHER" };
  return { reply: "TEXT", text: redactFreeText(text).slice(0, REPLY_TEXT_MAX) };
}

async function act(deps: MessagingEventsDeps, message: SentMessage, e: Inbound, choice: ButtonChoice) {
  const c = await deps.cases.get(message.campaignId, message.participantId);
  if (!c) return actWithoutCase(deps, message, e, choice);
  if (choice.kind === "CALLBACK_WINDOW") return callbackWindow(deps, c, e, choice.window);
  switch (choice.reply) {
    case "PAID":
      return paidClaim(deps, c, e);
    case "CALL_ME":
      // A case the dialer no longer calls (paid, closed, out of attempts) is promised no call.
      if (!(await deps.caseReplies.boost(c.campaignId, c.participantId, boosted(c), deps.clock.now())))
        return;
      return answer(deps, c, e, {
        text: askCallbackWindowText(),
        buttons: (Object.keys(CALLBACK_WINDOWS) as CallbackWindowCode[]).map((window) => ({
          kind: "CALLBACK_WINDOW" as const,
          window,
        })),
      });
    case "REHAB_INFO":
      return answer(deps, c, e, { text: rehabText(c) });
    case "STOP":
      return optOut(deps, c, e);
  }
}

/**
 * A reply to a message about no case (a due-soon reminder: the participant is a month behind):
 * "Berhenti" opts out and "Sudah bayar" is acknowledged; no call is promised, none will be made.
 */
async function actWithoutCase(
  deps: MessagingEventsDeps,
  message: SentMessage,
  e: Inbound,
  choice: ButtonChoice,
) {
  if (choice.kind !== "QUICK_REPLY") return;
  if (choice.reply === "STOP") return optOut(deps, message, e);
  if (choice.reply === "PAID") return answer(deps, message, e, { text: paymentToBeCheckedText() });
}

const boosted = (c: Case) => dialRank(c.priority, c.participantId, true);

/** "Sudah bayar": a payment already here is thanked; otherwise the next call waits for it to arrive. */
async function paidClaim(deps: MessagingEventsDeps, c: Case, e: Inbound) {
  if (c.status === "PAID" || c.amountPaid > 0) return answer(deps, c, e, { text: paymentReceivedText() });
  const campaign = await deps.campaigns.get(c.campaignId);
  const hours = (campaign?.strategy ?? DEFAULT_STRATEGY).messaging.paidClaimCallDelayHours;
  const notBefore = new Date(Date.parse(e.at) + hours * HOUR_MS).toISOString();
  await deps.caseReplies.deferCall(c.campaignId, c.participantId, notBefore, deps.clock.now());
  return answer(deps, c, e, { text: paymentToBeCheckedText() });
}

/**
 * The window chosen: the next call at its first opening from the reply on, in the branch's zone;
 * confirmed only when the case is still queued for calls.
 */
async function callbackWindow(deps: MessagingEventsDeps, c: Case, e: Inbound, code: CallbackWindowCode) {
  const branch = deps.branches.get(c.branchCode);
  const { fromMinute, toMinute } = CALLBACK_WINDOWS[code];
  if (!branch) return;
  const next = nextCallbackOpen(new Date(e.at), { fromMinute, toMinute }, { branch });
  const kept = await deps.caseReplies.setCallback(
    c.campaignId,
    c.participantId,
    {
      callback: { fromMinute, toMinute, requestedAt: e.at },
      nextAttemptAt: next.toISOString(),
      boostedRank: boosted(c),
    },
    deps.clock.now(),
  );
  if (kept) await answer(deps, c, e, { text: callbackConfirmedText(code) });
}

/** "Berhenti": SMS only from now on, confirmed once (not again when already opted out). */
async function optOut(deps: MessagingEventsDeps, c: Addressee, e: Inbound) {
  let already = false;
  await deps.profiles.update(c.participantId, (profile) => {
    already = Boolean(profile?.optedOutAt && profile.optedOutAt !== e.at);
    return already && profile ? profile : profileAfterOptOut(profile, c.participantId, e.at);
  });
  if (!already) await answer(deps, c, e, { text: optedOutText() });
}

/**
 * One free-form answer per reply: its message (id from the reply's provider id) is recorded
 * before the send, so a redelivered reply finds it and sends nothing. At most once: a send that
 * fails is logged, not retried.
 */
async function answer(
  deps: MessagingEventsDeps,
  c: Addressee,
  e: Inbound,
  reply: { text: string; buttons?: WhatsAppTextMessage["buttons"] },
) {
  if (!deps.whatsapp) return;
  const messageId = messageIdOf(`reply#${e.providerMessageId}`);
  if (await deps.messages.get(messageId)) return;
  const now = deps.clock.now().toISOString();
  await deps.messages.recordSent({
    messageId,
    channel: "WHATSAPP",
    purpose: "REPLY",
    campaignId: c.campaignId,
    participantId: c.participantId,
    caseId: c.caseId,
    branchCode: c.branchCode,
    phone: e.phone,
    sentAt: now,
    status: "SENT",
    statusAt: now,
  });
  try {
    await deps.whatsapp.sendText({
      phone: e.phone,
      text: reply.text,
      messageId,
      ...(reply.buttons ? { buttons: reply.buttons } : {}),
    });
  } catch (error) {
    if (!(error instanceof WhatsAppSendError)) throw error;
    deps.log.warn("WhatsApp answer not sent", { phone: maskPhone(e.phone), code: error.code });
  }
}
