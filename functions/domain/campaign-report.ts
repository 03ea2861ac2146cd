import type { Case } from "./case";
import { withoutReplacedDispositions } from "./disposition-delivery";
import { addDays, localDate } from "./local-time";
import type { CampaignStrategy } from "./strategy";

/**
 * A campaign's report, pure: figures per category, per agent and per local day, roll between
 * categories against the previous period, from the cases and their audit trail. Every rate is
 * defined in docs/reports.md; a rate whose denominator is 0 is 0 here and shown as "-".
 */

/** What the report reads of an interaction (a structural subset of the stored audit entry). */
export interface ReportEvent {
  kind: string;
  at: string;
  participantId: string;
  agentId?: string | undefined;
  contactId?: string | undefined;
  outcome?: string | undefined;
  amount?: number | undefined;
  detail?: Record<string, string | number | boolean> | undefined;
}

/** The funnel of one category (or of the whole campaign). Counts are cases unless named otherwise. */
export interface FunnelFigures {
  targeted: number;
  smsSent: number;
  smsFailed: number;
  /** No SMS confirmed sent, and a wave's send never confirmed: it may have gone, and is never resent. */
  smsUnconfirmed: number;
  called: number;
  /** Call attempts (calls), not cases. */
  callAttempts: number;
  contacted: number;
  rightPartyContacted: number;
  promised: number;
  promisesKept: number;
  promisesBroken: number;
  promisesPending: number;
  paid: number;
  amountDue: number;
  amountCollected: number;
  notContactable: number;
  contactRate: number;
  rightPartyContactRate: number;
  promiseToPayRate: number;
  promiseKeptRate: number;
  collectionRate: number;
  amountCollectedRate: number;
}

export interface AgentFigures {
  agentId: string;
  /** Answered calls that ended connected to this agent. */
  callsHandled: number;
  /** Seconds from call start to hang-up of those calls (ringing included). */
  callSeconds: number;
  /** Cases this agent recorded a disposition for. */
  contacts: number;
  rightPartyContacts: number;
  /** Cases whose (latest) promise this agent took. */
  promises: number;
  promisesKept: number;
  promisesBroken: number;
  promiseToPayRate: number;
  promiseKeptRate: number;
  /** Payments on this agent's promised cases at or after the promise was taken. */
  amountCollectedAfterPromise: number;
}

export interface DayFigures {
  /** Local date in the branch's time zone. */
  date: string;
  smsSent: number;
  callAttempts: number;
  contacts: number;
  promises: number;
  payments: number;
  amountPaid: number;
}

/** Where one previous-period category's participants are this period. */
export interface RollRow {
  fromBucketId: string;
  participants: number;
  /** Participants per current category id. */
  to: Record<string, number>;
  /** In the previous campaign, not in this one: no longer in arrears past the minimum. */
  left: number;
  rolledBack: number;
  stayed: number;
  rolledForward: number;
  rollForwardRate: number;
  cureRate: number;
}

export interface RollFigures {
  previousCampaignId: string;
  rows: RollRow[];
  /** In this campaign, not in the previous one. */
  newParticipants: number;
}

/** The SMS waves' reminders (not the follow-ups agents send): how many went, and how long they were. */
export interface ReminderFigures {
  /** Reminders sent (SMS_SENT of a wave), messages not cases. */
  sent: number;
  /** Their segments together: what the SMS channel bills. */
  segments: number;
  /** segments / sent; 0 when none was sent. */
  segmentsPerReminder: number;
  /** The longest reminder, in segments (at most two GSM-7 segments by design). */
  maxSegments: number;
}

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
  reminders: ReminderFigures;
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
  previous?: { campaignId: string; cases: readonly Pick<Case, "participantId" | "bucketId">[] } | undefined;
  now: Date;
}

export const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

export type PromiseOutcome = "KEPT" | "BROKEN" | "PENDING";

/**
 * A promise's outcome at `now`: KEPT when the payment store kept it (paid in full by its date);
 * BROKEN when marked so, or still pending once its date + grace days have passed locally, whether
 * or not a dialer tick has looked at the case since.
 */
export function promiseOutcome(
  promise: NonNullable<Case["promise"]>,
  now: Date,
  timeZone: string,
  graceDays: number,
): PromiseOutcome {
  if (promise.status !== "PENDING") return promise.status;
  return localDate(now, timeZone) > addDays(promise.date, graceDays) ? "BROKEN" : "PENDING";
}

/** Why a not-contactable case needs new contact data; undefined while it is contactable. */
export function contactUpdateReason(
  c: Pick<Case, "contactable" | "lastOutcome">,
): ContactUpdateReason | undefined {
  if (c.contactable) return undefined;
  if (c.lastOutcome === "INVALID_NUMBER" || c.lastOutcome === "WRONG_NUMBER") return c.lastOutcome;
  return "NO_PHONE";
}

/** What the audit trail tells per case: the dispositions recorded for it. */
interface CaseTrail {
  dispositions: number;
  rightParty: boolean;
}

