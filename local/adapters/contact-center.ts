import { createHash } from "node:crypto";
import {
  type ContactDescription,
  type Dialer,
  DialerError,
  type OutboundCall,
} from "../../functions/channels/dialer";
import { type Branch, branchIndex, branchTimeZone, SAMPLE_BRANCHES } from "../../functions/domain/branches";
import { nextWindowOpen } from "../../functions/domain/calling-window";
import type { CallOutcome, DispositionCode } from "../../functions/domain/case";
import type { DispositionInput } from "../../functions/domain/disposition";
import { addDays, localDate } from "../../functions/domain/local-time";
import type { SimulatedClock } from "../sim/clock";
import { between, chance, uniform, weighted } from "../sim/random";

/**
 * Events land on a one-minute grid, the simulation's grain (rings of 10-30 s end on the next
 * minute): the branches' calls share instants, which the clock runs one after another in a fixed
 * order, so the month has fewer instants to step through.
 */
const EVENT_GRID_MS = 60_000;

/** Per-call probabilities once a number is valid; whatever is left over rings out (no answer). */
export interface CallRates {
  answer: number;
  busy: number;
  /** Per participant, not per call: an invalid number stays invalid. */
  invalid: number;
}

/** The EventBridge event Amazon Connect publishes for a contact (the fields the dialer reads). */
export interface SimulatedContactEvent {
  version: "0";
  id: string;
  "detail-type": "Amazon Connect Contact Event";
  source: "aws.connect";
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    eventType: "INITIATED" | "CONNECTED_TO_AGENT" | "DISCONNECTED";
    contactId: string;
    channel: "VOICE";
    initiationMethod: "API";
    instanceArn: string;
    initiationTimestamp: string;
    connectedToSystemTimestamp?: string;
    disconnectTimestamp?: string;
    disconnectReason?: string;
    agentInfo?: { agentArn: string; connectedToAgentTimestamp: string };
  };
}

/**
 * What an agent submits after wrap-up: the record-disposition contract itself (the same schema the
 * step-by-step guide's form maps to), with the contact, the case and the talk time always known.
 */
export type SimulatedDispositionInput = DispositionInput & {
  contactId: string;
  caseId: string;
  talkSeconds: number;
};

export interface DispositionNotice {
  caseId: string;
  participantId: string;
  code: DispositionCode;
  promiseDate?: string;
  promiseAmount?: number;
  at: string;
}

export interface SimulatedCallRecord {
  contactId: string;
  caseId: string;
  branchCode: string;
  startedAt: string;
  /** When an agent took the call. */
  answeredAt?: string;
  endedAt?: string;
  /** Undefined while the call is live. */
  outcome?: CallOutcome;
  agentId?: string;
}

export interface SimulatedContactCenterOptions {
  clock: SimulatedClock;
  seed: number;
  /** Agents taking calls per branch code. */
  agentsPerBranch: Record<string, number>;
  /** Per bucket id; by default the answer rate falls as months in arrears grow. */
  rates?: Partial<Record<string, CallRates>>;
  ringSeconds?: [number, number];
  talkSeconds?: [number, number];
  wrapUpSeconds?: [number, number];
  dispositionWeights?: Partial<Record<DispositionCode, number>>;
  deliverEvent: (event: SimulatedContactEvent) => Promise<void>;
  deliverDisposition: (input: SimulatedDispositionInput) => Promise<void>;
  /** A start refused by "Connect" (throttling, limits, a bad destination). */
  faults?: (call: OutboundCall, attempt: number) => DialerError | undefined;
  /** True: this contact's DISCONNECTED event is lost (DescribeContact still knows the outcome). */
  dropEvent?: (contactId: string) => boolean;
  /** Time zones and windows for promise and callback dates; the sample branches by default. */
  branches?: readonly Branch[];
  onError?: (error: unknown) => void;
}

