/** The report's agents table: calls handled, contacts, promises and what they brought in. */
import type { Case } from "../case";
import { type PromiseOutcome, type ReportEvent, ratio } from "./events";

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

export function byAgent(
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
