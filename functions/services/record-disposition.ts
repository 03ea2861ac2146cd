import { type CaseStatus, campaignIdOf, type DispositionCode, parseCaseId } from "../domain/case";
import { afterDisposition } from "../domain/case-transitions";
import type { DialingContext } from "../domain/dialing";
import type { SendInfo } from "../domain/disposition";
import {
  amendedTransition,
  amendmentIssues,
  classifyDelivery,
  type DispositionDelivery,
  dispositionFingerprint,
  dispositionKeyOf,
  dispositionRecord,
} from "../domain/disposition-delivery";
import { type Disposition, validateDisposition } from "../domain/disposition-rules";
import { interactionFor, type NewInteraction } from "../domain/interaction";
import { localDate } from "../domain/local-time";
import { maskCaseId, redactFreeText } from "../domain/masking";
import { statusChangesOfDisposition } from "../domain/participant-status";
import { maskPhone, normalizePhone } from "../domain/phone";
import { DEFAULT_STRATEGY } from "../domain/strategy";
import { describeFieldIssues, type FieldIssue } from "../domain/validation";
import type { CaseKey, DialCase, DispositionClaim } from "../store/dial-queue";
import type { ParticipantContactStore } from "../store/participants";
import {
  type CallServiceDeps,
  type CampaignDialingContext,
  ConcurrentUpdateError,
  caseRef,
  dialingContextOf,
} from "./call-outcome";
import { type FollowUpDeps as MessagingFollowUpDeps, sendCallInfo } from "./follow-ups";
import { type ParticipantStatusDeps, setParticipantStatus } from "./participant-status";

export interface RecordDispositionInput {
  /** The Connect contact the agent handled; enough while the call is still in flight. */
  contactId?: string | undefined;
  /** `<branch>#<YYYY-MM>#<participantId>`, from the contact attributes. */
  caseId?: string | undefined;
  campaignId?: string | undefined;
  agentId: string;
  code: DispositionCode;
  promiseDate?: string | undefined;
  promiseAmount?: number | undefined;
  callbackAt?: string | undefined;
  newPhone?: string | undefined;
  sendInfo?: SendInfo | undefined;
  /** Seconds the agent talked with the participant, when the submitter knows it. */
  talkSeconds?: number | undefined;
  notes?: string | undefined;
}

/** What the disposition's follow-ups need: the participant's contact data and the messaging ports. */
export interface FollowUpDeps {
  participants: ParticipantContactStore;
  /** The information the participant asked for goes as a follow-up (channels built on first use). */
  messaging: MessagingFollowUpDeps;
  /** The participant's lasting status (a refusal, a confirmed or suspect number); absent: not kept. */
  status?: ParticipantStatusDeps;
}

export type FollowUpResult = "NONE" | "SMS_SENT" | "SMS_FAILED" | "WHATSAPP_SENT" | "WHATSAPP_FAILED";

export interface RecordDispositionResult {
  caseId: string;
  status: CaseStatus;
  /** A call's first disposition, an amendment replacing it, or the same form delivered again. */
  recorded: DispositionDelivery["kind"];
  /** When the case will be called again; absent when calling stopped. */
  nextAttemptAt?: string;
  /** The information the participant asked for, and its channel; a failure is recorded, never dropped. */
  followUp: FollowUpResult;
}

/** The disposition cannot be recorded as given; each issue names its field. Nothing was written. */
export class DispositionRejectedError extends Error {
  override name = "DispositionRejectedError";
  constructor(readonly issues: FieldIssue[]) {
    super(`invalid disposition: ${describeFieldIssues(issues)}`);
  }
}

export class CaseNotFoundError extends Error {
  override name = "CaseNotFoundError";
}

const MAX_REREADS = 3;

function caseKeyOf(caseId: string): CaseKey & { branchCode: string } {
  const parsed = parseCaseId(caseId);
  if (!parsed)
    throw new DispositionRejectedError([
      { field: "caseId", message: "must be <branch>#<YYYY-MM>#<participantId>" },
    ]);
  const { branchCode, period, participantId } = parsed;
  return { branchCode, campaignId: campaignIdOf(branchCode, period), participantId };
}

