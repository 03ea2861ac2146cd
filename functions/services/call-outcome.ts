import type { Clock } from "../channels/clock";
import type { Branch } from "../domain/branches";
import type { CallOutcome, Case } from "../domain/case";
import { afterCallOutcome } from "../domain/case-transitions";
import { type DialingContext, WRAP_UP_TIMEOUT_MINUTES } from "../domain/dialing";
import { type InteractionKind, interactionFor, type NewInteraction } from "../domain/interaction";
import { maskCaseId, maskParticipantId } from "../domain/masking";
import { maskPhone } from "../domain/phone";
import { type CampaignStrategy, parseStrategy } from "../domain/strategy";
import type { AgentRoster, StartedContact } from "../store/agent-roster";
import type { CampaignStore } from "../store/campaigns";
import { ConcurrentUpdateError } from "../store/concurrent-update";
import type { DialCase, DialQueue } from "../store/dial-queue";
import type { ConcurrencyGate } from "../store/rate-limits";
import { CampaignNotFoundError, UnknownBranchError } from "./campaign-phases";

export { ConcurrentUpdateError };

/** The account-wide gate on concurrent Connect calls (shared by every branch's campaign). */
export const CONNECT_CONCURRENCY_GATE = "connect-concurrent";

/** What the dialer's services log through (the Powertools logger in Lambda). */
export interface Log {
  info(message: string, ...data: Record<string, unknown>[]): void;
  warn(message: string, ...data: Record<string, unknown>[]): void;
  error(message: string, ...data: Record<string, unknown>[]): void;
}

export interface CallServiceDeps {
  clock: Clock;
  branches: ReadonlyMap<string, Branch>;
  campaigns: Pick<CampaignStore, "get">;
  dialQueue: DialQueue;
  roster: AgentRoster;
  concurrency: ConcurrencyGate;
  log: Log;
  /**
   * An agent of this campaign became free (call ended unanswered, or disposition recorded). With
   * `connectSlot`, the ended call's Connect concurrency slot is handed over: the callee uses it for
   * the next call or gives it back.
   */
  onAgentFreed?: (
    campaign: { campaignId: string; branchCode: string },
    handOver?: { connectSlot: boolean },
  ) => Promise<void>;
  /**
   * The follow-up of an unanswered call (services/follow-ups.ts sendMissedCallFollowUp, bound to
   * its ports by the contact-events handler); absent where no follow-up goes (reconciliation).
   */
  sendMissedCallFollowUp?: (
    c: Omit<Case, "inFlight">,
    options: { endedAt: Date; strategy: CampaignStrategy },
  ) => Promise<unknown>;
}

export type CampaignDialingContext = DialingContext & { strategy: CampaignStrategy };

/** A case named in logs and error messages: its campaign and the card number's last digits. */
export function caseRef(c: { campaignId: string; participantId: string }) {
  return { campaignId: c.campaignId, participant: maskParticipantId(c.participantId) };
}

/**
 * The CALL_STARTED entry of an attempt, keyed the same whoever writes it: the start itself, or a
 * tick confirming a start whose case write failed (the entry is then written once, not twice).
 */
export function callStartedInteraction(
  c: DialCase,
  attempt: number,
  started: StartedContact,
): NewInteraction {
  return interactionFor(c, "CALL_STARTED", new Date(started.at), String(attempt), {
    contactId: started.contactId,
    detail: { attempt, ...(c.phone ? { phone: maskPhone(c.phone) } : {}) },
  });
}

/** The branch's window and agents, and the strategy stored with the campaign (the one every phase uses). */
export async function dialingContextOf(
  deps: Pick<CallServiceDeps, "branches" | "campaigns">,
  campaignId: string,
  branchCode: string,
): Promise<CampaignDialingContext> {
  const branch = deps.branches.get(branchCode);
  if (!branch) throw new UnknownBranchError(`branch ${branchCode} is not configured (BRANCHES)`);
  // A campaign's strategy never changes once stored (if_not_exists).
  const strategy = await readOnce(deps.campaigns, `strategy#${campaignId}`, async () => {
    const campaign = await deps.campaigns.get(campaignId);
    if (!campaign)
      throw new CampaignNotFoundError(`campaign ${campaignId} does not exist: map its arrears first`);
    return parseStrategy(campaign.strategy);
  });
  return { branch, strategy };
}

