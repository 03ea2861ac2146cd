import type { Area } from "./area";
import { isBranchCode } from "./branches";
import type { MessageChannel, WhatsAppStatus } from "./messaging";
import type { Participant, PhoneType, PremiumClass } from "./participant";
import type { CaseHold } from "./participant-statuses";
import { isPeriod, previousPeriod } from "./period";
import type { Treatment } from "./strategy";
import { isParticipantId, virtualAccountNumber } from "./virtual-account";

/** OPEN until fully paid (PAID) or closed at the end of the campaign (CLOSED, with a closeReason). */
export type CaseStatus = "OPEN" | "PAID" | "CLOSED";

/** Why a case ended other than paid in full; see docs/case-lifecycle.md. */
export type CloseReason =
  | "PARTIALLY_PAID"
  | "PROMISE_PENDING"
  | "PROMISE_BROKEN"
  | "REFUSED"
  | "WRONG_PARTY"
  | "INVALID_NUMBER"
  | "NOT_CONTACTABLE"
  | "UNREACHABLE"
  | "CONTACTED_NO_PAYMENT"
  | "NOT_ATTEMPTED"
  | "STOPPED"
  /** The participant died (a kader's result, or known at mapping): never contacted again. */
  | "DECEASED";

/**
 * One reminder wave's state on a case (key "1", "2"...; "1F" for wave 1's SMS fallback), claimed by
 * a conditional write before the send.
 */
export interface SmsWaveState {
  status: "CLAIMED" | "SENT" | "FAILED" | "SKIPPED";
  at: string;
  attempts: number;
  /** The channel the reminder went by; absent: SMS. Its message id is in its interaction, not here: a case stays small. */
  channel?: MessageChannel;
  reason?: string;
  /** A failure SNS called transient: a later pass of the wave may claim the case again. */
  retryable?: boolean;
  /** A WhatsApp reminder's latest status (the SMS fallback reads it), and when it came. */
  delivery?: WhatsAppStatus;
  deliveryAt?: string;
}

/**
 * One follow-up message's state on a case (key `<PURPOSE>#<occasion>`, e.g. `PROMISE_EVE#2026-12-08`),
 * claimed by a conditional write before the send: a follow-up never goes twice.
 */
export interface FollowUpState {
  status: "CLAIMED" | "SENT" | "FAILED";
  at: string;
  channel?: MessageChannel;
  reason?: string;
  /** A transient failure: a later run may claim it again while the occasion lasts. */
  retryable?: boolean;
  /** Sent at the participant's request: not one of the messages the cap counts. */
  uncapped?: boolean;
}

/** Result of one call attempt, from Amazon Connect's contact events or DescribeContact. */
export type CallOutcome =
  | "ANSWERED"
  | "NO_ANSWER"
  | "BUSY"
  | "INVALID_NUMBER"
  | "FAILED"
  | "AGENT_UNAVAILABLE";

/** What the agent recorded after talking to the participant. */
export type DispositionCode =
  | "PROMISE_TO_PAY"
  | "PAID_ALREADY"
  | "REFUSES"
  | "WRONG_NUMBER"
  | "CALL_BACK_LATER"
  | "WANTS_REHAB"
  | "UPDATED_PHONE"
  | "OTHER";

/** A promise to pay (PTP): kept when paid in full by its date, broken after date + grace. */
export interface PromiseToPay {
  amount: number;
  /** Local date YYYY-MM-DD in the participant's zone. */
  date: string;
  status: "PENDING" | "KEPT" | "BROKEN";
  agentId: string;
  recordedAt: string;
}

export interface CallInFlight {
  contactId: string;
  attempt: number;
  startedAt: string;
}

/**
 * A time window the participant asked to be called in (WhatsApp "Minta ditelepon"), local minutes
 * of the day in the branch's zone, end exclusive: the dialer calls the case only inside it.
 */