/**
 * Records what the agent decided after talking to the participant: every field is checked first
 * (nothing is written for a rejected disposition); a corrected number goes to the participant and
 * the audit trail; then one conditional update of the case and one DISPOSITION interaction, in a
 * single transaction; last, the SMS the participant asked for. The agent is then free again.
 *
 * A call has one disposition on record: the same form delivered again changes nothing and sends
 * nothing; a different form for the same call is an amendment that replaces it (audited on the
 * DISPOSITION entry). A follow-up SMS is claimed in the case write, so it goes out at most once.
 */
export async function recordDisposition(
  deps: CallServiceDeps,
  followUp: FollowUpDeps,
  input: RecordDispositionInput,
): Promise<RecordDispositionResult> {
  const key = await locate(deps, input);
  const ctx = await dialingContextOf(deps, key.campaignId, key.branchCode);
  const disposition: Disposition = {
    code: input.code,
    agentId: input.agentId,
    promiseDate: input.promiseDate,
    promiseAmount: input.promiseAmount,
    callbackAt: input.callbackAt,
    newPhone: input.newPhone,
    sendInfo: input.sendInfo,
    notes: input.notes,
  };
  const attempt: DispositionAttempt = {
    input,
    disposition,
    fingerprint: dispositionFingerprint(disposition),
    ctx,
    contactUpdated: false,
  };
  for (let i = 0; i < MAX_REREADS; i++) {
    const c = await deps.dialQueue.get(key);
    if (!c) throw new CaseNotFoundError(`case ${maskCaseId(key)} does not exist`);
    const result = await recordOnCase(deps, followUp, c, attempt);
    if (result) {
      // The participant's follow-up went first; now the agent's seat goes to the next call.
      await freeAgent(deps, c);
      return result;
    }
  }
  throw new ConcurrentUpdateError(`case ${maskCaseId(key)} kept changing; try again`);
}

interface DispositionAttempt {
  input: RecordDispositionInput;
  disposition: Disposition;
  fingerprint: string;
  ctx: CampaignDialingContext;
  /** The participant's number was already corrected by an earlier pass (idempotent, done once). */
  contactUpdated: boolean;
}

/** One pass on the case as read; undefined when the case changed under the write (read again). */
async function recordOnCase(
  deps: CallServiceDeps,
  followUp: FollowUpDeps,
  c: DialCase,
  attempt: DispositionAttempt,
): Promise<RecordDispositionResult | undefined> {
  const { input, disposition, fingerprint, ctx } = attempt;
  const now = deps.clock.now();
  // As delivered, so a redelivery finds the same call whether or not the call is still in flight.
  const callKey = dispositionKeyOf(input.contactId, c.callAttempts);
  const delivery = classifyDelivery(c.dispositions?.[callKey], fingerprint);
  if (delivery.kind === "DUPLICATE") return resultOf(c, "DUPLICATE");
  const interaction = dispositionInteraction(c, input, callKey, delivery, now);
  const claimOf = (sendable: boolean) => {
    const at = now.toISOString();
    const { record, followUp } = dispositionRecord(delivery, { ...disposition, fingerprint, at, sendable });
    const replaces = delivery.kind === "AMENDMENT" ? { replaces: delivery.previous.fingerprint } : {};
    return { claim: { key: callKey, record, ...replaces } satisfies DispositionClaim, followUp };
  };
  if (c.status !== "OPEN") {
    // Paid or closed meanwhile: the conversation still goes on record, the case stays as it is.
    const noted = { ...interaction, detail: { ...interaction.detail, caseStatus: c.status } };
    return (await deps.dialQueue.applyDisposition(c, claimOf(false).claim, noted))
      ? resultOf(c, delivery.kind)
      : undefined;
  }
  const transition = validTransition(c, attempt, delivery, now);
  // Before the case: the participant update is idempotent, so a retry after a failed case
  // write repeats it harmlessly, while the case write is what a retry must not do twice.
  if (transition.phone && !attempt.contactUpdated) {
    await updateContact(deps, followUp, c, input, transition.phone, now);
    attempt.contactUpdated = true;
  }
  const phone = transition.phone?.e164 ?? c.phone;
  const { claim, followUp: info } = claimOf(phone !== undefined);
  if (!(await deps.dialQueue.applyDisposition(c, claim, interaction, transition))) return undefined;
  if (followUp.status) await rememberStatus(followUp.status, c, input, ctx, now);
  const next = transition.queue.next === "REQUEUE" ? transition.queue.nextAttemptAt : undefined;
  const sent =
    info && phone
      ? await sendInfo(
          deps,
          followUp.messaging,
          { c: { ...c, phone, ...phoneTypeOf(transition) }, info, callKey },
          ctx,
        )
      : "NONE";
  return {
    caseId: c.caseId,
    status: c.status,
    recorded: delivery.kind,
    ...(next ? { nextAttemptAt: next } : {}),
    followUp: sent,
  };
}

