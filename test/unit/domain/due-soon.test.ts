import { describe, expect, it } from "vitest";
import {
  type DueSoonNotice,
  dueSoonFollowUp,
  noticeOf,
  recipientOf,
} from "../../../functions/domain/due-soon";
import { followUpSmsText } from "../../../functions/domain/follow-up-sms";
import { followUpSkip } from "../../../functions/domain/follow-ups";
import type { ChannelProfile } from "../../../functions/domain/messaging";
import { nextDueDate } from "../../../functions/domain/premiums";
import { smsSegments } from "../../../functions/domain/sms-template";
import { type CampaignStrategyInput, parseStrategy } from "../../../functions/domain/strategy";
import { WIB } from "../../fixtures/dialing";
import { wibFollowUpCtx } from "../../fixtures/follow-up-context";
import { participant } from "../../fixtures/participants";

const CAMPAIGN = { campaignId: "SEMARANG#2026-12", branchCode: "SEMARANG", period: "2026-12" };
// Friday 2026-12-11, 08:00 WIB: the monthly start maps the campaign.
const MAPPED = new Date("2026-12-11T01:00:00Z");
const oneBehind = participant({ participantId: "0001000000007", branchCode: "SEMARANG", monthsInArrears: 1 });

const noticeAt = (now: Date, s: CampaignStrategyInput = {}, profile?: ChannelProfile) =>
  noticeOf(oneBehind, CAMPAIGN, parseStrategy(s), {
    now,
    timeZone: WIB.timeZone,
    ...(profile ? { profile } : {}),
  });
const notice = noticeAt(MAPPED) as DueSoonNotice;

describe("due-soon notices at mapping", () => {
  it("notes a participant exactly one month behind, due on the 10th of the next month", () => {
    expect(notice).toMatchObject({
      campaignId: "SEMARANG#2026-12",
      caseId: "SEMARANG#2026-12#DUE_SOON#0001000000007",
      dueDate: "2027-01-10",
      amountDue: 35_000,
      phone: "+6281234567890",
    });
    expect(notice).not.toHaveProperty("status");
    expect(notice).not.toHaveProperty("dialQueue");
  });

  it("takes the due date still ahead this month when mapping runs before the due day", () => {
    expect(nextDueDate("2026-12-03", 10)).toBe("2026-12-10");
    expect(nextDueDate("2026-12-10", 10)).toBe("2027-01-10");
    expect(nextDueDate("2026-11-11", 5)).toBe("2026-12-05");
    expect(noticeAt(MAPPED, { messaging: { followUps: { dueSoon: { dueDay: 15 } } } })?.dueDate).toBe(
      "2026-12-15",
    );
  });

  it("notes none two months behind (a case), none without arrears, none when switched off", () => {
    const s = parseStrategy({});
    const ctx = { now: MAPPED, timeZone: WIB.timeZone };
    expect(noticeOf({ ...oneBehind, monthsInArrears: 2 }, CAMPAIGN, s, ctx)).toBeUndefined();
    expect(noticeOf({ ...oneBehind, monthsInArrears: 0 }, CAMPAIGN, s, ctx)).toBeUndefined();
    expect(noticeAt(MAPPED, { messaging: { followUps: { dueSoon: { enabled: false } } } })).toBeUndefined();
    // With minMonths 1 those a month behind are cases: the campaign's own reminder reaches them.
    expect(
      noticeAt(MAPPED, {
        minMonths: 1,
        buckets: [{ id: "ALL", label: "1+", minMonths: 1, maxMonths: null, treatments: ["SMS"] }],
      }),
    ).toBeUndefined();
  });

  it("follows the strategy's months behind", () => {
    const s = parseStrategy({
      minMonths: 3,
      buckets: [{ id: "M3", label: "3+", minMonths: 3, maxMonths: null, treatments: ["CALL"] }],
      messaging: { followUps: { dueSoon: { monthsBehind: 2 } } },
    });
    const ctx = { now: MAPPED, timeZone: WIB.timeZone };
    expect(noticeOf({ ...oneBehind, monthsInArrears: 2 }, CAMPAIGN, s, ctx)?.monthsInArrears).toBe(2);
    expect(noticeOf(oneBehind, CAMPAIGN, s, ctx)).toBeUndefined();
  });

  it("honours lasting statuses: none for the deceased or a REHAB plan, a do-not-contact hold kept", () => {
    const base = {
      participantId: oneBehind.participantId,
      whatsapp: "UNKNOWN",
      whatsappFailures: 0,
      updatedAt: "x",
    } as const;
    expect(
      noticeAt(MAPPED, {}, { ...base, deceased: { at: "2026-11-01", setBy: "kader" } } as ChannelProfile),
    ).toBeUndefined();
    expect(
      noticeAt(MAPPED, {}, { ...base, rehabPlan: { since: "2026-11-01", setBy: "kader" } } as ChannelProfile),
    ).toBeUndefined();
    const held = noticeAt(MAPPED, {}, {
      ...base,
      doNotContact: { until: "2026-12-20", reason: "REFUSED", setBy: "agent", at: "2026-11-20" },
    } as ChannelProfile);
    expect(held?.hold).toEqual({ kind: "DO_NOT_CONTACT", until: "2026-12-20" });
  });
});