export interface CallbackRequest {
  fromMinute: number;
  toMinute: number;
  requestedAt: string;
}

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
  /**
   * The number (E.164) the network reported invalid once (TELECOM_NUMBER_INVALID): suspect, since
   * a mobile that is off or out of coverage is sometimes reported so. It is tried once more on
   * another calling day; a second report on the same number makes the case not contactable, an
   * answer clears it.
   */
  suspectPhone?: string;
  name: string;
  premiumClass: PremiumClass;
  familyMembers: number;
  autodebet: boolean;
  virtualAccount: string;
  rehabEligible: boolean;
  rehabMaxInstalments: number;
  treatments: Treatment[];
  smsSent: number;
  /** WhatsApp messages sent (absent on cases mapped before WhatsApp). */
  whatsappSent?: number;
  /** SMS state per wave number ("1", "2", ...). */
  sms: Record<string, SmsWaveState>;
  /** Follow-up messages by key (absent on cases mapped before follow-ups). */
  followUps?: Record<string, FollowUpState>;
  /** When each message of the campaign went to the participant, either channel (ISO UTC): the cap. */
  messageTimes?: string[];
  callAttempts: number;
  /** Attempts on one local date, for the per-day frequency cap. */
  attemptsToday?: { date: string; count: number };
  /** Not called before this instant (ISO UTC): retry times, callbacks, promise follow-ups. */
  nextAttemptAt: string;
  /** Sparse index key (= campaignId) present while the case may still be called. */
  dialQueue?: string;
  /** Sort key in the dial queue: lower is called first (see dialRank). */
  dialRank?: string;
  inFlight?: CallInFlight;
  /** Sparse index key: the Amazon Connect contact of the call in flight. */
  activeContactId?: string;
  lastOutcome?: CallOutcome | DispositionCode;
  lastAgentId?: string;
  contacted?: boolean;
  promise?: PromiseToPay;
  callback?: CallbackRequest;
  /** A lasting status of the participant, set at mapping: no contact until a date, a REHAB plan. */
  hold?: CaseHold;
  closeReason?: CloseReason;
  closedAt?: string;
  /** The participant's area at the campaign's start, for reports and kader; never the address. */
  area?: Area;
  /** The participant asked for a kader's visit (the snapshot's visit_requested): the hand-off takes it. */
  visitRequested?: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * Order in the dial queue, ascending: boosted cases (a broken promise) first, then higher priority,
 * then participant id for a stable order.
 */
export function dialRank(priority: number, participantId: string, boosted = false): string {
  return `${boosted ? "0" : "1"}${String(10_000 - priority).padStart(5, "0")}#${participantId}`;
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

/** The branch and period of a `<branch>#<YYYY-MM>` campaign id; undefined when it is not one. */
export function parseCampaignId(campaignId: string): { branchCode: string; period: string } | undefined {
  const [branchCode = "", period = "", ...rest] = campaignId.split("#");
  return rest.length === 0 && isBranchCode(branchCode) && isPeriod(period)
    ? { branchCode, period }
    : undefined;
}

/** The parts of a `<branch>#<YYYY-MM>#<participantId>` case id; undefined when it is not one. */
export function parseCaseId(
  caseId: string,
): { branchCode: string; period: string; participantId: string } | undefined {
  const at = caseId.lastIndexOf("#");
  const campaign = parseCampaignId(caseId.slice(0, Math.max(at, 0)));
  const participantId = caseId.slice(at + 1);
  return at >= 0 && campaign && isParticipantId(participantId) ? { ...campaign, participantId } : undefined;
}
/** The same branch's campaign of the month before (roll rates, the agent's history). */
export const previousCampaignIdOf = (branchCode: string, period: string) =>
  campaignIdOf(branchCode, previousPeriod(period));

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
    ...(participant.area ? { area: participant.area } : {}),
    ...(participant.visitRequested ? { visitRequested: true } : {}),
    virtualAccount: virtualAccountNumber(participant.participantId),
    rehabEligible: classification.rehab.eligible,
    rehabMaxInstalments: classification.rehab.maxInstalments,
    treatments: classification.treatments,
    smsSent: 0,
    sms: {},
    // Present from the start: a follow-up's claim then needs no write of its own to create the map.
    followUps: {},
    callAttempts: 0,
    nextAttemptAt: at,
    ...(participant.contactable && classification.treatments.includes("CALL")
      ? { dialQueue: campaignId, dialRank: dialRank(classification.priority, participant.participantId) }
      : {}),
    createdAt: at,
    updatedAt: at,
  };
}
