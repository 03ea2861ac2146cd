import { describe, expect, it, vi } from "vitest";
import { branchIndex } from "../../../functions/domain/branches";
import type { FollowUpTally } from "../../../functions/domain/follow-ups";
import { parseStrategy } from "../../../functions/domain/strategy";
import {
  type CallServiceDeps,
  type ContactEvent,
  recordContactEvent,
} from "../../../functions/services/call-outcome";
import type { Campaign } from "../../../functions/store/campaigns";
import type { DialCase } from "../../../functions/store/dial-queue";
import { caseOf, WIB } from "../../fixtures/dialing";

// Thursday 2026-11-19, 10:00 WIB.
const NOW = new Date("2026-11-19T03:00:00Z");
const TALLY: FollowUpTally = { sent: 2, whatsapp: 1, failed: 0, alreadyDone: 0, skipped: {} };
const campaign = { campaignId: "SEMARANG#2026-11", strategy: parseStrategy({}) } as Campaign;
const clock = { now: () => NOW, sleepUntil: async () => {} };

function callDeps(sendMissedCallFollowUp: CallServiceDeps["sendMissedCallFollowUp"]) {
  const inFlight: DialCase = {
    ...caseOf(WIB),
    callAttempts: 1,
    inFlight: { contactId: "c-1", attempt: 1, startedAt: "2026-11-19T02:58:00Z" },
    activeContactId: "c-1",
  };
  const warnings: unknown[] = [];
  const deps = {
    clock,
    branches: branchIndex([WIB]),
    campaigns: { get: async () => campaign },
    dialQueue: {
      findByContact: async () => inFlight,
      endAttempt: async () => true,
      get: async () => inFlight,
    },
    roster: { release: async () => "CALL", toWrapUp: async () => true },
    concurrency: { leave: async () => {} },
    log: { info: () => {}, warn: (...args: unknown[]) => warnings.push(args), error: () => {} },
    ...(sendMissedCallFollowUp ? { sendMissedCallFollowUp } : {}),
  } as unknown as CallServiceDeps;
  return { deps, inFlight, warnings };
}

const ended = (outcome: ContactEvent["outcome"]): ContactEvent => ({
  contactId: "c-1",
  outcome,
  at: new Date("2026-11-19T02:59:00Z"),
});

describe("the missed-call follow-up after a contact event", () => {
  it("goes after an unanswered call, with the call's end and the campaign's strategy", async () => {
    const send = vi.fn(async () => TALLY);
    const { deps, inFlight } = callDeps(send);
    expect(await recordContactEvent(deps, ended("NO_ANSWER"))).toMatchObject({ status: "APPLIED" });
    expect(send).toHaveBeenCalledWith(inFlight, {
      endedAt: ended("NO_ANSWER").at,
      strategy: campaign.strategy,
    });
  });

  it("does not go after an answered or busy call", async () => {
    const send = vi.fn(async () => TALLY);
    await recordContactEvent(callDeps(send).deps, ended("ANSWERED"));
    await recordContactEvent(callDeps(send).deps, ended("BUSY"));
    expect(send).not.toHaveBeenCalled();
  });

  it("is best effort: a failure is logged, the outcome stays recorded", async () => {
    const { deps, warnings } = callDeps(async () => Promise.reject(new Error("boom +6281234567890")));
    expect(await recordContactEvent(deps, ended("NO_ANSWER"))).toMatchObject({ status: "APPLIED" });
    expect(JSON.stringify(warnings)).toContain("missed-call follow-up not sent");
    expect(JSON.stringify(warnings)).not.toContain("6281234567890");
  });
});
