import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { followUpSmsText } from "../../../functions/domain/follow-up-sms";
import type { FollowUp } from "../../../functions/domain/follow-ups";
import {
  followUpText,
  oneSegmentFollowUp,
  oneSegmentReminder,
  reminderText,
} from "../../../functions/domain/sms-one-segment";
import { reminderSms, smsSegments, TemplateError } from "../../../functions/domain/sms-template";
import { DEFAULT_STRATEGY, parseStrategy } from "../../../functions/domain/strategy";

const DOC = readFileSync("docs/messaging.md", "utf8");
const BUCKET = DEFAULT_STRATEGY.buckets.find((b) => b.id === "M24_PLUS");
if (!BUCKET) throw new Error("the default strategy has a 24+ bucket");

/** The longest figures: 30 months (24 counted), an 8-digit amount, a 16-digit virtual account. */
const longest = {
  name: "Siti Aminah",
  monthsInArrears: 30,
  countedMonths: 24,
  amountDue: 18_000_000,
  amountPaid: 18_000_000,
  virtualAccount: "8888801234567890",
  bucketId: BUCKET.id,
  autodebet: false,
  rehabEligible: true,
  rehabMaxInstalments: 12,
  promise: {
    date: "2026-09-30",
    amount: 18_000_000,
    agentId: "a-1",
    recordedAt: "",
    status: "PENDING" as const,
  },
};
/** The longest month's date. */
const DATE = "2026-09-30";

const followUps: [string, FollowUp, Partial<typeof longest>][] = [
  ["MISSED_CALL", { purpose: "MISSED_CALL", occasion: DATE }, {}],
  ["THANK_YOU", { purpose: "THANK_YOU", occasion: "pay-1" }, {}],
  ["PROMISE_EVE", { purpose: "PROMISE_EVE", occasion: DATE }, {}],
  ["REHAB_INSTALMENT", { purpose: "REHAB_INSTALMENT", occasion: DATE }, {}],
  ["DUE_SOON", { purpose: "DUE_SOON", occasion: DATE }, {}],
  ["CALL_INFO_PAYMENT", { purpose: "CALL_INFO", occasion: "PAYMENT#contact#c-1" }, { amountPaid: 0 }],
  ["CALL_INFO_REHAB", { purpose: "CALL_INFO", occasion: "REHAB#contact#c-1" }, { amountPaid: 0 }],
  ["CALL_INFO_AUTODEBET", { purpose: "CALL_INFO", occasion: "AUTODEBET#contact#c-1" }, { amountPaid: 0 }],
];

/** What every one-segment SMS must be: one GSM-7 segment, no link, the warning and Care Center 165. */
function expectOneSegment(text: string | undefined, what: string): void {
  expect(text, what).toBeDefined();
  expect(smsSegments(text ?? ""), what).toMatchObject({ encoding: "GSM-7", segments: 1 });
  expect(text, what).not.toMatch(/https?:|www\./);
  expect(text, what).toContain("rekening pribadi");
  expect(text, what).toContain("Care Center 165");
}

describe("one-segment SMS", () => {
  it("fits the reminder in one segment at the longest figures, naming the months counted, the amount and the VA", () => {
    const text = oneSegmentReminder(longest);
    expectOneSegment(text, "reminder");
    expect(text).toContain("tertunggak 24 bulan, Rp18.000.000.");
    expect(text).toContain("VA 8888801234567890");
    // Nothing about the debt names the person: the sender id names BPJS Kesehatan.
    expect(text).not.toContain("Siti");
  });

  it.each(followUps)("fits %s in one segment at the longest figures", (what, f, fields) => {
    expectOneSegment(oneSegmentFollowUp({ ...longest, ...fields }, f), what);
  });

  it("thanks a participant already on autodebet by asking for the balance, not to register", () => {
    const text = oneSegmentFollowUp({ ...longest, autodebet: true }, { purpose: "THANK_YOU", occasion: "p" });
    expectOneSegment(text, "thank-you");
    expect(text).toContain("Pastikan saldo autodebet cukup.");
    expect(text).not.toContain("Daftarkan");
  });

  it("shows in docs/messaging.md exactly the texts it sends", () => {
    const quote = /in one segment, at the longest figures:\n\n((?:> .*\n)+)/.exec(DOC)?.[1];
    const reminder = (quote ?? "").replace(/^> /gm, "").replace(/\n/g, " ").trim();
    expect(reminder).toBe(oneSegmentReminder(longest));
    const rows = new Map([...DOC.matchAll(/^\| ([A-Z_]+) \| (Yth\. .+) \|$/gm)].map((r) => [r[1], r[2]]));
    expect([...rows.keys()]).toEqual(followUps.map(([what]) => what));
    for (const [what, f, fields] of followUps)
      expect(rows.get(what), what).toBe(oneSegmentFollowUp({ ...longest, ...fields }, f));
  });
});

describe("choosing the SMS length", () => {
  const eve: FollowUp = { purpose: "PROMISE_EVE", occasion: DATE };

  it("sends the two-segment texts by default", () => {
    expect(parseStrategy({}).messaging.sms.length).toBe("TWO_SEGMENTS");
    expect(reminderText(longest, BUCKET, "TWO_SEGMENTS")).toBe(reminderSms(longest, BUCKET));
    expect(smsSegments(reminderText(longest, BUCKET, "TWO_SEGMENTS")).segments).toBe(2);
    expect(followUpText(longest, eve, "TWO_SEGMENTS")).toBe(followUpSmsText(longest, eve));
  });

  it("sends the one-segment texts when the strategy asks for them", () => {
    expect(reminderText(longest, BUCKET, "ONE_SEGMENT")).toBe(oneSegmentReminder(longest));
    expect(followUpText(longest, eve, "ONE_SEGMENT")).toBe(oneSegmentFollowUp(longest, eve));
  });

  it("sends the two-segment text where one segment cannot hold the figures", () => {
    // A nine-digit amount and a 20-digit account push the reminder past 160 characters.
    const large = { ...longest, amountDue: 120_000_000, virtualAccount: "88888012345678901234" };
    expect(oneSegmentReminder(large)).toBeUndefined();
    expect(reminderText(large, BUCKET, "ONE_SEGMENT")).toBe(reminderSms(large, BUCKET));
  });

  it("refuses what the two-segment texts refuse, whatever the length", () => {
    const again: FollowUp = { purpose: "REMINDER_AGAIN", occasion: "1" };
    expect(() => followUpText(longest, again, "ONE_SEGMENT")).toThrow(TemplateError);
    const rehab: FollowUp = { purpose: "CALL_INFO", occasion: "REHAB#contact#c-1" };
    expect(() => followUpText({ ...longest, rehabEligible: false }, rehab, "ONE_SEGMENT")).toThrow(
      TemplateError,
    );
    expect(() => reminderText({ ...longest, bucketId: "M02_03" }, BUCKET, "ONE_SEGMENT")).toThrow(
      TemplateError,
    );
  });

  it("rejects an SMS length the strategy does not know", () => {
    expect(() => parseStrategy({ messaging: { sms: { length: "THREE_SEGMENTS" } } })).toThrow(/length/);
  });
});
