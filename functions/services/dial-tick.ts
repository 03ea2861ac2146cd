import { dialStatus } from "../domain/call-eligibility";
import { dayWindow, nextWindowOpen } from "../domain/calling-window";
import { campaignIdOf } from "../domain/case";
import { dayPhase, dialCapacity, nextTickAt } from "../domain/dialing";
import { localDate, startOfNextLocalDay } from "../domain/local-time";
import type { RosterEntry } from "../store/agent-roster";
import type { QueuedCase } from "../store/dial-queue";
import { type CampaignDialingContext, CONNECT_CONCURRENCY_GATE, dialingContextOf } from "./call-outcome";
import { reconcileCalls } from "./reconcile-calls";
import { type HeldSlot, type StartCallDeps, startCall } from "./start-call";

/** A tick starts calls (start-call.ts) and reconciles those whose events never came. */
export type DialTickDeps = StartCallDeps;

export interface DialTickInput {
  branchCode: string;
  period: string;
  /** The local calling day, YYYY-MM-DD. */
  day: string;
}

/** The dialing-day state machine's contract (workflows/dialing-day.asl.json). */
export interface DialTickResult {
  started: number;
  inFlight: number;
  reconciled: number;
  /** ISO instant; the Wait state jumps there. */
  nextTickAt: string;
  /** The branch's window has closed for `day`, or nothing more can be called that day. */
  dayDone: boolean;
  /** No case left in the dial queue and none in flight (nor awaiting its disposition). */
  campaignDone: boolean;
}

interface StartRound {
  started: number;
  /** Due work is left that a free agent could take now (throttled, or more due than read). */
  startable: boolean;
  /** The whole queue was read, so `earliest` is the next time anything falls due. */
  scannedAll: boolean;
  /** Some case is still queued (or busy on the roster). */
  remaining: boolean;
  earliest: Date | undefined;
}

/**
 * Starts calls for the campaign's free agents, best candidates first: reads only what is due now,
 * and the whole queue only when nobody is busy (to learn when the next case falls due).
 */
async function startForFreeAgents(
  deps: DialTickDeps,
  ctx: CampaignDialingContext,
  campaignId: string,
  roster: RosterEntry[],
  now: Date,
  slot: HeldSlot = { held: false },
): Promise<StartRound> {
  const round: StartRound = {
    started: 0,
    startable: false,
    scannedAll: false,
    remaining: false,
    earliest: undefined,
  };
  const capacity = dialCapacity({
    agentsOnShift: ctx.branch.agentsOnShift,
    agentsBusy: roster.length,
    callsInFlight: roster.filter((e) => e.phase === "CALL").length,
    maxConcurrentCalls: deps.quotas.maxConcurrentCalls,
  });
  if (capacity === 0) return round;
  const busy = new Set(roster.map((e) => e.participantId));
  const candidates: QueuedCase[] = [];
  const visit = async (c: QueuedCase) => {
    if (busy.has(c.participantId)) {
      round.remaining = true;
      return false;
    }
    const status = dialStatus(c, now, ctx);
    if (status.kind === "STOP") {
      await deps.dialQueue.removeFromQueue(c);
      return false;
    }
    round.remaining = true;
    if (status.kind === "WAIT" && (!round.earliest || status.until < round.earliest))
      round.earliest = status.until;
    if (status.kind !== "CALL_NOW") return false;
    candidates.push(c);
    return candidates.length >= capacity;
  };
  // Most of the queue waits for a later attempt: read only what is due now, in priority order.
  let scan = await deps.dialQueue.scanDialQueue(campaignId, visit, { dueBy: now });
  if (candidates.length === 0 && roster.length === 0) {
    // Nothing due and nobody busy: the whole queue tells when the next case falls due.
    round.remaining = false;
    scan = await deps.dialQueue.scanDialQueue(campaignId, visit);
    round.scannedAll = scan.exhausted;
  }
  for (const c of candidates) {
    const result = await startCall(deps, c, ctx, slot);
    if (result === "STARTED") round.started++;
    else round.startable = true;
    if (result === "NO_SLOT" || result === "THROTTLED") break;
  }
  // Due cases left and an agent still free: look again soon.
  if (!scan.exhausted && round.started < capacity) round.startable = true;
  return round;
}