function trails(events: readonly ReportEvent[]): Map<string, CaseTrail> {
  const byCase = new Map<string, CaseTrail>();
  for (const e of events) {
    if (e.kind !== "DISPOSITION") continue;
    const t = byCase.get(e.participantId) ?? { dispositions: 0, rightParty: false };
    t.dispositions++;
    if (e.outcome !== "WRONG_NUMBER") t.rightParty = true;
    byCase.set(e.participantId, t);
  }
  return byCase;
}

/** A call attempt: a started call, or a start refused for good (a retryable refusal is undone). */
const isCallAttempt = (e: ReportEvent) =>
  e.kind === "CALL_STARTED" || (e.kind === "CALL_START_FAILED" && e.detail?.retryable === false);

function funnel(
  cases: readonly Case[],
  byCase: Map<string, CaseTrail>,
  outcomeOf: (c: Case) => PromiseOutcome | undefined,
): FunnelFigures {
  const count = (test: (c: Case) => boolean) => cases.reduce((n, c) => n + (test(c) ? 1 : 0), 0);
  const sum = (value: (c: Case) => number) => cases.reduce((n, c) => n + value(c), 0);
  const called = count((c) => c.callAttempts > 0);
  const contacted = count(
    (c) => c.contacted === true || (byCase.get(c.participantId)?.dispositions ?? 0) > 0,
  );
  const rightPartyContacted = count(
    (c) => c.promise !== undefined || byCase.get(c.participantId)?.rightParty === true,
  );
  const promised = count((c) => c.promise !== undefined);
  const promisesKept = count((c) => outcomeOf(c) === "KEPT");
  const promisesBroken = count((c) => outcomeOf(c) === "BROKEN");
  const paid = count((c) => c.status === "PAID");
  const amountDue = sum((c) => c.amountDue);
  const amountCollected = sum((c) => c.amountPaid);
  return {
    targeted: cases.length,
    smsSent: count((c) => c.smsSent > 0),
    smsFailed: count((c) => c.smsSent === 0 && Object.values(c.sms ?? {}).some((s) => s.status === "FAILED")),
    smsUnconfirmed: count(
      (c) => c.smsSent === 0 && Object.values(c.sms ?? {}).some((s) => s.status === "CLAIMED"),
    ),
    called,
    callAttempts: sum((c) => c.callAttempts),
    contacted,
    rightPartyContacted,
    promised,
    promisesKept,
    promisesBroken,
    promisesPending: promised - promisesKept - promisesBroken,
    paid,
    amountDue,
    amountCollected,
    notContactable: count((c) => !c.contactable),
    contactRate: ratio(contacted, called),
    rightPartyContactRate: ratio(rightPartyContacted, contacted),
    promiseToPayRate: ratio(promised, rightPartyContacted),
    promiseKeptRate: ratio(promisesKept, promisesKept + promisesBroken),
    collectionRate: ratio(paid, cases.length),
    amountCollectedRate: ratio(amountCollected, amountDue),
  };
}

function byAgent(
  cases: readonly Case[],
  events: readonly ReportEvent[],
  outcomeOf: (c: Case) => PromiseOutcome | undefined,
): AgentFigures[] {
  const agents = new Map<string, AgentFigures>();
  const agent = (agentId: string) => {
    let a = agents.get(agentId);
    if (!a) {
      a = {
        agentId,
        callsHandled: 0,
        callSeconds: 0,
        contacts: 0,
        rightPartyContacts: 0,
        promises: 0,
        promisesKept: 0,
        promisesBroken: 0,
        promiseToPayRate: 0,
        promiseKeptRate: 0,
        amountCollectedAfterPromise: 0,
      };
      agents.set(agentId, a);
    }
    return a;
  };
  const startedAt = new Map<string, number>();
  const contacts = new Map<string, Set<string>>();
  const rightParty = new Map<string, Set<string>>();
  const add = (sets: Map<string, Set<string>>, agentId: string, participantId: string) => {
    const set = sets.get(agentId) ?? new Set<string>();
    set.add(participantId);
    sets.set(agentId, set);
  };
  for (const e of events) {
    if (e.kind === "CALL_STARTED" && e.contactId) startedAt.set(e.contactId, Date.parse(e.at));
    if (e.kind === "CALL_ENDED" && e.outcome === "ANSWERED" && e.agentId) {
      const a = agent(e.agentId);
      a.callsHandled++;
      const start = e.contactId ? startedAt.get(e.contactId) : undefined;
      if (start !== undefined) a.callSeconds += Math.max(0, Math.round((Date.parse(e.at) - start) / 1000));
    }
    if (e.kind === "DISPOSITION" && e.agentId) {
      agent(e.agentId);
      add(contacts, e.agentId, e.participantId);
      if (e.outcome !== "WRONG_NUMBER") add(rightParty, e.agentId, e.participantId);
    }
  }
  const paymentsOf = new Map<string, ReportEvent[]>();
  for (const e of events) {
    if (e.kind !== "PAYMENT_APPLIED") continue;
    const list = paymentsOf.get(e.participantId) ?? [];
    list.push(e);
    paymentsOf.set(e.participantId, list);
  }
  for (const c of cases) {
    if (!c.promise) continue;
    const a = agent(c.promise.agentId);
    a.promises++;
    const outcome = outcomeOf(c);
    if (outcome === "KEPT") a.promisesKept++;
    if (outcome === "BROKEN") a.promisesBroken++;
    const since = Date.parse(c.promise.recordedAt);
    for (const p of paymentsOf.get(c.participantId) ?? []) {
      if (Date.parse(p.at) >= since) a.amountCollectedAfterPromise += p.amount ?? 0;
    }
  }
  return [...agents.values()]
    .map((a) => {
      const contactCount = contacts.get(a.agentId)?.size ?? 0;
      const rightPartyCount = rightParty.get(a.agentId)?.size ?? 0;
      return {
        ...a,
        contacts: contactCount,
        rightPartyContacts: rightPartyCount,
        promiseToPayRate: ratio(a.promises, rightPartyCount),
        promiseKeptRate: ratio(a.promisesKept, a.promisesKept + a.promisesBroken),
      };
    })
    .sort((x, y) => x.agentId.localeCompare(y.agentId));
}

