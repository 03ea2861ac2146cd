import { describe, expect, it } from "vitest";
import { type Dialer, DialerError } from "../../../functions/channels/dialer";
import { classifyParticipant } from "../../../functions/domain/arrears-mapping";
import { type Branch, branchIndex, parseBranches } from "../../../functions/domain/branches";
import { openCase } from "../../../functions/domain/case";
import { parseStrategy } from "../../../functions/domain/strategy";
import { dialFreedAgents } from "../../../functions/services/dial-tick";
import type { AgentRoster, RosterEntry } from "../../../functions/store/agent-roster";
import type { Campaign } from "../../../functions/store/campaigns";
import type { DialCase, DialQueue, QueuedCase } from "../../../functions/store/dial-queue";
import { SimulatedClock } from "../../../local/sim/clock";
import { participant } from "../../fixtures/participants";

const [SEMARANG] = parseBranches([
  { code: "SEMARANG", name: "Semarang", timeZone: "Asia/Jakarta", agentsOnShift: 2 },
]) as [Branch];
const strategy = parseStrategy({ frequencyCap: { perDay: 1, perCampaign: 3 } });
const CAMPAIGN = "SEMARANG#2026-11";
const PARTICIPANT = "0001000000042";
// Monday 2026-11-16, 10:00 WIB: inside the window.
const NOW = new Date("2026-11-16T03:00:00Z");

function queuedCase(): DialCase {
  const p = participant({ participantId: PARTICIPANT, branchCode: "SEMARANG", monthsInArrears: 8 });
  const classification = classifyParticipant(p, strategy);
  if (!classification.eligible) throw new Error("fixture must be eligible");
  const at = new Date("2026-11-10T00:00:00Z");
  return openCase(p, classification, { branchCode: "SEMARANG", period: "2026-11" }, at);
}

/** The campaign's roster in memory: seats are taken only while agents are free, as the conditional write does. */
class Roster implements AgentRoster {
  readonly seats = new Map<string, RosterEntry>();
  /** Another dialer takes the last seat between the read and the reserve. */
  full = false;
  async entries() {
    return [...this.seats.values()];
  }
  async ensure() {}
  async reserve(_campaignId: string, entry: Omit<RosterEntry, "phase" | "endedAt">, agents: number) {
    if (this.full || this.seats.has(entry.participantId) || this.seats.size >= agents) return false;
    this.seats.set(entry.participantId, { ...entry, phase: "CALL" });
    return true;
  }
  async toWrapUp() {
    return true;
  }
  async noteStarted() {
    return true;
  }
  async release(_campaignId: string, participantId: string, match: { attempt?: number; phase?: string }) {
    const seat = this.seats.get(participantId);
    if (!seat || (match.attempt !== undefined && seat.attempt !== match.attempt)) return undefined;
    if (match.phase && seat.phase !== match.phase) return undefined;
    this.seats.delete(participantId);
    return seat.phase;
  }
}

/** One queued case, claimed, given back and ended as the conditional writes would. */
function dialQueueOf(read: DialCase, options: { claimLost?: boolean } = {}) {
  const state = { current: read as DialCase | undefined, endedAs: undefined as string | undefined };
  const queue: DialQueue = {
    get: async () => state.current,
    findByContact: async () => undefined,
    scanDialQueue: async (_campaignId, visit) => ({ exhausted: !(await visit(read as QueuedCase)) }),
    queueEmpty: async () => false,
    claimAttempt: async (_c, claim) => {
      if (options.claimLost) return undefined;
      state.current = {
        ...read,
        callAttempts: claim.attempt,
        inFlight: { contactId: "", attempt: claim.attempt, startedAt: claim.startedAt },
      };
      return state.current;
    },
    unclaimAttempt: async () => {
      state.current = read;
      return true;
    },
    confirmStart: async () => true,
    endAttempt: async (_c, _ended, transition) => {
      state.endedAs = transition.lastOutcome;
      state.current = { ...read, callAttempts: 1 };
      return true;
    },
    applyDisposition: async () => true,
    markPromiseBroken: async () => true,
    removeFromQueue: async () => true,
    recordInteraction: async () => true,
  };
  return { queue, state };
}

/** Connect's concurrent-call gate, counted. */
class Gate {
  held = 0;
  async tryEnter(_gate: string, max: number) {
    if (this.held >= max) return false;
    this.held++;
    return true;
  }
  async leave() {
    this.held = Math.max(0, this.held - 1);
  }
}