/**
 * One tick of the progressive dialer for one branch's campaign: reconcile calls whose events never
 * came, then start calls for the free agents, best candidates first, paced by the account-wide
 * start quota and bounded by the instance's concurrent calls. While agents are busy, the handler
 * that frees one starts the next call (dialFreedAgents); ticks are the safety net.
 */
export async function dialTick(deps: DialTickDeps, input: DialTickInput): Promise<DialTickResult> {
  const campaignId = campaignIdOf(input.branchCode, input.period);
  const ctx = await dialingContextOf(deps, campaignId, input.branchCode);
  await deps.roster.ensure(campaignId);
  let roster = await deps.roster.entries(campaignId);
  const { reconciled, repaired } = await reconcileCalls(deps, campaignId, ctx, roster);
  if (reconciled + repaired > 0) roster = await deps.roster.entries(campaignId);

  const now = deps.clock.now();
  const phase = dayPhase(input.day, now, ctx);
  let round: StartRound | undefined;
  if (phase === "OPEN") {
    round = await startForFreeAgents(deps, ctx, campaignId, roster, now);
    // Only a start (or a failed one, which may have released a seat) changes the roster.
    if (round.started > 0 || round.startable) roster = await deps.roster.entries(campaignId);
  }
  const { started = 0, startable = false, scannedAll = false, remaining = false, earliest } = round ?? {};

  const inFlight = roster.filter((e) => e.phase === "CALL").length;
  // A partial scan that saw queued cases already answers; otherwise one item of the index does.
  const queueEmpty = scannedAll || remaining ? !remaining : await deps.dialQueue.queueEmpty(campaignId);
  // Agents still in after-contact work count: their disposition may queue the case again.
  const campaignDone = queueEmpty && roster.length === 0;
  const { timeZone, contactWindow } = ctx.branch;
  const window = dayWindow(input.day, timeZone, contactWindow);
  let dayDone: boolean;
  let next: Date | undefined;
  if (phase === "OPEN") {
    const closes = (window?.closes ?? now).getTime();
    dayDone =
      campaignDone ||
      (inFlight === 0 && !startable && scannedAll && (!earliest || earliest.getTime() >= closes));
    next = nextTickAt(now, {
      busy: roster.length > 0,
      startable,
      earliestCall: scannedAll ? earliest : undefined,
    });
  } else if (phase === "BEFORE") {
    dayDone = campaignDone;
    next = inFlight > 0 ? nextTickAt(now, { busy: true, startable: false }) : window?.opens;
  } else {
    // Past the window: wait for calls still ringing or talking, at most until they would be reconciled.
    const grace = (window?.closes ?? now).getTime() + ctx.strategy.calls.inFlightTimeoutMinutes * 60_000;
    dayDone = inFlight === 0 || now.getTime() >= grace;
    next = dayDone ? undefined : nextTickAt(now, { busy: true, startable: false });
  }
  // Nothing to do any more today: the next window opening (the next day's execution takes over).
  next ??= nextWindowOpen(startOfNextLocalDay(now, timeZone), timeZone, contactWindow);
  return { started, inFlight, reconciled, nextTickAt: next.toISOString(), dayDone, campaignDone };
}

/**
 * A call ended or a disposition freed an agent: start the next call(s) for that campaign at once,
 * if it is dialing and its window is open, instead of waking the dialing-day execution. The same
 * capacity, priority, cap and quota rules as a tick apply (the roster's seat count is checked
 * atomically, so a tick and several freeing handlers at once never exceed the agents on shift).
 */
export async function dialFreedAgents(
  deps: DialTickDeps,
  key: { campaignId: string; branchCode: string },
  handOver: { connectSlot: boolean } = { connectSlot: false },
): Promise<number> {
  const slot: HeldSlot = { held: handOver.connectSlot };
  try {
    const [campaign, roster] = await Promise.all([
      deps.campaigns.get(key.campaignId),
      deps.roster.entries(key.campaignId),
    ]);
    if (campaign?.status !== "DIALING") return 0;
    const ctx = await dialingContextOf(deps, key.campaignId, key.branchCode);
    const now = deps.clock.now();
    if (dayPhase(localDate(now, ctx.branch.timeZone), now, ctx) !== "OPEN") return 0;
    return (await startForFreeAgents(deps, ctx, key.campaignId, roster, now, slot)).started;
  } finally {
    // Handed over but no call took it: the slot goes back to the instance.
    if (slot.held) await deps.concurrency.leave(CONNECT_CONCURRENCY_GATE);
  }
}
