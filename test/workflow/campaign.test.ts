import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { branchIndex, SAMPLE_BRANCHES } from "../../functions/domain/branches";
import { nextCallingDay } from "../../functions/domain/calling-days";
import { isInsideWindow } from "../../functions/domain/calling-window";
import type { Interaction } from "../../functions/domain/interaction";
import { localDate, localDateTime } from "../../functions/domain/local-time";
import { lastDayOfPeriod } from "../../functions/domain/period";
import { DEFAULT_STRATEGY } from "../../functions/domain/strategy";
import type { LocalCampaignResult, Progress } from "../../local/campaign";
import { type LocalRun, localRun } from "./local-run";

/**
 * The campaign and dialing-day definitions run end to end under the local runner, with the real
 * handlers on DynamoDB Local, four branches at once, on a generated population; then the
 * guarantees a supervisor and a participant rely on are checked on what actually happened.
 */
const branches = branchIndex(SAMPLE_BRANCHES);
let run: LocalRun;
let result: LocalCampaignResult;
let sms: { at: string; caseId: string; messageKey: string }[] = [];
let calls: {
  caseId: string;
  branchCode: string;
  startedAt: string;
  endedAt?: string;
  answeredAt?: string;
}[] = [];
let trail: Interaction[] = [];
const progress: Progress[] = [];

const branchOf = (caseId: string) => caseId.split("#")[0] ?? "";
const isDueSoon = (messageKey: string) => messageKey.includes("#DUE_SOON#");
const zoneOf = (caseId: string) => {
  const branch = branches.get(branchOf(caseId));
  if (!branch) throw new Error(`no branch for ${caseId}`);
  return branch;
};
const maxPerSecond = (instants: string[]) => {
  const counts = new Map<string, number>();
  for (const at of instants) counts.set(at.slice(0, 19), (counts.get(at.slice(0, 19)) ?? 0) + 1);
  return Math.max(0, ...counts.values());
};

beforeAll(async () => {
  run = await localRun({
    participants: 240,
    seed: 7,
    period: "2026-11",
    onProgress: (p) => progress.push(p),
  });
  result = run.result;
  sms = await run.lines("sms.jsonl");
  calls = await run.lines("calls.jsonl");
  trail = await run.lines("interactions.jsonl");
}, 600_000);

afterAll(async () => {
  await run?.remove();
});

