/** The report's funnel: per category and for the whole campaign, from SMS to payment. */
import type { Case } from "../case";
import { type PromiseOutcome, type ReportEvent, ratio } from "./events";

/** The funnel of one category (or of the whole campaign). Counts are cases unless named otherwise. */
export interface FunnelFigures {
  targeted: number;
  /** Reminded by the wave on either channel: a reminder sent, and not a WhatsApp one that failed. */
  reminded: number;
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

/** What the audit trail tells per case: the dispositions recorded for it. */
export interface CaseTrail {
  dispositions: number;
  rightParty: boolean;
}

export function trails(events: readonly ReportEvent[]): Map<string, CaseTrail> {
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

/** A wave's reminder went by SMS, or by WhatsApp and did not fail (its SMS then counts instead). */
export const isReminded = (c: Pick<Case, "sms">) =>
  Object.values(c.sms ?? {}).some((s) => s.status === "SENT" && s.delivery !== "FAILED");

export function funnel(
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
    reminded: count(isReminded),
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
