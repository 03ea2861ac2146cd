import type { Branch } from "./branches";
import { dayWindow } from "./calling-window";
import type { CampaignStrategy } from "./strategy";

/**
 * Progressive dialing's pacing, pure: where a calling day stands, how many calls to start, when the
 * next tick is useful. Who may be called when is call-eligibility.ts's; what an outcome or a
 * disposition does to a case, case-transitions.ts's. Every time is passed in; nothing here reads a
 * clock.
 */

/** While due work could not be started yet (throttled, a seat being given back) the dialer looks again this soon. */
export const TICK_INTERVAL_SECONDS = 30;
/**
 * While agents are busy, the handler that frees an agent starts the next call itself; the tick
 * only reconciles lost outcomes and catches up this often, so a busy hour costs 12 ticks, not one
 * per call.
 */
export const BUSY_TICK_INTERVAL_SECONDS = 300;
/**
 * An agent whose disposition never arrives is counted busy (after-contact work) at most this long,
 * so a lost disposition cannot hold a seat forever.
 */
export const WRAP_UP_TIMEOUT_MINUTES = 5;

export interface DialingContext {
  branch: Pick<Branch, "timeZone" | "contactWindow" | "agentsOnShift" | "queueId">;
  /** doNotContactDays: absent where the caller keeps no lasting status (DEFAULT_STRATEGY's then). */
  strategy: Pick<CampaignStrategy, "frequencyCap" | "calls" | "buckets"> &
    Partial<Pick<CampaignStrategy, "doNotContactDays">>;
}

export type DayPhase = "BEFORE" | "OPEN" | "CLOSED";

/** Where `now` stands in the calling day `day`: before its window, inside it, or past it (or no window). */
export function dayPhase(day: string, now: Date, ctx: DialingContext): DayPhase {
  const w = dayWindow(day, ctx.branch.timeZone, ctx.branch.contactWindow);
  if (!w || now.getTime() >= w.closes.getTime()) return "CLOSED";
  return now.getTime() < w.opens.getTime() ? "BEFORE" : "OPEN";
}

/**
 * Calls to start now: free agents (on shift minus those on a call or in after-contact work),
 * capped by what the Connect instance may still carry for this campaign.
 */
export function dialCapacity(input: {
  agentsOnShift: number;
  /** Calls in flight plus agents still in after-contact work. */
  agentsBusy: number;
  callsInFlight: number;
  maxConcurrentCalls: number;
}): number {
  const agents = input.agentsOnShift - input.agentsBusy;
  const instance = input.maxConcurrentCalls - input.callsInFlight;
  return Math.max(0, Math.min(agents, instance));
}

/**
 * When the next tick is useful: soon while due work waits to be started; while agents are busy,
 * the busy interval (or the earliest queued call, if sooner); otherwise the earliest time a
 * queued case may be called (already moved into a window), so idle hours are one jump.
 * Undefined when nothing will ever be callable.
 */
export function nextTickAt(
  now: Date,
  input: { busy: boolean; startable: boolean; earliestCall?: Date | undefined },
): Date | undefined {
  const after = (seconds: number) => new Date(now.getTime() + seconds * 1000);
  if (input.startable) return after(TICK_INTERVAL_SECONDS);
  const earliest =
    input.earliestCall && input.earliestCall.getTime() <= now.getTime()
      ? after(TICK_INTERVAL_SECONDS)
      : input.earliestCall;
  if (!input.busy) return earliest;
  const safety = after(BUSY_TICK_INTERVAL_SECONDS);
  return earliest && earliest.getTime() < safety.getTime() ? earliest : safety;
}
