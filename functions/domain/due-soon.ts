import { type Case, caseIdOf } from "./case";
import type { FollowUp, FollowUpContext } from "./follow-ups";
import { addDays, localDate } from "./local-time";
import type { ChannelProfile } from "./messaging";
import type { Participant } from "./participant";
import { mappingStatus, onSuspectNumber } from "./participant-status";
import type { CaseHold } from "./participant-statuses";
import { nextDueDate } from "./premiums";
import type { CampaignStrategy } from "./strategy";
import { virtualAccountNumber } from "./virtual-account";

/*
 * The due-soon reminder, pure: participants a month behind (below the strategy's minimum months,
 * so not cases of the campaign) are noted at mapping with the next due date, and reminded once
 * before it, before their arrears grow into a case. A notice is never dialled, never counted as
 * a case; it holds only what the reminder and its claim need.
 */

/** One participant noted at mapping for the due-soon reminder of a campaign. */
export interface DueSoonNotice {
  /** The campaign's id (`<branch>#<period>`): its report counts the reminder. */
  campaignId: string;
  participantId: string;
  /** `<campaign>#DUE_SOON#<participant>`: the key of its messages and interactions. */
  caseId: string;
  branchCode: string;
  period: string;
  /** Local date (YYYY-MM-DD) by which the premium is due: the strategy's dueDay. */
  dueDate: string;
  /** Months in arrears at mapping, and their amount (integer rupiah): what the reminder asks for. */
  monthsInArrears: number;
  amountDue: number;
  contactable: boolean;
  phone?: string;
  phoneType?: Case["phoneType"];
  name: string;
  autodebet: boolean;
  virtualAccount: string;
  /** A do-not-contact hold of the participant at mapping. */
  hold?: CaseHold;
  /** The reminder's claim, as a case's follow-ups (`DUE_SOON#<dueDate>`). */
  followUps?: Case["followUps"];
  /** When the reminder went (the cap's input, as on a case). */
  messageTimes?: string[];
  createdAt: string;
}

/** The notices' own partition of the cases table: never paged, dialled or counted as the campaign's cases. */
export const dueSoonPartitionOf = (campaignId: string) => `${campaignId}#DUE_SOON`;

/**
 * The notice of a participant the strategy's due-soon reminder is for, or undefined: exactly
 * `monthsBehind` behind and below the minimum months (otherwise a case), not deceased, not on a
 * REHAB plan (instalments have their own dates).
 */
export function noticeOf(
  p: Participant,
  campaign: { campaignId: string; branchCode: string; period: string },
  strategy: CampaignStrategy,
  context: { now: Date; timeZone: string; profile?: ChannelProfile },
): DueSoonNotice | undefined {
  const { dueDay, monthsBehind, enabled } = strategy.messaging.followUps.dueSoon;
  if (!enabled || p.monthsInArrears !== monthsBehind || monthsBehind >= strategy.minMonths) return undefined;
  const today = localDate(context.now, context.timeZone);
  const status = mappingStatus(context.profile, today);
  if (status === "DECEASED" || status?.kind === "REHAB_PLAN") return undefined;
  return {
    campaignId: campaign.campaignId,
    participantId: p.participantId,
    caseId: caseIdOf(dueSoonPartitionOf(campaign.campaignId), p.participantId),
    branchCode: campaign.branchCode,
    period: campaign.period,
    dueDate: nextDueDate(today, dueDay),
    monthsInArrears: p.monthsInArrears,
    amountDue: p.arrearsAmount,
    // A number found to be someone else's is not texted about this participant's premiums.
    contactable: p.contactable && !onSuspectNumber(p.phone, context.profile),
    ...(p.phone ? { phone: p.phone } : {}),
    ...(p.phoneType ? { phoneType: p.phoneType } : {}),
    name: p.name,
    autodebet: p.autodebet,
    virtualAccount: virtualAccountNumber(p.participantId),
    ...(status ? { hold: status } : {}),
    createdAt: context.now.toISOString(),
  };
}

/**
 * The reminder a notice is owed today, before the gates (followUpSkip): one per due date, while
 * today is at least `daysBefore` days before it (time to pay at a bank or minimarket).
 */
export function dueSoonFollowUp(
  n: Pick<DueSoonNotice, "dueDate">,
  ctx: Pick<FollowUpContext, "now" | "timeZone" | "messaging">,
): FollowUp | undefined {
  const latest = addDays(n.dueDate, -ctx.messaging.followUps.dueSoon.daysBefore);
  return localDate(ctx.now, ctx.timeZone) <= latest
    ? { purpose: "DUE_SOON", occasion: n.dueDate }
    : undefined;
}

/** The notice as the follow-up sender reads a recipient: nothing paid, no REHAB offer, no promise. */
export const recipientOf = (n: DueSoonNotice) => ({
  ...n,
  countedMonths: n.monthsInArrears,
  amountPaid: 0,
  rehabEligible: false,
  rehabMaxInstalments: 0,
});
