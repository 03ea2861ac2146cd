import { SmsSendError, type SmsSender } from "../channels/sms";
import type { CaseStatus, DispositionCode } from "../domain/case";
import {
  afterDisposition,
  type Disposition,
  type FieldIssue,
  redactFreeText,
  validateDisposition,
} from "../domain/dialing";
import type { SendInfo } from "../domain/disposition";
import { maskPhone, normalizePhone } from "../domain/phone";
import { followUpSms, smsSegments } from "../domain/sms-template";
import type { CaseKey, DialCase } from "../store/case-calls";
import { interactionFor, type NewInteraction } from "../store/interactions";
import type { ParticipantContactStore } from "../store/participants";
import type { RateLimiter } from "../store/rate-limits";
import { type CallServiceDeps, ConcurrentUpdateError, dialingContextOf } from "./call-outcome";
import { SMS_RATE_LIMIT_ID } from "./send-sms";

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

/** What the disposition's follow-ups need: the participant's contact data and the SMS port. */
export interface FollowUpDeps {
  participants: ParticipantContactStore;
  /** Built on first use: most dispositions send nothing. */
  sms: () => SmsSender;
  rateLimiter: RateLimiter;
  smsPerSecond: number;
}

export type FollowUpResult = "NONE" | "SMS_SENT" | "SMS_FAILED";

export interface RecordDispositionResult {
  caseId: string;
  status: CaseStatus;
  /** When the case will be called again; absent when calling stopped. */
  nextAttemptAt?: string;
  /** The SMS the participant asked for; a failure is recorded as SMS_FAILED, never dropped. */
  followUp: FollowUpResult;
}

/** The disposition cannot be recorded as given; each issue names its field. Nothing was written. */
export class DispositionRejectedError extends Error {
  override name = "DispositionRejectedError";
  constructor(readonly issues: FieldIssue[]) {
    super(`invalid disposition: ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`);
  }
}

export class CaseNotFoundError extends Error {
  override name = "CaseNotFoundError";
}

const CASE_ID = /^([A-Z][A-Z0-9_]{1,31})#(\d{4}-\d{2})#(\d{13})$/;
const MAX_REREADS = 3;

function caseKeyOf(caseId: string): CaseKey & { branchCode: string } {
  const match = CASE_ID.exec(caseId);
  if (!match)
    throw new DispositionRejectedError([
      { field: "caseId", message: "must be <branch>#<YYYY-MM>#<participantId>" },
    ]);
  const [, branchCode = "", period = "", participantId = ""] = match;
  return { branchCode, campaignId: `${branchCode}#${period}`, participantId };
}

/**
 * Records what the agent decided after talking to the participant: every field is checked first
 * (nothing is written for a rejected disposition); a corrected number goes to the participant and
 * the audit trail; then one conditional update of the case and one DISPOSITION interaction, in a
 * single transaction; last, the SMS the participant asked for. The agent is then free again.
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
  let contactUpdated = false;
  for (let i = 0; i < MAX_REREADS; i++) {
    const c = await deps.calls.get(key);
    if (!c) throw new CaseNotFoundError(`case ${key.campaignId}#${key.participantId} does not exist`);
    const now = deps.clock.now();
    const interaction = dispositionInteraction(c, input, now);
    if (c.status !== "OPEN") {
      // Paid or closed meanwhile: the conversation still goes on record, the case stays as it is.
      await deps.calls.recordInteraction({
        ...interaction,
        detail: { ...interaction.detail, caseStatus: c.status },
      });
      await freeAgent(deps, c);
      return { caseId: c.caseId, status: c.status, followUp: "NONE" };
    }
    const issues = validateDisposition(c, disposition, now, ctx);
    if (issues.length > 0) throw new DispositionRejectedError(issues);
    const transition = afterDisposition(c, disposition, now, ctx);
    // Before the case: the participant update is idempotent, so a retry after a failed case
    // write repeats it harmlessly, while the case write is what a retry must not do twice.
    if (transition.phone && !contactUpdated) {
      await updateContact(deps, followUp, c, input, transition.phone, now);
      contactUpdated = true;
    }
    if (await deps.calls.applyDisposition(c, transition, interaction)) {
      const next = transition.queue.next === "REQUEUE" ? transition.queue.nextAttemptAt : undefined;
      const phone = transition.phone?.e164 ?? c.phone;
      const sent =
        input.sendInfo && phone
          ? await sendFollowUp(deps, followUp, c, input, input.sendInfo, phone)
          : "NONE";
      // The participant's follow-up first; then the agent's seat goes to the next call.
      await freeAgent(deps, c);
      return { caseId: c.caseId, status: c.status, ...(next ? { nextAttemptAt: next } : {}), followUp: sent };
    }
  }
  throw new ConcurrentUpdateError(`case ${key.campaignId}#${key.participantId} kept changing; try again`);
}

/** The agent's after-contact work ends with the disposition: the seat goes to the next call. */
async function freeAgent(deps: CallServiceDeps, c: DialCase): Promise<void> {
  if (await deps.calls.release(c.campaignId, c.participantId, { phase: "WRAP_UP" })) {
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
  const found = input.contactId ? await deps.calls.findByContact(input.contactId) : undefined;
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
 * `detail.rightPartyContact` (the agent spoke with the participant).
 */
function dispositionInteraction(c: DialCase, input: RecordDispositionInput, now: Date): NewInteraction {
  const contactId = contactOf(c, input);
  const phone = input.newPhone ? normalizePhone(input.newPhone) : undefined;
  const detail: Record<string, string | number | boolean> = {
    rightPartyContact: input.code !== "WRONG_NUMBER",
  };
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
    dedupeKey: `${contactId ?? "no-contact"}#${input.code}`,
  };
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
  await deps.calls.recordInteraction(
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

/** The SMS the participant asked for, paced by the account-wide SMS quota; recorded either way. */
async function sendFollowUp(
  deps: CallServiceDeps,
  followUp: FollowUpDeps,
  c: DialCase,
  input: RecordDispositionInput,
  info: SendInfo,
  phone: string,
): Promise<FollowUpResult> {
  const text = followUpSms(c, info);
  const contactId = contactOf(c, input);
  const messageKey = `${c.caseId}#follow-up#${contactId ?? deps.clock.now().toISOString()}#${info}`;
  await followUp.rateLimiter.acquire(SMS_RATE_LIMIT_ID, followUp.smsPerSecond, 1);
  const base = { info, phone: maskPhone(phone), followUpOf: input.code };
  try {
    const { messageId } = await followUp.sms().send({ phone, text, caseId: c.caseId, messageKey });
    await deps.calls.recordInteraction(
      interactionFor(c, "SMS_SENT", deps.clock.now(), messageKey, {
        agentId: input.agentId,
        detail: { ...base, messageId, segments: smsSegments(text).segments },
      }),
    );
    return "SMS_SENT";
  } catch (error) {
    if (!(error instanceof SmsSendError)) throw error;
    deps.log.warn("follow-up SMS failed", { caseId: c.caseId, code: error.code });
    await deps.calls.recordInteraction(
      interactionFor(c, "SMS_FAILED", deps.clock.now(), messageKey, {
        agentId: input.agentId,
        detail: { ...base, code: error.code, retryable: error.retryable },
      }),
    );
    return "SMS_FAILED";
  }
}
