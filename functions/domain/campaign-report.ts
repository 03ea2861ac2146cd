/**
 * A campaign's report, pure: figures per category, per agent and per local day, roll between
 * categories against the previous period, from the cases and their audit trail. Every rate is
 * defined in docs/reports.md; a rate whose denominator is 0 is 0 here and shown as "-". Each
 * section is computed in its own module of report/; this one assembles them.
 */
import type { Case } from "./case";
import { withoutReplacedDispositions } from "./disposition-delivery";
import { type AgentFigures, byAgent } from "./report/agents";
import { type AreaBreakdown, byArea } from "./report/areas";
import { type ChannelFigures, channelFigures } from "./report/channels";
import { byDay, type DayFigures } from "./report/days";
import { promiseOutcome, type ReportEvent } from "./report/events";
import { type FunnelFigures, funnel, trails } from "./report/funnel";
import { byKader, type KaderFigures } from "./report/kader";
import { type ReminderFigures, reminderFigures } from "./report/reminders";
import { type PreviousCampaign, type RollFigures, rollFigures } from "./report/roll";
import type { CampaignStrategy } from "./strategy";

export type { AgentFigures } from "./report/agents";
export type { AreaBreakdown, AreaFigures } from "./report/areas";
export type { ChannelFigures } from "./report/channels";
export type { DayFigures } from "./report/days";
export { type PromiseOutcome, promiseOutcome, type ReportEvent, ratio } from "./report/events";
export type { FunnelFigures } from "./report/funnel";
export type { KaderFigures } from "./report/kader";
export { type ReminderFigures, reminderFigures } from "./report/reminders";
export { type PreviousCampaign, type RollFigures, type RollRow, rollFigures } from "./report/roll";

export type ContactUpdateReason = "NO_PHONE" | "INVALID_NUMBER" | "WRONG_NUMBER";

export interface CampaignReport {
  campaignId: string;
  branchCode: string;
  period: string;
  timeZone: string;
  generatedAt: string;
  total: FunnelFigures;
  byBucket: (FunnelFigures & { bucketId: string; label: string })[];
  byAgent: AgentFigures[];
  byDay: DayFigures[];
  /** Per kabupaten and per kecamatan of the cases' areas (null: the snapshot named none). */
  byArea: AreaBreakdown;
  /** Per kader: visits (KADER_VISIT), promises, payments after the visit. */
  byKader: KaderFigures[];
  reminders: ReminderFigures;
  /** Messages per channel (WhatsApp, SMS): sent, delivered, read, replied, failed, payments after. */
  channels: ChannelFigures[];
  /** Absent when there is no previous period's campaign. */
  roll?: RollFigures;
  /** Not-contactable cases by why their contact data needs an update. */
  contactUpdates: Record<ContactUpdateReason, number>;
  finalStatuses: Record<string, number>;
}

export interface ReportInput {
  campaignId: string;
  branchCode: string;
  period: string;
  strategy: Pick<CampaignStrategy, "buckets" | "calls">;
  timeZone: string;
  cases: readonly Case[];
  events: readonly ReportEvent[];
  previous?: PreviousCampaign | undefined;
  now: Date;
}

/** Why a not-contactable case needs new contact data; undefined while it is contactable. */
export function contactUpdateReason(
  c: Pick<Case, "contactable" | "lastOutcome">,
): ContactUpdateReason | undefined {
  if (c.contactable) return undefined;
  if (c.lastOutcome === "INVALID_NUMBER" || c.lastOutcome === "WRONG_NUMBER") return c.lastOutcome;
  return "NO_PHONE";
}

/** The campaign's report at `now` (definitions in docs/reports.md). */
export function campaignReport(input: ReportInput): CampaignReport {
  const { cases, strategy, timeZone, now } = input;
  const events = withoutReplacedDispositions(input.events);
  const graceDays = strategy.calls.promiseGraceDays;
  const outcomeOf = (c: Case) =>
    c.promise ? promiseOutcome(c.promise, now, timeZone, graceDays) : undefined;
  const byCase = trails(events);
  const finalStatuses: Record<string, number> = {};
  const contactUpdates: Record<ContactUpdateReason, number> = {
    NO_PHONE: 0,
    INVALID_NUMBER: 0,
    WRONG_NUMBER: 0,
  };
  for (const c of cases) {
    const key = c.status === "CLOSED" ? `CLOSED:${c.closeReason ?? "UNKNOWN"}` : c.status;
    finalStatuses[key] = (finalStatuses[key] ?? 0) + 1;
    const reason = contactUpdateReason(c);
    if (reason) contactUpdates[reason]++;
  }
  const bucketIds = strategy.buckets.map((b) => b.id);
  return {
    campaignId: input.campaignId,
    branchCode: input.branchCode,
    period: input.period,
    timeZone,
    generatedAt: now.toISOString(),
    total: funnel(cases, byCase, outcomeOf),
    byBucket: strategy.buckets.map((b) => ({
      bucketId: b.id,
      label: b.label,
      ...funnel(
        cases.filter((c) => c.bucketId === b.id),
        byCase,
        outcomeOf,
      ),
    })),
    byAgent: byAgent(cases, events, outcomeOf),
    byDay: byDay(events, timeZone),
    byArea: byArea(cases, byCase, outcomeOf),
    byKader: byKader(events),
    reminders: reminderFigures(events),
    channels: channelFigures(events),
    ...(input.previous ? { roll: rollFigures(bucketIds, input.previous, cases) } : {}),
    contactUpdates,
    finalStatuses,
  };
}