const DEFAULT_WEIGHTS: Record<DispositionCode, number> = {
  PROMISE_TO_PAY: 35,
  PAID_ALREADY: 5,
  REFUSES: 8,
  WRONG_NUMBER: 3,
  CALL_BACK_LATER: 12,
  WANTS_REHAB: 10,
  UPDATED_PHONE: 2,
  OTHER: 25,
};

/** Fewer months behind, more likely to pick up (branch reports: the long overdue avoid calls). */
export function defaultRates(countedMonths: number): CallRates {
  return { answer: Math.max(0.3, 0.75 - 0.02 * countedMonths), busy: 0.1, invalid: 0.04 };
}

const INSTANCE_ARN = "arn:aws:connect:local:000000000000:instance/00000000-0000-4000-8000-000000000000";

interface Agent {
  id: string;
  busy: boolean;
}

interface LiveCall extends SimulatedCallRecord {
  participantId: string;
  attempt: number;
  attributes: Record<string, string>;
  phone: string;
  connectedToSystemAt?: string;
}

/**
 * The local adapter of the Dialer port, a seeded contact center: rings, answers, agents with talk and wrap-up
 * times, dispositions. Every random choice is keyed by participant and attempt, so runs repeat
 * whatever order the branches' calls interleave in. Events reach the dialer as Amazon Connect
 * would send them through EventBridge.
 */
export class SimulatedContactCenter implements Dialer {
  private readonly records = new Map<string, LiveCall>();
  private readonly byToken = new Map<string, string>();
  private readonly agents = new Map<string, Agent[]>();
  private readonly listeners: ((notice: DispositionNotice) => void)[] = [];
  private readonly failures: unknown[] = [];
  private readonly zones: Map<string, Branch>;

  constructor(private readonly options: SimulatedContactCenterOptions) {
    for (const [branch, count] of Object.entries(options.agentsPerBranch)) {
      this.agents.set(
        branch,
        Array.from({ length: count }, (_, i) => ({
          id: `${branch.toLowerCase()}-agent-${i + 1}`,
          busy: false,
        })),
      );
    }
    this.zones = branchIndex(options.branches ?? SAMPLE_BRANCHES);
  }

  /** Every call started, in start order. */
  calls(): SimulatedCallRecord[] {
    return [...this.records.values()].map(
      ({ contactId, caseId, branchCode, startedAt, answeredAt, endedAt, outcome, agentId }) => ({
        contactId,
        caseId,
        branchCode,
        startedAt,
        ...(answeredAt ? { answeredAt } : {}),
        ...(endedAt ? { endedAt } : {}),
        ...(outcome ? { outcome } : {}),
        ...(agentId ? { agentId } : {}),
      }),
    );
  }

  /** Failures of the scheduled deliveries (a handler that threw). */
  errors(): unknown[] {
    return [...this.failures];
  }

  /** Told of every disposition the dialer accepted (a payer simulator pays after promises). */
  onDisposition(listener: (notice: DispositionNotice) => void): void {
    this.listeners.push(listener);
  }

  async startCall(call: OutboundCall): Promise<{ contactId: string }> {
    const attempt = Number(call.clientToken.split("#").at(-1));
    const fault = this.options.faults?.(call, attempt);
    if (fault) throw fault;
    // Connect dedupes a ClientToken while its contact lives.
    const known = this.byToken.get(call.clientToken);
    if (known) return { contactId: known };
    if (!/^\+62\d{8,13}$/.test(call.phone))
      throw new DialerError("destination not allowed", false, "DESTINATION_NOT_ALLOWED");
    const contactId = this.contactIdOf(call.clientToken);
    const participantId = call.caseId.split("#").at(-1) ?? call.caseId;
    const now = this.options.clock.now();
    const record: LiveCall = {
      contactId,
      caseId: call.caseId,
      branchCode: call.branchCode,
      participantId,
      attempt,
      attributes: call.attributes,
      phone: call.phone,
      startedAt: now.toISOString(),
    };
    this.records.set(contactId, record);
    this.byToken.set(call.clientToken, contactId);
    const [min, max] = this.options.ringSeconds ?? [10, 30];
    const ring = between(min, max, this.options.seed, participantId, attempt, "ring");
    this.later(now, ring, () => this.afterRing(record));
    return { contactId };
  }