/** What the disposition does to the open case, once validated (an amendment: against the first). */
function validTransition(c: DialCase, attempt: DispositionAttempt, delivery: DispositionDelivery, now: Date) {
  const { disposition, ctx } = attempt;
  const issues = [
    ...validateDisposition(c, disposition, now, ctx),
    ...(delivery.kind === "AMENDMENT" ? amendmentIssues(delivery.previous, disposition) : []),
  ];
  if (issues.length > 0) throw new DispositionRejectedError(issues);
  const decided = afterDisposition(c, disposition, now, ctx);
  return delivery.kind === "AMENDMENT" ? amendedTransition(c, delivery.previous, decided) : decided;
}

/** The answer for a disposition that changed nothing more on the case (a duplicate, or a closed case). */
function resultOf(c: DialCase, recorded: DispositionDelivery["kind"]): RecordDispositionResult {
  const next = c.status === "OPEN" && c.dialQueue ? c.nextAttemptAt : undefined;
  return {
    caseId: c.caseId,
    status: c.status,
    recorded,
    ...(next ? { nextAttemptAt: next } : {}),
    followUp: "NONE",
  };
}

/** The agent's after-contact work ends with the disposition: the seat goes to the next call. */
async function freeAgent(deps: CallServiceDeps, c: DialCase): Promise<void> {
  if (await deps.roster.release(c.campaignId, c.participantId, { phase: "WRAP_UP" })) {
    await deps.onAgentFreed?.({ campaignId: c.campaignId, branchCode: c.branchCode });
  }
}

async function locate(deps: CallServiceDeps, input: RecordDispositionInput) {
  if (input.caseId) {
    const key = caseKeyOf(input.caseId);
    if (input.campaignId && input.campaignId !== key.campaignId) {
      throw new DispositionRejectedError([
        { field: "campaignId", message: `does not match caseId (${key.campaignId})` },
      ]);
    }
    return key;
  }
  const found = input.contactId ? await deps.dialQueue.findByContact(input.contactId) : undefined;
  if (!found) {
    throw new DispositionRejectedError([
      {
        field: "contactId",
        message: "is not a call in progress: send the caseId from the contact attributes",
      },
    ]);
  }
  if (input.campaignId && input.campaignId !== found.campaignId) {
    throw new DispositionRejectedError([
      { field: "campaignId", message: `does not match the contact's case (${found.campaignId})` },
    ]);
  }
  return found;
}

const contactOf = (c: DialCase, input: RecordDispositionInput) =>
  input.contactId ?? (c.inFlight?.contactId || undefined);

/**
 * The DISPOSITION interaction, which the per-agent report reads: `agentId`, `contactId`,
 * `outcome` (the code), `amount` (a promise's amount), `detail.talkSeconds`,
 * `detail.rightPartyContact` (the agent spoke with the participant), `detail.dispositionKey` (the
 * call: a later entry of the same call, with `detail.amends`, replaces it in the figures).
 */