/** Whether a campaign exists, asked once per container: for an earlier period, it never appears later. */
export function campaignExists(
  deps: Pick<CallServiceDeps, "campaigns">,
  campaignId: string,
): Promise<boolean> {
  return readOnce(
    deps.campaigns,
    `exists#${campaignId}`,
    async () => (await deps.campaigns.get(campaignId)) !== undefined,
  );
}

/** Reads that never change, kept per store (so per container); a failed read is tried again next time. */
const readsOnce = new WeakMap<object, Map<string, Promise<unknown>>>();

function readOnce<T>(store: object, key: string, read: () => Promise<T>): Promise<T> {
  const known = readsOnce.get(store) ?? new Map<string, Promise<unknown>>();
  readsOnce.set(store, known);
  let value = known.get(key) as Promise<T> | undefined;
  if (!value) {
    value = read();
    value.catch(() => known.delete(key));
    known.set(key, value);
  }
  return value;
}

export interface EndedCall {
  attempt: number;
  /** Absent when Connect never confirmed the start. */
  contactId?: string | undefined;
  outcome: CallOutcome;
  agentId?: string | undefined;
  /** When the call ended, as the source tells (event or DescribeContact); keys the interaction. */
  at: Date;
  source: "EVENT" | "RECONCILE" | "START";
  kind?: Extract<InteractionKind, "CALL_ENDED" | "CALL_START_FAILED">;
  detail?: Record<string, string | number | boolean>;
}

const MAX_REREADS = 3;

/**
 * Ends one call attempt exactly once, whoever reports it (contact event, reconciliation, a start
 * that failed for good): schedules the retry or stops calling, records the interaction, frees the
 * Connect slot, and keeps an answering agent busy until the disposition.
 */
export async function endCall(
  deps: CallServiceDeps,
  read: DialCase,
  ended: EndedCall,
  ctx: DialingContext,
): Promise<"APPLIED" | "DUPLICATE"> {
  let c: DialCase | undefined = read;
  let applied = false;
  for (let i = 0; i < MAX_REREADS && !applied; i++) {
    const active =
      c?.inFlight?.attempt === ended.attempt && (!ended.contactId || c.activeContactId === ended.contactId);
    if (!c?.inFlight || !active) break;
    const now = deps.clock.now();
    const transition = afterCallOutcome(c, ended.outcome, now, ctx, {
      agentId: ended.agentId,
      dispositionDuringCall: Boolean(c.inFlight.disposition),
    });
    applied = await deps.dialQueue.endAttempt(c, ended, transition, {
      caseId: c.caseId,
      campaignId: c.campaignId,
      participantId: c.participantId,
      branchCode: c.branchCode,
      kind: ended.kind ?? "CALL_ENDED",
      at: ended.at.toISOString(),
      outcome: ended.outcome,
      ...(ended.agentId ? { agentId: ended.agentId } : {}),
      ...(ended.contactId ? { contactId: ended.contactId } : {}),
      detail: {
        attempt: ended.attempt,
        source: ended.source,
        ...(c.phone ? { phone: maskPhone(c.phone) } : {}),
        ...(transition.queue.next === "REQUEUE" ? { nextAttemptAt: transition.queue.nextAttemptAt } : {}),
        ...(transition.queue.next === "REMOVE" ? { stopped: true } : {}),
        ...ended.detail,
      },
      dedupeKey: ended.contactId ?? `attempt-${ended.attempt}`,
    });
    if (!applied) c = await deps.dialQueue.get(c);
  }
  const stillOurs = c?.inFlight?.attempt === ended.attempt;
  if (!applied && stillOurs) {
    throw new ConcurrentUpdateError(
      `case ${maskCaseId(read)} changed ${MAX_REREADS} times while ending attempt ${ended.attempt}`,
    );
  }
  // The roster entry of this attempt goes (or becomes after-contact work) whether we applied the
  // outcome now or a crashed earlier delivery did.
  await settleRoster(
    deps,
    read,
    ended.attempt,
    applied && ended.outcome === "ANSWERED" ? ended.at : undefined,
  );
  return applied ? "APPLIED" : "DUPLICATE";
}