describe("when the due-soon reminder may go", () => {
  it("from mapping on, until daysBefore days before the due date", () => {
    // Monday 14 December: the first calling day after the grace days.
    expect(dueSoonFollowUp(notice, wibFollowUpCtx("2026-12-14T01:00:00Z"))).toEqual({
      purpose: "DUE_SOON",
      occasion: "2027-01-10",
    });
    expect(dueSoonFollowUp(notice, wibFollowUpCtx("2027-01-07T01:00:00Z"))).toBeDefined();
    expect(dueSoonFollowUp(notice, wibFollowUpCtx("2027-01-08T01:00:00Z"))).toBeUndefined();
    expect(dueSoonFollowUp(notice, wibFollowUpCtx("2027-01-10T01:00:00Z"))).toBeUndefined();
    const oneDay = { messaging: { followUps: { dueSoon: { daysBefore: 1 } } } };
    expect(dueSoonFollowUp(notice, wibFollowUpCtx("2027-01-09T01:00:00Z", oneDay))).toBeDefined();
  });

  it("inside the window on calling days only: never on a holiday, a Sunday or at night", () => {
    const f = { purpose: "DUE_SOON", occasion: "2027-01-10" } as const;
    expect(followUpSkip(notice, f, wibFollowUpCtx("2026-12-14T03:00:00Z"))).toBeUndefined();
    expect(followUpSkip(notice, f, wibFollowUpCtx("2026-12-25T03:00:00Z"))).toBe("OUTSIDE_WINDOW");
    expect(followUpSkip(notice, f, wibFollowUpCtx("2026-12-13T03:00:00Z"))).toBe("OUTSIDE_WINDOW");
    expect(followUpSkip(notice, f, wibFollowUpCtx("2026-12-14T15:00:00Z"))).toBe("OUTSIDE_WINDOW");
  });

  it("once per due date, under the cap, to a mobile, and only when switched on", () => {
    const f = { purpose: "DUE_SOON", occasion: "2027-01-10" } as const;
    const ctx = wibFollowUpCtx("2026-12-14T03:00:00Z");
    const sent = { status: "SENT", at: "2026-12-14T01:00:00Z" } as const;
    expect(followUpSkip({ ...notice, followUps: { "DUE_SOON#2027-01-10": sent } }, f, ctx)).toBe("ALREADY");
    const capped = { ...notice, messageTimes: ["2026-12-12T01:00:00Z", "2026-12-13T01:00:00Z"] };
    expect(followUpSkip(capped, f, ctx)).toBe("CAP_REACHED");
    expect(followUpSkip({ ...notice, phoneType: "FIXED_LINE" }, f, ctx)).toBe("NO_MOBILE");
    expect(followUpSkip({ ...notice, hold: { kind: "DO_NOT_CONTACT", until: "2026-12-20" } }, f, ctx)).toBe(
      "DO_NOT_CONTACT",
    );
    const off = wibFollowUpCtx("2026-12-14T03:00:00Z", {
      messaging: { followUps: { dueSoon: { enabled: false } } },
    });
    expect(followUpSkip(notice, f, off)).toBe("DISABLED");
  });
});

describe("the due-soon SMS", () => {
  const f = { purpose: "DUE_SOON", occasion: "2027-01-10" } as const;

  it("names the unpaid amount, the due date and the family's VA, in formal Indonesian", () => {
    expect(followUpSmsText(recipientOf(notice), f)).toBe(
      "Yth. Bpk/Ibu Siti, iuran JKN Anda sebesar Rp35.000 belum terbayar. Mohon dibayar paling lambat " +
        `tanggal 10 Januari 2027. Pembayaran melalui VA ${notice.virtualAccount} di bank, minimarket, ` +
        "Kantor Pos atau Mobile JKN. BPJS Kesehatan tidak pernah meminta transfer ke rekening pribadi.",
    );
  });

  it("fits two GSM-7 segments whatever the name, amount and month, with no link", () => {
    const names = [
      "SITI AMINAH",
      "",
      "H. MUHAMMAD HERU SUSANTO, S.E.",
      "Zoë Ñáñez",
      "Wa Ode Nurhayati Kusumawardhani",
    ];
    for (const name of names) {
      for (const occasion of ["2027-01-10", "2027-09-10"]) {
        const text = followUpSmsText(
          { ...recipientOf(notice), name, amountDue: 99_999_999 },
          { ...f, occasion },
        );
        expect(smsSegments(text)).toMatchObject({ encoding: "GSM-7" });
        expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
        expect(text).not.toMatch(/https?:|www\.|\.id\b|\.com\b/);
        expect(text).toContain("tidak pernah meminta transfer ke rekening pribadi");
      }
    }
  });
});
