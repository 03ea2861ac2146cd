import type { CaseStatus, DispositionCode } from "../domain/case";
import {
  afterDisposition,
  type Disposition,
  type FieldIssue,
  redactFreeText,
  validateDisposition,
} from "../domain/dialing";
import { maskPhone, normalizePhone } from "../domain/phone";
import type { CaseKey, DialCase } from "../store/case-calls";
import type { NewInteraction } from "../store/interactions";
import { type CallServiceDeps, ConcurrentUpdateError, dialingContextOf } from "./call-outcome";

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
  notes?: string | undefined;
}

export interface RecordDispositionResult {
  caseId: string;
  status: CaseStatus;
  /** When the case will be called again; absent when calling stopped. */
  nextAttemptAt?: string;
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
 * Records what the agent decided after talking to the participant: one conditional update of the
 * case and one DISPOSITION interaction, in a single transaction, after every field was checked.
 * The agent is free for the next call once it is recorded.
 */
export async function recordDisposition(
  deps: CallServiceDeps,
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
    notes: input.notes,
  };
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
      return { caseId: c.caseId, status: c.status };
    }
    const issues = validateDisposition(c, disposition, now, ctx);
    if (issues.length > 0) throw new DispositionRejectedError(issues);
    const transition = afterDisposition(c, disposition, now, ctx);
    if (await deps.calls.applyDisposition(c, transition, interaction)) {
      await freeAgent(deps, c);
      const next = transition.queue.next === "REQUEUE" ? transition.queue.nextAttemptAt : undefined;
      return { caseId: c.caseId, status: c.status, ...(next ? { nextAttemptAt: next } : {}) };
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
  return { ...found, branchCode: found.campaignId.split("#")[0] ?? "" };
}

function dispositionInteraction(c: DialCase, input: RecordDispositionInput, now: Date): NewInteraction {
  const contactId = input.contactId ?? (c.inFlight?.contactId || undefined);
  const phone = input.newPhone ? normalizePhone(input.newPhone) : undefined;
  const detail: Record<string, string | number | boolean> = {};
  if (input.promiseDate) detail.promiseDate = input.promiseDate;
  if (input.callbackAt) detail.callbackAt = input.callbackAt;
  if (phone?.ok) detail.newPhone = maskPhone(phone.e164);
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
