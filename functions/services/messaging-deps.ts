import type { WhatsAppSender } from "../channels/whatsapp";
import type { CaseReplyStore } from "../store/case-replies";
import type { MessageStore } from "../store/messages";
import type { ProfileStore } from "../store/profiles";
import type { Log } from "./call-outcome";
import type { FailedWhatsAppDeps } from "./failed-whatsapp";

/**
 * The ports recordMessagingEvents (statuses), its replies (messaging-replies.ts) and the SMS of a
 * failed message (failed-whatsapp.ts) use.
 */
export interface MessagingEventsDeps extends FailedWhatsAppDeps {
  messages: Pick<MessageStore, "get" | "lastTo" | "applyStatus" | "noteInbound" | "recordSent">;
  profiles: Pick<ProfileStore, "update" | "get" | "getMany">;
  caseReplies: CaseReplyStore;
  /** Undefined where the deployment has no WhatsApp: replies are recorded, nothing is sent. */
  whatsapp: WhatsAppSender | undefined;
  log: Log;
}

/** What became of one event: it changed something, changed nothing (a repeat, a late status), or found no message. */
export type MessagingEventOutcome = "APPLIED" | "UNCHANGED" | "DROPPED";