function byDay(events: readonly ReportEvent[], timeZone: string): DayFigures[] {
  const days = new Map<string, DayFigures>();
  for (const e of events) {
    const date = localDate(new Date(e.at), timeZone);
    const d = days.get(date) ?? {
      date,
      smsSent: 0,
      callAttempts: 0,
      contacts: 0,
      promises: 0,
      payments: 0,
      amountPaid: 0,
    };
    if (e.kind === "SMS_SENT") d.smsSent++;
    else if (isCallAttempt(e)) d.callAttempts++;
    else if (e.kind === "CALL_ENDED" && e.outcome === "ANSWERED") d.contacts++;
    else if (e.kind === "DISPOSITION" && e.outcome === "PROMISE_TO_PAY") d.promises++;
    else if (e.kind === "PAYMENT_APPLIED") {
      d.payments++;
      d.amountPaid += e.amount ?? 0;
    } else continue;
    days.set(date, d);
  }
  return [...days.values()].sort((x, y) => x.date.localeCompare(y.date));
}

/** Reminders are the SMS_SENT entries of a wave (`detail.wave`); each records its segments. */
export function reminderFigures(events: readonly ReportEvent[]): ReminderFigures {
  const figures: ReminderFigures = { sent: 0, segments: 0, segmentsPerReminder: 0, maxSegments: 0 };
  for (const e of events) {
    if (e.kind !== "SMS_SENT" || e.detail?.wave === undefined) continue;
    const segments = Number(e.detail.segments ?? 0);
    figures.sent++;
    figures.segments += segments;
    figures.maxSegments = Math.max(figures.maxSegments, segments);
  }
  return { ...figures, segmentsPerReminder: ratio(figures.segments, figures.sent) };
}

/** Each previous category's participants against their category now (categories in strategy order). */
export function rollFigures(
  bucketIds: readonly string[],
  previous: NonNullable<ReportInput["previous"]>,
  cases: readonly Pick<Case, "participantId" | "bucketId">[],
): RollFigures {
  const now = new Map(cases.map((c) => [c.participantId, c.bucketId]));
  const before = new Set(previous.cases.map((c) => c.participantId));
  const rank = (bucketId: string) => bucketIds.indexOf(bucketId);
  const rows = bucketIds.map((fromBucketId) => {
    const row: RollRow = {
      fromBucketId,
      participants: 0,
      to: Object.fromEntries(bucketIds.map((id) => [id, 0])),
      left: 0,
      rolledBack: 0,
      stayed: 0,
      rolledForward: 0,
      rollForwardRate: 0,
      cureRate: 0,
    };
    for (const p of previous.cases) {
      if (p.bucketId !== fromBucketId) continue;
      row.participants++;
      const to = now.get(p.participantId);
      if (to === undefined) {
        row.left++;
        continue;
      }
      row.to[to] = (row.to[to] ?? 0) + 1;
      const step = rank(to) - rank(fromBucketId);
      if (step > 0) row.rolledForward++;
      else if (step < 0) row.rolledBack++;
      else row.stayed++;
    }
    row.rollForwardRate = ratio(row.rolledForward, row.participants);
    row.cureRate = ratio(row.left, row.participants);
    return row;
  });
  return {
    previousCampaignId: previous.campaignId,
    rows,
    newParticipants: cases.filter((c) => !before.has(c.participantId)).length,
  };
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
    reminders: reminderFigures(events),
    ...(input.previous ? { roll: rollFigures(bucketIds, input.previous, cases) } : {}),
    contactUpdates,
    finalStatuses,
  };
}
