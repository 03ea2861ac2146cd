import type { Clock } from "../channels/clock";
import type { WhatsAppSender } from "../channels/whatsapp";
import type { Branch } from "../domain/branches";
import type { CampaignStore } from "../store/campaigns";
import type { CaseReplyStore } from "../store/case-replies";
import type { CaseStore } from "../store/cases";
import type { InteractionStore } from "../store/interactions";
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
  cases: Pick<CaseStore, "get">;
  caseReplies: CaseReplyStore;
  campaigns: Pick<CampaignStore, "get">;
  interactions: Pick<InteractionStore, "record">;
  branches: ReadonlyMap<string, Branch>;
  /** Undefined where the deployment has no WhatsApp: replies are recorded, nothing is sent. */
  whatsapp: WhatsAppSender | undefined;
  clock: Clock;
  log: Log;
}

/** What became of one event: it changed something, changed nothing (a repeat, a late status), or found no message. */
export type MessagingEventOutcome = "APPLIED" | "UNCHANGED" | "DROPPED";
