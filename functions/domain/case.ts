import type { Participant, PhoneType, PremiumClass } from "./participant";
import type { Treatment } from "./strategy";
import { virtualAccountNumber } from "./virtual-account";

/** OPEN until paid or closed at the end of the campaign with its last outcome. */
export type CaseStatus = "OPEN" | "PAID" | "CLOSED";

/** One participant's work item in one campaign. Snapshot of what SMS, dialer and agent need. */
export interface Case {
  campaignId: string;
  participantId: string;
  caseId: string;
  branchCode: string;
  period: string;
  bucketId: string;
  monthsInArrears: number;
  countedMonths: number;
  amountDue: number;
  amountPaid: number;
  priority: number;
  status: CaseStatus;
  contactable: boolean;
  phone?: string;
  phoneType?: PhoneType;
  name: string;
  premiumClass: PremiumClass;
  familyMembers: number;
  autodebet: boolean;
  virtualAccount: string;
  rehabEligible: boolean;
  rehabMaxInstalments: number;
  treatments: Treatment[];
  smsSent: number;
  callAttempts: number;
  createdAt: string;
  updatedAt: string;
}

export interface CaseClassification {
  bucketId: string;
  countedMonths: number;
  amountDue: number;
  priority: number;
  rehab: { eligible: boolean; maxInstalments: number };
  treatments: Treatment[];
}

export const campaignIdOf = (branchCode: string, period: string) => `${branchCode}#${period}`;
export const caseIdOf = (campaignId: string, participantId: string) => `${campaignId}#${participantId}`;

export function openCase(
  participant: Participant,
  classification: CaseClassification,
  campaign: { branchCode: string; period: string },
  now: Date,
): Case {
  const campaignId = campaignIdOf(campaign.branchCode, campaign.period);
  const at = now.toISOString();
  return {
    campaignId,
    participantId: participant.participantId,
    caseId: caseIdOf(campaignId, participant.participantId),
    branchCode: campaign.branchCode,
    period: campaign.period,
    bucketId: classification.bucketId,
    monthsInArrears: participant.monthsInArrears,
    countedMonths: classification.countedMonths,
    amountDue: classification.amountDue,
    amountPaid: 0,
    priority: classification.priority,
    status: "OPEN",
    contactable: participant.contactable,
    ...(participant.phone ? { phone: participant.phone } : {}),
    ...(participant.phoneType ? { phoneType: participant.phoneType } : {}),
    name: participant.name,
    premiumClass: participant.premiumClass,
    familyMembers: participant.familyMembers,
    autodebet: participant.autodebet,
    virtualAccount: virtualAccountNumber(participant.participantId),
    rehabEligible: classification.rehab.eligible,
    rehabMaxInstalments: classification.rehab.maxInstalments,
    treatments: classification.treatments,
    smsSent: 0,
    callAttempts: 0,
    createdAt: at,
    updatedAt: at,
  };
}