  async describeContact(contactId: string): Promise<ContactDescription | undefined> {
    const r = this.records.get(contactId);
    if (!r) return undefined;
    return {
      contactId,
      ...(r.agentId ? { agentId: r.agentId } : {}),
      ...(r.answeredAt ? { connectedToAgentAt: r.answeredAt } : {}),
      ...(r.endedAt && r.outcome ? { outcome: r.outcome, disconnectedAt: r.endedAt } : {}),
    };
  }

  // -------------------------------------------------------------------------------------------

  private async afterRing(r: LiveCall): Promise<void> {
    const { seed } = this.options;
    const months = Number(r.attributes.countedMonths ?? 12);
    const rates = this.options.rates?.[r.attributes.bucketId ?? ""] ?? defaultRates(months);
    if (chance(rates.invalid, seed, r.participantId, "invalid"))
      return this.end(r, "INVALID_NUMBER", "TELECOM_NUMBER_INVALID");
    const pick = uniform(seed, r.participantId, r.attempt, "pickup");
    if (pick >= rates.answer + rates.busy) return this.end(r, "NO_ANSWER", "TELECOM_TIMEOUT");
    if (pick >= rates.answer) return this.end(r, "BUSY", "TELECOM_BUSY");
    r.connectedToSystemAt = this.now();
    const agent = this.agents.get(r.branchCode)?.find((a) => !a.busy);
    if (!agent) {
      // Picked up, waited in the queue for nobody, hung up.
      this.later(this.options.clock.now(), 15, () => this.end(r, "AGENT_UNAVAILABLE", "CUSTOMER_DISCONNECT"));
      return;
    }
    agent.busy = true;
    r.agentId = agent.id;
    r.answeredAt = this.now();
    await this.emit(r, "CONNECTED_TO_AGENT");
    const [min, max] = this.options.talkSeconds ?? [60, 300];
    const talk = between(min, max, seed, r.participantId, r.attempt, "talk");
    this.later(this.options.clock.now(), talk, async () => {
      await this.end(r, "ANSWERED", "CUSTOMER_DISCONNECT");
      const [wMin, wMax] = this.options.wrapUpSeconds ?? [30, 120];
      const wrapUp = between(wMin, wMax, seed, r.participantId, r.attempt, "wrap-up");
      this.later(this.options.clock.now(), wrapUp, async () => {
        try {
          await this.dispose(r, agent, talk);
        } finally {
          agent.busy = false;
        }
      });
    });
  }

  private async end(r: LiveCall, outcome: CallOutcome, reason: string): Promise<void> {
    r.endedAt = this.now();
    r.outcome = outcome;
    if (this.options.dropEvent?.(r.contactId)) return;
    await this.emit(r, "DISCONNECTED", reason);
  }

  private async dispose(r: LiveCall, agent: Agent, talkSeconds: number): Promise<void> {
    const input = this.disposition(r, agent, talkSeconds);
    await this.options.deliverDisposition(input);
    const notice: DispositionNotice = {
      caseId: r.caseId,
      participantId: r.participantId,
      code: input.code,
      ...(input.promiseDate ? { promiseDate: input.promiseDate } : {}),
      ...(input.promiseAmount ? { promiseAmount: input.promiseAmount } : {}),
      at: this.now(),
    };
    for (const listener of this.listeners) listener(notice);
  }