function dispositionInteraction(
  c: DialCase,
  input: RecordDispositionInput,
  callKey: string,
  delivery: DispositionDelivery,
  now: Date,
): NewInteraction {
  const contactId = contactOf(c, input);
  const phone = input.newPhone ? normalizePhone(input.newPhone) : undefined;
  const detail: Record<string, string | number | boolean> = {
    rightPartyContact: input.code !== "WRONG_NUMBER",
    dispositionKey: callKey,
  };
  if (delivery.kind === "AMENDMENT") {
    detail.amends = delivery.previous.code;
    detail.amendsRecordedAt = delivery.previous.at;
    detail.amendsAgentId = delivery.previous.agentId;
  }
  if (input.promiseDate) detail.promiseDate = input.promiseDate;
  if (input.callbackAt) detail.callbackAt = input.callbackAt;
  if (phone?.ok) detail.newPhone = maskPhone(phone.e164);
  if (input.sendInfo) detail.sendInfo = input.sendInfo;
  if (input.talkSeconds !== undefined) detail.talkSeconds = input.talkSeconds;
  if (input.notes) detail.notes = redactFreeText(input.notes);
  return {
    caseId: c.caseId,
    campaignId: c.campaignId,
    participantId: c.participantId,
    branchCode: c.branchCode,
    kind: "DISPOSITION",
    at: now.toISOString(),
    agentId: input.agentId,
    outcome: input.code,
    ...(contactId ? { contactId } : {}),
    ...(input.promiseAmount !== undefined && input.code === "PROMISE_TO_PAY"
      ? { amount: input.promiseAmount }
      : {}),
    detail,
    dedupeKey: `${callKey}#${input.code}`,
  };
}

/** What the disposition teaches about the participant, kept past this campaign and audited. */
async function rememberStatus(
  deps: ParticipantStatusDeps,
  c: DialCase,
  input: RecordDispositionInput,
  ctx: DialingContext,
  now: Date,
): Promise<void> {
  const newPhone = input.newPhone ? normalizePhone(input.newPhone) : undefined;
  const changes = statusChangesOfDisposition(
    { code: input.code, ...(newPhone?.ok ? { newPhone: newPhone.e164 } : {}) },
    c.phone,
    localDate(now, ctx.branch.timeZone),
    ctx.strategy.doNotContactDays ?? DEFAULT_STRATEGY.doNotContactDays,
  );
  await setParticipantStatus(deps, c.participantId, changes, {
    setBy: input.agentId,
    at: now.toISOString(),
    source: "DISPOSITION",
    why: input.code,
  });
}

/** The corrected number on the participant, audited with both numbers masked. */
async function updateContact(
  deps: CallServiceDeps,
  followUp: FollowUpDeps,
  c: DialCase,
  input: RecordDispositionInput,
  phone: { e164: string; type: "MOBILE" | "FIXED_LINE" | "OTHER" },
  now: Date,
): Promise<void> {
  const { previous } = await followUp.participants.updatePhone(c.participantId, phone, now);
  const contactId = contactOf(c, input);
  await deps.dialQueue.recordInteraction(
    interactionFor(c, "CONTACT_UPDATED", now, `phone#${contactId ?? "no-contact"}`, {
      agentId: input.agentId,
      ...(contactId ? { contactId } : {}),
      detail: {
        field: "phone",
        previous: previous ? maskPhone(previous) : "-",
        current: maskPhone(phone.e164),
        phoneType: phone.type,
      },
    }),
  );
}

/** The information the participant asked for: WhatsApp or SMS, claimed on the case, recorded either way. */
async function sendInfo(
  deps: CallServiceDeps,
  messaging: MessagingFollowUpDeps,
  request: { c: DialCase; info: SendInfo; callKey: string },
  ctx: CampaignDialingContext,
): Promise<FollowUpResult> {
  const { inFlight: _, ...messaged } = request.c;
  const { outcome, channel = "SMS" } = await sendCallInfo(messaging, messaged, {
    info: request.info,
    callKey: request.callKey,
    strategy: ctx.strategy,
  });
  if (outcome === "ALREADY") return "NONE";
  if (outcome === "FAILED") {
    // Recorded on the case's trail; the agent's guide says so too.
    deps.log.warn("details asked for in the call not sent", {
      ...caseRef(request.c),
      channel,
      info: request.info,
    });
  }
  return `${channel}_${outcome}` as const;
}

/** The corrected number's type goes with it: the channel depends on it. */
const phoneTypeOf = (transition: { phone?: { type: DialCase["phoneType"] } }) =>
  transition.phone ? { phoneType: transition.phone.type } : {};