/** Frees the Connect slot of an ended call exactly once; an answering agent moves to after-contact work. */
async function settleRoster(
  deps: CallServiceDeps,
  c: DialCase,
  attempt: number,
  answeredEndedAt: Date | undefined,
): Promise<void> {
  const left = answeredEndedAt
    ? await deps.roster.toWrapUp(c.campaignId, c.participantId, attempt, answeredEndedAt.toISOString())
    : (await deps.roster.release(c.campaignId, c.participantId, { attempt, phase: "CALL" })) === "CALL";
  if (!left) return;
  if (!answeredEndedAt && deps.onAgentFreed) {
    // The freed agent's next call takes over this call's Connect slot: no leave and enter again.
    await deps.onAgentFreed({ campaignId: c.campaignId, branchCode: c.branchCode }, { connectSlot: true });
  } else {
    await deps.concurrency.leave(CONNECT_CONCURRENCY_GATE);
  }
}

/** After-contact work past its limit (a disposition that never came): the agent counts as free. */
export function wrapUpExpired(endedAt: string | undefined, now: Date): boolean {
  return !endedAt || now.getTime() - new Date(endedAt).getTime() >= WRAP_UP_TIMEOUT_MINUTES * 60_000;
}

/** The end of a call, as a contact event tells it. */
export interface ContactEvent {
  contactId: string;
  outcome: CallOutcome;
  agentId?: string | undefined;
  at: Date;
  disconnectReason?: string | undefined;
  /** Agent connected to hang-up, for the per-agent talk time. */
  talkSeconds?: number | undefined;
}

export interface ContactEventResult {
  status: "APPLIED" | "DUPLICATE" | "UNKNOWN_CONTACT";
  caseId?: string;
}

/**
 * Applies one Amazon Connect contact event. Events are unordered and may repeat: anything for a
 * contact that is no longer a case's call in flight is a no-op; unknown contacts are reported,
 * not thrown (inbound calls and other tools share the instance).
 */
export async function recordContactEvent(
  deps: CallServiceDeps,
  event: ContactEvent,
): Promise<ContactEventResult> {
  // The index only names the case, which is read itself; endCall's conditional write decides
  // when another writer changes it in between.
  const c = await deps.dialQueue.findByContact(event.contactId);
  if (!c) return { status: "UNKNOWN_CONTACT" };
  if (!c.inFlight || c.activeContactId !== event.contactId) return { status: "DUPLICATE", caseId: c.caseId };
  const ctx = await dialingContextOf(deps, c.campaignId, c.branchCode);
  const status = await endCall(
    deps,
    c,
    {
      attempt: c.inFlight.attempt,
      contactId: event.contactId,
      outcome: event.outcome,
      agentId: event.agentId,
      at: event.at,
      source: "EVENT",
      detail: {
        ...(event.disconnectReason ? { disconnectReason: event.disconnectReason } : {}),
        ...(event.talkSeconds !== undefined ? { talkSeconds: event.talkSeconds } : {}),
      },
    },
    ctx,
  );
  if (status === "APPLIED" && event.outcome === "NO_ANSWER") await missedCallFollowUp(deps, c, event.at, ctx);
  return { status, caseId: c.caseId };
}

/**
 * The missed-call message, best effort: the outcome is recorded whatever becomes of it, and a
 * redelivered event finds its call ended (so a throw here would not bring the message back).
 */
async function missedCallFollowUp(
  deps: CallServiceDeps,
  c: DialCase,
  endedAt: Date,
  ctx: CampaignDialingContext,
): Promise<void> {
  if (!deps.sendMissedCallFollowUp) return;
  try {
    await deps.sendMissedCallFollowUp(c, { endedAt, strategy: ctx.strategy });
  } catch (error) {
    deps.log.warn("missed-call follow-up not sent", {
      ...caseRef(c),
      error: error instanceof Error ? error.name : "Error",
    });
  }
}