  /** What the agent records: seeded by participant and attempt. */
  private disposition(r: LiveCall, agent: Agent, talkSeconds: number): SimulatedDispositionInput {
    const { seed } = this.options;
    const weights = { ...DEFAULT_WEIGHTS, ...this.options.dispositionWeights };
    if (r.attributes.rehabEligible !== "true") weights.WANTS_REHAB = 0;
    const code = weighted(weights, seed, r.participantId, r.attempt, "disposition");
    const base = { contactId: r.contactId, caseId: r.caseId, agentId: agent.id, code, talkSeconds };
    // Some participants ask for the details by SMS; only mobiles (08...) can receive it.
    const wantsSms = r.phone.startsWith("+628") && chance(0.3, seed, r.participantId, r.attempt, "send-info");
    const timeZone = branchTimeZone(this.zones, r.branchCode);
    const now = this.options.clock.now();
    switch (code) {
      case "PROMISE_TO_PAY": {
        const due = Number((r.attributes.amountDue ?? "0").replace(/\D/g, "")) || 1;
        const part = chance(0.7, seed, r.participantId, r.attempt, "promise-full")
          ? due
          : Math.max(
              1,
              Math.min(
                due,
                Math.round((due * between(30, 70, seed, r.participantId, "part")) / 100_000) * 1000,
              ),
            );
        const days = between(0, 4, seed, r.participantId, r.attempt, "promise-days");
        return {
          ...base,
          promiseDate: addDays(localDate(now, timeZone), days),
          promiseAmount: part,
          ...(wantsSms ? { sendInfo: "PAYMENT" as const } : {}),
        };
      }
      case "CALL_BACK_LATER": {
        const hours = between(2, 30, seed, r.participantId, r.attempt, "callback");
        const wanted = new Date(Math.ceil((now.getTime() + hours * 3_600_000) / 60_000) * 60_000);
        const window = this.zones.get(r.branchCode)?.contactWindow;
        const at = window ? nextWindowOpen(wanted, timeZone, window) : wanted;
        return { ...base, callbackAt: at.toISOString() };
      }
      case "UPDATED_PHONE":
        return {
          ...base,
          newPhone: `0812${between(10_000_000, 99_999_999, seed, r.participantId, "phone")}`,
        };
      case "WANTS_REHAB":
        return { ...base, ...(wantsSms ? { sendInfo: "REHAB" as const } : {}) };
      default:
        return { ...base, notes: "simulated call" };
    }
  }

  private async emit(
    r: LiveCall,
    eventType: "CONNECTED_TO_AGENT" | "DISCONNECTED",
    reason?: string,
  ): Promise<void> {
    const time = this.now();
    const event: SimulatedContactEvent = {
      version: "0",
      id: `${r.contactId}-${eventType}`,
      "detail-type": "Amazon Connect Contact Event",
      source: "aws.connect",
      account: "000000000000",
      time,
      region: "local",
      resources: [INSTANCE_ARN, `${INSTANCE_ARN}/contact/${r.contactId}`],
      detail: {
        eventType,
        contactId: r.contactId,
        channel: "VOICE",
        initiationMethod: "API",
        instanceArn: INSTANCE_ARN,
        initiationTimestamp: r.startedAt,
        ...(r.connectedToSystemAt ? { connectedToSystemTimestamp: r.connectedToSystemAt } : {}),
        ...(eventType === "DISCONNECTED" ? { disconnectTimestamp: r.endedAt ?? time } : {}),
        ...(reason ? { disconnectReason: reason } : {}),
        ...(r.agentId && r.answeredAt
          ? {
              agentInfo: {
                agentArn: `${INSTANCE_ARN}/agent/${r.agentId}`,
                connectedToAgentTimestamp: r.answeredAt,
              },
            }
          : {}),
      },
    };
    await this.options.deliverEvent(event);
  }

  private later(from: Date, seconds: number, task: () => Promise<void>): void {
    const at = Math.ceil((from.getTime() + seconds * 1000) / EVENT_GRID_MS) * EVENT_GRID_MS;
    this.options.clock.schedule(new Date(at), task, (error) => {
      this.failures.push(error);
      this.options.onError?.(error);
    });
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }

  private contactIdOf(clientToken: string): string {
    const h = createHash("sha256").update(`${this.options.seed}|${clientToken}`).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
