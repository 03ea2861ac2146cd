import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DialerError } from "../../functions/channels/dialer";
import { SmsSendError } from "../../functions/channels/sms";
import { ConcurrentUpdateError } from "../../functions/services/call-outcome";
import type { LocalCampaignResult } from "../../local/campaign";
import { chance } from "../../local/sim/random";
import { type LocalRun, localRun } from "./local-run";

/**
 * The same month with the outside world misbehaving: SNS throttles some publishes, Connect
 * throttles some call starts, some DISCONNECTED events never arrive, Lambda invocations time out
 * now and then, and a dial tick loses a race on a case. The campaigns must still complete and lose
 * nothing.
 */
let run: LocalRun;
let result: LocalCampaignResult;
let sms: { caseId: string; messageKey: string }[] = [];
let calls: { caseId: string; outcome?: string }[] = [];
const dropped = new Set<string>();
const throttled = new Set<string>();
const timedOut: string[] = [];
const conflicted: number[] = [];

beforeAll(async () => {
  run = await localRun({
    participants: 160,
    seed: 11,
    period: "2026-11",
    faults: {
      sms: (message, attempt) =>
        attempt === 1 && chance(0.15, 11, message.messageKey, "sns")
          ? new SmsSendError("Rate exceeded", true, "ThrottledException")
          : undefined,
      // Throttled once per call start (ClientToken), as a burst over the quota would be.
      dialer: (call) => {
        if (throttled.has(call.clientToken) || !chance(0.1, 11, call.clientToken, "connect"))
          return undefined;
        throttled.add(call.clientToken);
        return new DialerError("TooManyRequestsException", true, "THROTTLED");
      },
      dropEvent: (contactId) => {
        const lost = chance(0.05, 11, contactId, "lost");
        if (lost) dropped.add(contactId);
        return lost;
      },
      // The first invocation of these handlers dies as a Lambda timeout would; Step Functions retries.
      invocation: (name, n) => {
        if (n === 1 && ["map-arrears", "send-sms", "dial-tick", "close-campaign"].includes(name)) {
          timedOut.push(name);
          return Object.assign(new Error("Task timed out after 900.00 seconds"), {
            name: "Sandbox.Timedout",
          });
        }
        // A tick of the first calling day: a case kept changing while it ended a call.
        if (name === "dial-tick" && n === 3) {
          conflicted.push(n);
          return new ConcurrentUpdateError("case changed 3 times while ending attempt 1");
        }
        return undefined;
      },
    },
  });
  result = run.result;
  sms = await run.lines("sms.jsonl");
  calls = await run.lines("calls.jsonl");
}, 600_000);

afterAll(async () => {
  await run?.remove();
});

describe("a month of campaigns with faults", () => {
  it("injected every kind of fault", () => {
    expect(timedOut.sort()).toEqual(["close-campaign", "dial-tick", "map-arrears", "send-sms"]);
    expect(conflicted).toEqual([3]);
    expect(dropped.size).toBeGreaterThan(0);
    expect(throttled.size).toBeGreaterThan(0);
    expect(result.stats.totals.retries).toBeGreaterThanOrEqual(4);
  });

  it("still completes every campaign and every calling day, and closes every case", () => {
    for (const o of result.outcomes) expect(o.execution.status).toBe("SUCCEEDED");
    expect(result.stats.totals.byStatus).toEqual({ SUCCEEDED: result.stats.totals.executions });
    expect(result.stats.totals.childExecutions).toBeGreaterThan(0);
    for (const c of result.cases) expect(["PAID", "CLOSED"]).toContain(c.status);
  });

  it("sends at most one SMS per case per wave, and every throttled one in the end", () => {
    const perKey = new Map<string, number>();
    for (const m of sms) perKey.set(m.messageKey, (perKey.get(m.messageKey) ?? 0) + 1);
    expect(Math.max(...perKey.values())).toBe(1);
    // A case's smsSent counts the waves' SMS (a reminder, or the fallback of an undelivered WhatsApp).
    const waveSms = sms.filter((m) => /#wave\d+F?$/.test(m.messageKey));
    for (const c of result.cases)
      expect(c.smsSent, c.caseId).toBe(waveSms.filter((m) => m.caseId === c.caseId).length);
  });

  it("gives every started call an outcome, lost events included (reconciled with DescribeContact)", () => {
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call.outcome, call.caseId).toBeDefined();
    for (const c of result.cases) expect(c.inFlight).toBeUndefined();
    const attempts = result.cases.reduce((n, c) => n + c.callAttempts, 0);
    expect(attempts).toBe(calls.length);
  });
});