function setUp(startCall: Dialer["startCall"], options: { claimLost?: boolean; queued?: boolean } = {}) {
  const roster = new Roster();
  const gate = new Gate();
  const { queue, state } = dialQueueOf(queuedCase(), options);
  const logged: unknown[] = [];
  const log = (...data: unknown[]) => logged.push(data);
  const campaign = { status: "DIALING", strategy } as Campaign;
  const deps = {
    clock: new SimulatedClock(NOW),
    branches: branchIndex([SEMARANG]),
    campaigns: { get: async (id: string) => (id === CAMPAIGN ? campaign : undefined) },
    dialQueue:
      options.queued === false ? { ...queue, scanDialQueue: async () => ({ exhausted: true }) } : queue,
    roster,
    concurrency: gate,
    log: { info: log, warn: log, error: log },
    dialer: { startCall, describeContact: async () => undefined },
    interactions: { lastOfCases: async () => [] },
    rateLimiter: { acquire: async () => 1 },
    quotas: { callStartsPerSecond: 5, maxConcurrentCalls: 10 },
  };
  const dial = (handOver?: { connectSlot: boolean }) =>
    dialFreedAgents(deps, { campaignId: CAMPAIGN, branchCode: "SEMARANG" }, handOver);
  return { dial, roster, gate, state, logged };
}

const refusal = (retryable: boolean, code: string) => async (): Promise<never> => {
  throw new DialerError(`${code} from Connect`, retryable, code);
};

describe("starting a call: the agent's seat and the Connect slot", () => {
  it("a started call keeps its agent's seat and one Connect slot", async () => {
    const { dial, roster, gate } = setUp(async () => ({ contactId: "contact-1" }));
    expect(await dial()).toBe(1);
    expect([...roster.seats.keys()]).toEqual([PARTICIPANT]);
    expect(gate.held).toBe(1);
  });

  it("a throttled start gives the attempt, the seat and the slot back", async () => {
    const { dial, roster, gate, state } = setUp(refusal(true, "THROTTLED"));
    expect(await dial()).toBe(0);
    expect(state.current?.inFlight).toBeUndefined();
    expect(state.current?.callAttempts).toBe(0);
    expect(roster.seats.size).toBe(0);
    expect(gate.held).toBe(0);
  });

  it("a start refused for good ends the attempt as FAILED and frees the seat and the slot", async () => {
    const { dial, roster, gate, state } = setUp(refusal(false, "DESTINATION_NOT_ALLOWED"));
    expect(await dial()).toBe(0);
    expect(state.endedAs).toBe("FAILED");
    expect(roster.seats.size).toBe(0);
    expect(gate.held).toBe(0);
  });

  it("an unexpected dialer error is thrown, after the attempt, the seat and the slot went back", async () => {
    const { dial, roster, gate, state } = setUp(async () => {
      throw new Error("socket hang up");
    });
    await expect(dial()).rejects.toThrow("socket hang up");
    expect(state.current?.inFlight).toBeUndefined();
    expect(roster.seats.size).toBe(0);
    expect(gate.held).toBe(0);
  });

  it("a claim lost to another writer frees the seat and the slot", async () => {
    const { dial, roster, gate } = setUp(async () => ({ contactId: "contact-1" }), { claimLost: true });
    expect(await dial()).toBe(0);
    expect(roster.seats.size).toBe(0);
    expect(gate.held).toBe(0);
  });

  it("a seat taken by another dialer first frees the slot", async () => {
    const { dial, roster, gate } = setUp(async () => ({ contactId: "contact-1" }));
    roster.full = true;
    expect(await dial()).toBe(0);
    expect(gate.held).toBe(0);
  });

  it("a slot handed over by an ended call is used by the next call, or given back", async () => {
    const started = setUp(async () => ({ contactId: "contact-1" }));
    started.gate.held = 1;
    expect(await started.dial({ connectSlot: true })).toBe(1);
    expect(started.gate.held).toBe(1);

    const idle = setUp(async () => ({ contactId: "contact-1" }), { queued: false });
    idle.gate.held = 1;
    expect(await idle.dial({ connectSlot: true })).toBe(0);
    expect(idle.gate.held).toBe(0);
  });

  it("logs no full card number on any way out", async () => {
    for (const failure of [refusal(true, "THROTTLED"), refusal(false, "INVALID_NUMBER")]) {
      const { dial, logged } = setUp(failure);
      await dial();
      expect(logged.length).toBeGreaterThan(0);
      expect(JSON.stringify(logged)).not.toContain(PARTICIPANT);
    }
  });
});
