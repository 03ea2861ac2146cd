import { campaignIdOf } from "../../domain/case";
import type { Interaction } from "../../domain/interaction";
import { maskParticipantId } from "../../domain/masking";
import type { InteractionStore } from "../../store/interactions";

/** One participant's reply on WhatsApp as the supervisor reads it: masked, text already redacted. */
export interface ParticipantReply {
  at: string;
  participant: string;
  /** A button's code (PAID, CALL_ME, REHAB_INFO, STOP, a callback window) or absent for free text. */
  reply?: string;
  /** Free text, with numbers that could identify someone masked when it was stored. */
  text?: string;
}

/** A campaign's replies, newest first: the list the supervisor reads (docs/messaging.md). */
export async function campaignReplies(
  deps: { interactions: Pick<InteractionStore, "allByCampaign"> },
  input: { branchCode: string; period: string },
): Promise<ParticipantReply[]> {
  const trail = await deps.interactions.allByCampaign(campaignIdOf(input.branchCode, input.period));
  return trail
    .filter((i) => i.kind === "WHATSAPP_REPLY")
    .sort((a, b) => b.at.localeCompare(a.at))
    .map(replyOf);
}

function replyOf(i: Interaction): ParticipantReply {
  const { reply, text } = i.detail ?? {};
  return {
    at: i.at,
    participant: maskParticipantId(i.participantId),
    ...(typeof reply === "string" ? { reply } : {}),
    ...(typeof text === "string" ? { text } : {}),
  };
}
