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

const KADER_AGENT_PREFIX = "kader:";

type PromiseOutcomeOf = (c: Case) => PromiseOutcome | undefined;

/** One agent's row while it is counted; a case counts once among its contacts. */
interface AgentTally {
  figures: AgentFigures;
  contacts: Set<string>;
  rightParty: Set<string>;
}

/** The agents table: one row per agent who handled a call, recorded a disposition or took a promise. */
export function byAgent(
  cases: readonly Case[],
  events: readonly ReportEvent[],
  outcomeOf: PromiseOutcomeOf,
): AgentFigures[] {
  const agents = new Map<string, AgentTally>();
  const agent = (agentId: string) => {
    let a = agents.get(agentId);
    if (!a) {
      a = { figures: emptyFigures(agentId), contacts: new Set(), rightParty: new Set() };
      agents.set(agentId, a);
    }
    return a;
  };
  countCalls(events, agent);
  countDispositions(events, agent);
  countPromises(cases, paymentsByParticipant(events), outcomeOf, agent);
  return [...agents.values()].map(withRates).sort((x, y) => x.agentId.localeCompare(y.agentId));
}

function emptyFigures(agentId: string): AgentFigures {
  return {
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
}

/** Answered calls that ended with an agent, and their seconds from call start to hang-up. */
function countCalls(events: readonly ReportEvent[], agent: (agentId: string) => AgentTally): void {
  const startedAt = new Map<string, number>();
  for (const e of events) {
    if (e.kind === "CALL_STARTED" && e.contactId) startedAt.set(e.contactId, Date.parse(e.at));
    if (e.kind === "CALL_ENDED" && e.outcome === "ANSWERED" && e.agentId) {
      const a = agent(e.agentId).figures;
      a.callsHandled++;
      const start = e.contactId ? startedAt.get(e.contactId) : undefined;
      if (start !== undefined) a.callSeconds += Math.max(0, Math.round((Date.parse(e.at) - start) / 1000));
    }
  }
}

/** The cases each agent recorded a disposition for, and those where the right party answered. */
function countDispositions(events: readonly ReportEvent[], agent: (agentId: string) => AgentTally): void {
  for (const e of events) {
    if (e.kind !== "DISPOSITION" || !e.agentId) continue;
    const a = agent(e.agentId);
    a.contacts.add(e.participantId);
    if (e.outcome !== "WRONG_NUMBER") a.rightParty.add(e.participantId);
  }
}

function paymentsByParticipant(events: readonly ReportEvent[]): Map<string, ReportEvent[]> {
  const paymentsOf = new Map<string, ReportEvent[]>();
  for (const e of events) {
    if (e.kind !== "PAYMENT_APPLIED") continue;
    const list = paymentsOf.get(e.participantId) ?? [];
    list.push(e);
    paymentsOf.set(e.participantId, list);
  }
  return paymentsOf;
}

/** Each case's (latest) promise for the agent who took it: its outcome, and the payments since. */
function countPromises(
  cases: readonly Case[],
  paymentsOf: ReadonlyMap<string, readonly ReportEvent[]>,
  outcomeOf: PromiseOutcomeOf,
  agent: (agentId: string) => AgentTally,
): void {
  for (const c of cases) {
    // A promise made at a kader's visit is the kader's (their own table), not a call agent's.
    if (!c.promise || c.promise.agentId.startsWith(KADER_AGENT_PREFIX)) continue;
    const a = agent(c.promise.agentId).figures;
    a.promises++;
    const outcome = outcomeOf(c);
    if (outcome === "KEPT") a.promisesKept++;
    if (outcome === "BROKEN") a.promisesBroken++;
    const since = Date.parse(c.promise.recordedAt);
    for (const p of paymentsOf.get(c.participantId) ?? []) {
      if (Date.parse(p.at) >= since) a.amountCollectedAfterPromise += p.amount ?? 0;
    }
  }
}

function withRates({ figures, contacts, rightParty }: AgentTally): AgentFigures {
  return {
    ...figures,
    contacts: contacts.size,
    rightPartyContacts: rightParty.size,
    promiseToPayRate: ratio(figures.promises, rightParty.size),
    promiseKeptRate: ratio(figures.promisesKept, figures.promisesKept + figures.promisesBroken),
  };
}
