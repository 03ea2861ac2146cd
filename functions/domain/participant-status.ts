import type { Case, DispositionCode } from "./case";
import { addDays } from "./local-time";
import { type ChannelProfile, type MessagePurpose, numberDigest } from "./messaging";
import {
  type CaseHold,
  type DoNotContactReason,
  type NumberStatus,
  type ParticipantStatuses,
  type PreferredChannel,
  STATUS_FIELD,
} from "./participant-statuses";
import { lastDayOfPeriod } from "./period";

/*
 * What the system remembers about a participant across campaigns besides their WhatsApp, pure:
 * do not contact until a date, deceased, on a REHAB instalment plan, the channel they prefer, and
 * whether their number is confirmed. Each status is kept on the participant's one profile item
 * (ChannelProfile) and each change is audited (statusAuditOf). What a status means for a case is
 * set on the case at mapping (CaseHold), so the dialer and the waves need no profile read.
 */

/** Where a change came from: an agent's disposition, a kader's result, a file import. */
export type StatusSource = "DISPOSITION" | "KADER" | "IMPORT";

export type StatusChange =
  | { kind: "DO_NOT_CONTACT"; until: string; reason: DoNotContactReason }
  | { kind: "DECEASED" }
  | { kind: "REHAB_PLAN"; since: string; instalments?: number }
  /** Off the plan: the status is removed (audited). */
  | { kind: "REHAB_PLAN_ENDED" }
  | { kind: "PREFERRED_CHANNEL"; channel: PreferredChannel }
  | { kind: "NUMBER"; phone: string; status: NumberStatus["status"] };

export interface ChangeMeta {
  setBy: string;
  /** ISO UTC. */
  at: string;
  source: StatusSource;
  /** Why, in a few words (a disposition code, a kader outcome). */
  why: string;
}

/** A profile with nothing learned yet. */
export const blankProfile = (participantId: string, at: string): ChannelProfile => ({
  participantId,
  whatsapp: "UNKNOWN",
  whatsappFailures: 0,
  updatedAt: at,
});

function statusValueOf(
  change: StatusChange,
  meta: ChangeMeta,
): ParticipantStatuses[keyof ParticipantStatuses] {
  switch (change.kind) {
    case "DO_NOT_CONTACT":
      return { until: change.until, reason: change.reason, setBy: meta.setBy, at: meta.at };
    case "DECEASED":
      return { at: meta.at, setBy: meta.setBy };
    case "REHAB_PLAN":
      return {
        since: change.since,
        ...(change.instalments !== undefined ? { instalments: change.instalments } : {}),
        setBy: meta.setBy,
      };
    case "REHAB_PLAN_ENDED":
      return undefined;
    case "PREFERRED_CHANNEL":
      return change.channel;
    case "NUMBER":
      return { digest: numberDigest(change.phone), status: change.status, at: meta.at };
  }
}

/**
 * Whether a status already held says what `change` says: then it is kept as it is, with its first
 * date and author (a monthly file repeating a death, a plan or a hold changes nothing).
 */
function alreadyHeld(base: ChannelProfile, change: StatusChange): boolean {
  switch (change.kind) {
    case "DECEASED":
      return base.deceased !== undefined;
    case "DO_NOT_CONTACT":
      return base.doNotContact?.until === change.until && base.doNotContact.reason === change.reason;
    case "REHAB_PLAN":
      return base.rehabPlan !== undefined && base.rehabPlan.instalments === change.instalments;
    default:
      return false;
  }
}

/** The profile after `change` (a new profile when there was none). A deceased one stays deceased. */
export function profileAfterChange(
  current: ChannelProfile | undefined,
  participantId: string,
  change: StatusChange,
  meta: ChangeMeta,
): ChannelProfile {
  const base = current ?? blankProfile(participantId, meta.at);
  if (alreadyHeld(base, change)) return base;
  const field = STATUS_FIELD[change.kind];
  const value = statusValueOf(change, meta);
  const { [field]: _previous, ...rest } = base;
  return {
    ...rest,
    ...(value !== undefined ? { [field]: value } : {}),
    updatedAt: meta.at,
  } as ChannelProfile;
}

/** One audited change of a participant's status: who, when, what changed, why, from where. */
export interface StatusAuditRecord {
  participantId: string;
  at: string;
  setBy: string;
  source: StatusSource;
  why: string;
  field: keyof ParticipantStatuses;
  /** The value before and after, JSON (a number only by its digest). */
  previous?: string;
  current: string;
}

export function statusAuditOf(
  before: ChannelProfile | undefined,
  after: ChannelProfile,
  change: StatusChange,
  meta: ChangeMeta,
): StatusAuditRecord {
  const field = STATUS_FIELD[change.kind];
  const previous = before?.[field];
  return {
    participantId: after.participantId,
    at: meta.at,
    setBy: meta.setBy,
    source: meta.source,
    why: meta.why,
    field,
    ...(previous !== undefined ? { previous: JSON.stringify(previous) } : {}),
    // null: the status was removed (a REHAB plan ended).
    current: JSON.stringify(after[field] ?? null),
  };
}

/**
 * How a campaign's mapping treats the participant on local date `today`: DECEASED gets a case
 * closed at once, a hold goes on the case, undefined maps as usual. One hold per case, the
 * strongest: a do-not-contact or a REHAB plan already stops what a preference for a call stops.
 */
export function mappingStatus(
  profile: ChannelProfile | undefined,
  today: string,
): "DECEASED" | CaseHold | undefined {
  if (!profile) return undefined;
  if (profile.deceased) return "DECEASED";
  if (profile.doNotContact && profile.doNotContact.until > today)
    return { kind: "DO_NOT_CONTACT", until: profile.doNotContact.until };
  if (profile.rehabPlan) return { kind: "REHAB_PLAN" };
  if (profile.preferredChannel === "CALL") return { kind: "PREFERS_CALL" };
  return undefined;
}

