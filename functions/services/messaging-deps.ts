import type { Clock } from "../channels/clock";
import type { WhatsAppSender } from "../channels/whatsapp";
import type { Branch } from "../domain/branches";
import type { CampaignStore } from "../store/campaigns";
import type { CaseReplyStore } from "../store/case-replies";
import type { CaseSmsStore } from "../store/case-sms";
import type { CaseStore } from "../store/cases";
import type { InteractionStore } from "../store/interactions";
import type { MessageStore } from "../store/messages";
import type { ProfileStore } from "../store/profiles";
import type { Log } from "./call-outcome";

/** The ports recordMessagingEvents (statuses) and its replies (messaging-replies.ts) use. */
export interface MessagingEventsDeps {
  messages: Pick<MessageStore, "get" | "lastTo" | "applyStatus" | "noteInbound" | "recordSent">;
  profiles: Pick<ProfileStore, "update">;
  cases: Pick<CaseStore, "get">;
  caseReplies: CaseReplyStore;
  caseSms: Pick<CaseSmsStore, "markDelivery">;
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