describe("a month of campaigns under the local runner", () => {
  it("completes every branch's campaign execution and closes every case with a documented status", () => {
    expect(result.outcomes.length).toBeGreaterThanOrEqual(4);
    for (const o of result.outcomes) expect(o.execution.status).toBe("SUCCEEDED");
    const reasons = new Set([
      "PARTIALLY_PAID",
      "PROMISE_PENDING",
      "PROMISE_BROKEN",
      "REFUSED",
      "WRONG_PARTY",
      "INVALID_NUMBER",
      "NOT_CONTACTABLE",
      "UNREACHABLE",
      "CONTACTED_NO_PAYMENT",
      "NOT_ATTEMPTED",
      "STOPPED",
      // The generated population has participants known deceased (the snapshot's status columns).
      "DECEASED",
    ]);
    for (const c of result.cases) {
      if (c.status === "PAID") expect(c.amountPaid).toBeGreaterThanOrEqual(c.amountDue);
      else expect(c.status === "CLOSED" && reasons.has(c.closeReason ?? ""), c.closeReason).toBe(true);
    }
    expect(result.cases.some((c) => c.status === "PAID")).toBe(true);
  });

  it("contacts nobody below the minimum months but for the due-soon reminder", () => {
    const mapped = new Set(result.cases.map((c) => c.caseId));
    for (const c of result.cases)
      expect(c.monthsInArrears).toBeGreaterThanOrEqual(DEFAULT_STRATEGY.minMonths);
    for (const m of sms) expect(mapped.has(m.caseId) || isDueSoon(m.messageKey), m.messageKey).toBe(true);
    for (const call of calls) expect(mapped.has(call.caseId)).toBe(true);
  });

  it("reminds those one month behind once, before the due date, inside their window, never calling them", () => {
    const reminders = trail.filter(
      (i) => (i.kind === "SMS_SENT" || i.kind === "WHATSAPP_SENT") && i.detail?.followUp === "DUE_SOON",
    );
    expect(reminders.some((r) => r.kind === "WHATSAPP_SENT")).toBe(true);
    const cases = new Set(result.cases.map((c) => c.participantId));
    const perParticipant = new Map<string, number>();
    for (const r of reminders) {
      // The SMS after a failed WhatsApp is the same reminder (checked with the other follow-ups).
      if (!r.detail?.fallback)
        perParticipant.set(r.participantId, (perParticipant.get(r.participantId) ?? 0) + 1);
      expect(cases.has(r.participantId), r.caseId).toBe(false);
      // The November campaign maps on the 11th: the next due date is 10 December.
      expect(r.detail?.occasion).toBe("2026-12-10");
      const b = zoneOf(r.caseId);
      expect(isInsideWindow(new Date(r.at), b.timeZone, b.contactWindow), `${r.caseId} at ${r.at}`).toBe(
        true,
      );
      expect(localDateTime(new Date(r.at), b.timeZone).date < "2026-12-07").toBe(true);
      expect(calls.some((c) => c.caseId === r.caseId)).toBe(false);
    }
    expect(Math.max(...perParticipant.values())).toBe(1);
    const counted = result.outcomes
      .flatMap((o) => o.report?.channels ?? [])
      .reduce((n, c) => n + c.dueSoon, 0);
    expect(counted).toBe(reminders.length);
  });

  it("sends each SMS once, and each case the wave reached exactly one reminder, by WhatsApp or SMS", () => {
    const perKey = new Map<string, number>();
    for (const m of sms) perKey.set(m.messageKey, (perKey.get(m.messageKey) ?? 0) + 1);
    expect(Math.max(...perKey.values())).toBe(1);
    const reminders = trail.filter(
      (i) =>
        (i.kind === "SMS_SENT" || i.kind === "WHATSAPP_SENT") && i.detail?.wave === 1 && !i.detail?.fallback,
    );
    const perCase = new Map<string, number>();
    for (const r of reminders) perCase.set(r.caseId, (perCase.get(r.caseId) ?? 0) + 1);
    for (const c of result.cases)
      expect(perCase.get(c.caseId) ?? 0, c.caseId).toBe(c.sms["1"]?.status === "SENT" ? 1 : 0);
    expect(reminders.some((r) => r.kind === "WHATSAPP_SENT")).toBe(true);
  });

  it("tells its progress with the WhatsApp messages sent beside the SMS, never more than the month sent", () => {
    // About once a second of real time: a month of 240 participants takes many seconds.
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1);
    expect(last?.whatsappSent).toBeGreaterThan(0);
    expect(last?.whatsappSent).toBeLessThanOrEqual(result.counts.whatsappTemplatesSent);
    expect(last?.smsSent).toBeLessThanOrEqual(result.counts.sms);
    for (const [i, p] of progress.entries())
      if (i > 0) expect(p.whatsappSent).toBeGreaterThanOrEqual(progress[i - 1]?.whatsappSent ?? 0);
  });

  it("sends the SMS fallback only for a WhatsApp reminder that failed, or was undelivered 6 hours later, once, inside the window", () => {
    const fallbacks = trail.filter(
      (i) => i.kind === "SMS_SENT" && i.detail?.fallback === true && i.detail?.wave !== undefined,
    );
    let early = 0;
    for (const f of fallbacks) {
      const own = trail.filter((i) => i.caseId === f.caseId);
      const whatsapp = own.find((i) => i.kind === "WHATSAPP_SENT" && i.detail?.wave === 1);
      expect(whatsapp, f.caseId).toBeDefined();
      const failedBefore = own.some(
        (i) => i.kind === "WHATSAPP_FAILED" && i.detail?.purpose === "REMINDER" && i.at <= f.at,
      );
      const sixHoursLater = Date.parse(whatsapp?.at ?? "") + 6 * 3_600_000;
      if (Date.parse(f.at) < sixHoursLater) {
        expect(failedBefore, `${f.caseId}: an SMS before 6 hours replaces a failed WhatsApp`).toBe(true);
        early++;
      }
      const deliveredBefore = own.some(
        (i) =>
          (i.kind === "WHATSAPP_DELIVERED" || i.kind === "WHATSAPP_READ") &&
          i.at <= f.at &&
          !i.detail?.followUp,
      );
      expect(deliveredBefore, f.caseId).toBe(false);
      expect(fallbacks.filter((g) => g.caseId === f.caseId)).toHaveLength(1);
      const b = zoneOf(f.caseId);
      expect(isInsideWindow(new Date(f.at), b.timeZone, b.contactWindow), `${f.caseId} at ${f.at}`).toBe(
        true,
      );
    }
    // Both kinds happen in the month: SMS when WhatsApp reports a failure, and after 6 hours.
    expect(early).toBeGreaterThan(0);
    expect(fallbacks.length - early).toBeGreaterThan(0);
  });

  it("sends a follow-up whose WhatsApp failed by SMS, once; no other follow-up goes on both channels", () => {
    const byOccasion = new Map<string, Interaction[]>();
    for (const i of trail) {
      if ((i.kind !== "SMS_SENT" && i.kind !== "WHATSAPP_SENT") || !i.detail?.followUp) continue;
      const key = `${i.caseId}|${i.detail.followUp}|${i.detail.occasion}`;
      byOccasion.set(key, [...(byOccasion.get(key) ?? []), i]);
    }
    let replaced = 0;
    for (const [key, sent] of byOccasion) {
      const whatsapp = sent.filter((i) => i.kind === "WHATSAPP_SENT");
      const sms = sent.filter((i) => i.kind === "SMS_SENT");
      if (whatsapp.length === 0 || sms.length === 0) continue;
      expect(whatsapp, key).toHaveLength(1);
      expect(sms, key).toHaveLength(1);
      expect(sms[0]?.detail?.fallback, key).toBe(true);
      const failed = trail.some(
        (i) =>
          i.caseId === whatsapp[0]?.caseId &&
          i.kind === "WHATSAPP_FAILED" &&
          i.detail?.purpose === whatsapp[0]?.detail?.followUp &&
          i.at >= (whatsapp[0]?.at ?? "") &&
          i.at <= (sms[0]?.at ?? ""),
      );
      expect(failed, `${key}: an SMS after a WhatsApp follow-up replaces a failed one`).toBe(true);
      replaced++;
    }
    expect(replaced).toBeGreaterThan(0);
  });

  it("keeps every case under the cap across channels: 2 messages a week, 6 a campaign", () => {
    // Not counted: a fallback SMS (the WhatsApp it replaces) and what the participant asked an agent for.
    const sent = trail.filter(
      (i) =>
        (i.kind === "SMS_SENT" || i.kind === "WHATSAPP_SENT") &&
        !i.detail?.fallback &&
        i.detail?.followUp !== "CALL_INFO",
    );
    const byCase = new Map<string, number[]>();
    for (const m of sent) byCase.set(m.caseId, [...(byCase.get(m.caseId) ?? []), Date.parse(m.at)]);
    const week = 7 * 24 * 3_600_000;
    for (const [caseId, times] of byCase) {
      expect(times.length, caseId).toBeLessThanOrEqual(6);
      for (const t of times)
        expect(times.filter((u) => u > t - week && u <= t).length, caseId).toBeLessThanOrEqual(2);
    }
    expect(sent.some((m) => m.detail?.followUp)).toBe(true);
  });

  it("sends no WhatsApp to a participant after 'Berhenti'", () => {
    const stops = trail.filter((i) => i.kind === "WHATSAPP_REPLY" && i.detail?.reply === "STOP");
    for (const stop of stops) {
      const later = trail.filter(
        (i) => i.participantId === stop.participantId && i.kind === "WHATSAPP_SENT" && i.at > stop.at,
      );
      expect(later, stop.caseId).toEqual([]);
    }
  });

  it("sends no SMS and starts no call outside the participant's local window", () => {
    for (const m of sms) {
      const b = zoneOf(m.caseId);
      expect(isInsideWindow(new Date(m.at), b.timeZone, b.contactWindow), `${m.caseId} at ${m.at}`).toBe(
        true,
      );
    }
    for (const c of calls) {
      const b = zoneOf(c.caseId);
      expect(
        isInsideWindow(new Date(c.startedAt), b.timeZone, b.contactWindow),
        `${c.caseId} at ${c.startedAt}`,
      ).toBe(true);
    }
  });

  it("never exceeds the account-wide SMS and call-start quotas with all branches at once", () => {
    expect(maxPerSecond(sms.map((m) => m.at))).toBeLessThanOrEqual(20);
    expect(maxPerSecond(calls.map((c) => c.startedAt))).toBeLessThanOrEqual(2);
  });

  it("never has more calls in flight per branch than agents on shift", () => {
    for (const [code, branch] of branches) {
      const own = calls.filter((c) => c.branchCode === code);
      for (const call of own) {
        const at = new Date(call.startedAt).getTime();
        const live = own.filter(
          (c) => new Date(c.startedAt).getTime() <= at && (!c.endedAt || new Date(c.endedAt).getTime() > at),
        );
        expect(live.length, `${code} at ${call.startedAt}`).toBeLessThanOrEqual(branch.agentsOnShift);
      }
    }
  });

  it("keeps the frequency caps: at most 3 attempts a case, 1 a local day unless the participant asked", () => {
    const callbacks = new Set(
      trail.filter((i) => i.kind === "DISPOSITION" && i.outcome === "CALL_BACK_LATER").map((i) => i.caseId),
    );
    const byCase = new Map<string, string[]>();
    for (const c of calls) byCase.set(c.caseId, [...(byCase.get(c.caseId) ?? []), c.startedAt]);
    for (const [caseId, starts] of byCase) {
      expect(starts.length).toBeLessThanOrEqual(DEFAULT_STRATEGY.frequencyCap.perCampaign);
      if (callbacks.has(caseId)) continue;
      const days = starts.map((s) => localDateTime(new Date(s), zoneOf(caseId).timeZone).date);
      expect(new Set(days).size, caseId).toBe(days.length);
    }
  });

  it("calls nobody who paid in full during the grace period", () => {
    const firstCall = calls.map((c) => c.startedAt).sort()[0] ?? "9999";
    const paidEarly = result.cases.filter((c) => {
      const payments = trail.filter((i) => i.caseId === c.caseId && i.kind === "PAYMENT_APPLIED");
      const total = payments.filter((i) => i.at < firstCall).reduce((n, i) => n + (i.amount ?? 0), 0);
      return total >= c.amountDue;
    });
    expect(paidEarly.length).toBeGreaterThan(0);
    for (const c of paidEarly) expect(calls.some((call) => call.caseId === c.caseId)).toBe(false);
  });

  it("closes no case with a promise for a date in the month pending while the month had a calling day left", () => {
    const pending = result.cases.filter(
      (c) => c.closeReason === "PROMISE_PENDING" && (c.promise?.date ?? "") <= lastDayOfPeriod("2026-11"),
    );
    for (const c of pending) {
      const b = zoneOf(c.caseId);
      const closedAt = new Date(c.closedAt ?? "");
      const left = nextCallingDay({
        now: closedAt,
        timeZone: b.timeZone,
        window: b.contactWindow,
        period: "2026-11",
        graceDays: 0,
        afterDay: localDate(closedAt, b.timeZone),
      });
      expect(left, `${c.caseId} closed at ${c.closedAt}`).toBeUndefined();
    }
  });
});