/** Whether a do-not-contact hold still stands on local date `today`. */
export const doNotContactOn = (hold: CaseHold | undefined, today: string) =>
  hold?.kind === "DO_NOT_CONTACT" && hold.until > today;

export type StatusSkip = "DECEASED" | "DO_NOT_CONTACT" | "REHAB_PLAN" | "PREFERS_CALL";

/**
 * What still goes to a participant who prefers a call: what they asked for (details asked in a
 * call, an answer to their own message) and the thanks for a payment, which asks nothing of them.
 */
const WANTED_BY_CALLER: ReadonlySet<MessagePurpose> = new Set(["CALL_INFO", "REPLY", "THANK_YOU"]);

/** Whether a message of `purpose` is one the participant, preferring a call, does not want. */
export const unwantedByCaller = (hold: CaseHold | undefined, purpose: MessagePurpose) =>
  hold?.kind === "PREFERS_CALL" && !WANTED_BY_CALLER.has(purpose);

/**
 * Why no debt reminder goes to this case on local date `today`, from the hold set at mapping or
 * the profile as it is now (a status set mid-campaign); undefined when it may go.
 */
export function reminderStatusSkip(
  hold: CaseHold | undefined,
  profile: ChannelProfile | undefined,
  today: string,
): StatusSkip | undefined {
  if (profile?.deceased) return "DECEASED";
  if (doNotContactOn(hold, today) || (profile?.doNotContact && profile.doNotContact.until > today))
    return "DO_NOT_CONTACT";
  if (hold?.kind === "REHAB_PLAN" || profile?.rehabPlan) return "REHAB_PLAN";
  if (hold?.kind === "PREFERS_CALL" || profile?.preferredChannel === "CALL") return "PREFERS_CALL";
  return undefined;
}

/**
 * What a disposition teaches about the participant: a refusal holds them for `doNotContactDays`
 * from `today`; an answered call confirms the number it was on (a corrected number confirms the new
 * one); a wrong number makes it suspect. WANTS_REHAB sets no plan: only an enrolment does.
 */
export function statusChangesOfDisposition(
  disposition: { code: DispositionCode; newPhone?: string },
  calledPhone: string | undefined,
  today: string,
  doNotContactDays: number,
): StatusChange[] {
  const changes: StatusChange[] = [];
  if (disposition.code === "REFUSES")
    changes.push({ kind: "DO_NOT_CONTACT", until: addDays(today, doNotContactDays), reason: "REFUSED" });
  if (disposition.code === "UPDATED_PHONE" && disposition.newPhone)
    changes.push({ kind: "NUMBER", phone: disposition.newPhone, status: "CONFIRMED" });
  else if (calledPhone)
    changes.push({
      kind: "NUMBER",
      phone: calledPhone,
      status: disposition.code === "WRONG_NUMBER" ? "SUSPECT" : "CONFIRMED",
    });
  return changes;
}

/**
 * A newly mapped case as the participant's status has it: a deceased participant's case is closed
 * at once (DECEASED: counted, never contacted); a REHAB plan leaves the dial queue; a do-not-contact
 * hold stays queued, the dialer waits for its date, unless it outlasts the campaign's period (then
 * the dialer would only wait every calling day); a preference for a call stays queued, called as usual.
 */
export function caseUnderStatus(c: Case, status: ReturnType<typeof mappingStatus>, now: Date): Case {
  if (!status) return c;
  const { dialQueue: _q, dialRank: _r, ...unqueued } = c;
  if (status === "DECEASED")
    return { ...unqueued, status: "CLOSED", closeReason: "DECEASED", closedAt: now.toISOString() };
  const outlastsCampaign = status.kind === "DO_NOT_CONTACT" && status.until > lastDayOfPeriod(c.period);
  return status.kind === "REHAB_PLAN" || outlastsCampaign
    ? { ...unqueued, hold: status }
    : { ...c, hold: status };
}

/** Whether `phone` is the number the participant's profile holds as someone else's (SUSPECT). */
export const onSuspectNumber = (phone: string | undefined, profile: ChannelProfile | undefined) =>
  phone !== undefined &&
  profile?.number?.status === "SUSPECT" &&
  profile.number.digest === numberDigest(phone);

/**
 * The case as what is known of its number has it: the number on file is the one an earlier call
 * found to be someone else's (SUSPECT) and no new number has come since, so it is not contactable
 * by phone (no message, no call) and waits for a new number as a wrong number: listed for a contact
 * update and handed to the kader. A different number, or a confirmed one, changes nothing.
 */
export function caseOnKnownNumber(c: Case, profile: ChannelProfile | undefined): Case {
  if (!c.contactable || !onSuspectNumber(c.phone, profile)) return c;
  const { dialQueue: _q, dialRank: _r, ...unqueued } = c;
  return { ...unqueued, contactable: false, lastOutcome: "WRONG_NUMBER" };
}

/**
 * A newly mapped case as the participant's profile has it on `today`: on the number known
 * (caseOnKnownNumber), under its status (caseUnderStatus), and asking for a kader's visit when the
 * preferred channel is VISIT, as the snapshot's visit_requested does. A visit is added: messages
 * and calls go as usual.
 */
export function caseUnderProfile(
  c: Case,
  profile: ChannelProfile | undefined,
  today: string,
  now: Date,
): Case {
  const mapped = caseUnderStatus(caseOnKnownNumber(c, profile), mappingStatus(profile, today), now);
  return profile?.preferredChannel === "VISIT" && mapped.status === "OPEN"
    ? { ...mapped, visitRequested: true }
    : mapped;
}
