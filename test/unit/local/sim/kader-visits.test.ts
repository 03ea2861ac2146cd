import { describe, expect, it } from "vitest";
import type { Kader } from "../../../../functions/domain/kader";
import type { WorklistLine } from "../../../../functions/domain/kader-worklist";
import { planKaderVisits, visitDays, visitKey } from "../../../../local/sim/kader-visits";

const TZ = "Asia/Makassar";
const SATURDAY = new Date("2026-11-14T02:00:00Z"); // 10:00 WITA
const kader = (kaderId: string, capacityPerWeek: number): Kader => ({
  kaderId,
  name: "Kader",
  phone: "+6281234567890",
  branchCode: "GORONTALO",
  kecamatan: "Limboto",
  capacityPerWeek,
});
const line = (n: number, kaderId: string | undefined, extra: Partial<WorklistLine> = {}): WorklistLine => ({
  campaignId: "GORONTALO#2026-11",
  branchCode: "GORONTALO",
  period: "2026-11",
  participantId: String(1_000_000_000_000 + n),
  ...(kaderId ? { kaderId } : {}),
  reason: "NOT_CONTACTABLE",
  name: "Peserta",
  area: { kecamatan: "Limboto" },
  monthsInArrears: 3,
  amountDue: 100_000,
  virtualAccount: "8888800000000001",
  rehabEligible: false,
  priority: n % 3,
  tried: { callAttempts: 0, smsSent: 1, whatsappSent: 0 },
  handedOffAt: "2026-11-12T10:00:00Z",
  week: "2026-W46",
  ...extra,
});
const plan = (lines: WorklistLine[], roster: Kader[], seed = 7, visited = new Set<string>()) =>
  planKaderVisits({ lines, roster, visited, now: SATURDAY, timeZone: TZ, seed });

describe("simulated kader visits", () => {
  const many = Array.from({ length: 20_000 }, (_, i) => line(i, "K1"));
  const big = plan(many, [kader("K1", 200_000)]);

  it("the same seed gives the same visits and outcomes; another seed others", () => {
    const lines = many.slice(0, 200);
    const roster = [kader("K1", 200)];
    expect(plan(lines, roster)).toEqual(plan(lines, roster));
    expect(plan(lines, roster, 8)).not.toEqual(plan(lines, roster));
    // Keyed by participant and week, not by the order of the lines.
    const sorted = (r: ReturnType<typeof plan>) =>
      [...r].sort((a, b) => a.participantId.localeCompare(b.participantId));
    expect(sorted(plan([...lines].reverse(), roster))).toEqual(sorted(plan(lines, roster)));
  });

  it("outcomes in the assumed shares, about 80% of due lines visited in a week", () => {
    expect(big.length / many.length).toBeCloseTo(0.8, 1);
    const share = (o: string) => big.filter((r) => r.outcome === o).length / big.length;
    expect(share("NOT_HOME")).toBeCloseTo(0.3, 1);
    expect(share("VISITED_PROMISED")).toBeCloseTo(0.3, 1);
    expect(share("VISITED_REFUSED")).toBeCloseTo(0.1, 1);
    expect(share("PHONE_UPDATED")).toBeCloseTo(0.1, 1);
    expect(Math.abs(share("MOVED") - 0.08)).toBeLessThan(0.01);
    expect(Math.abs(share("REGISTERED_AUTODEBET") - 0.05)).toBeLessThan(0.01);
    expect(Math.abs(share("COMPLAINT") - 0.04)).toBeLessThan(0.01);
    expect(Math.abs(share("DECEASED") - 0.03)).toBeLessThan(0.01);
  });

  it("each result carries what its outcome needs, a promise 3 to 10 days after the visit", () => {
    for (const r of big) {
      expect(r.visitedAt).toBe(SATURDAY.toISOString());
      if (r.outcome === "VISITED_PROMISED") {
        const date = r.promiseDate ?? "";
        expect(date >= "2026-11-17" && date <= "2026-11-24").toBe(true);
      } else expect(r.promiseDate).toBeUndefined();
      if (r.outcome === "VISITED_REFUSED") expect(r.reason).toBeTruthy();
      if (r.outcome === "COMPLAINT") expect(r.text).toBeTruthy();
      if (r.outcome === "PHONE_UPDATED") expect(r.newPhone).toMatch(/^\+62812\d{8}$/);
    }
  });

  it("only the kader's own lines handed by now, not paid, not visited, up to capacity, best priority first", () => {
    const lines = [
      ...Array.from({ length: 30 }, (_, i) => line(i, "K1")),
      line(100, "K1", { handedOffAt: "2026-11-15T01:00:00Z" }),
      line(101, "K1", { paid: true }),
      line(102, undefined, { unassigned: "NO_KADER" }),
      line(103, "K2"),
    ];
    const visited = new Set([visitKey(line(0, "K1")), visitKey(line(1, "K1"))]);
    const results = plan(lines, [kader("K1", 5), kader("K2", 10)], 7, visited);
    const k1 = results.filter((r) => r.kaderId === "K1").map((r) => r.participantId);
    expect(k1).toHaveLength(5);
    for (const excluded of [0, 1, 100, 101, 102])
      expect(k1).not.toContain(line(excluded, "K1").participantId);
    const priorityOf = new Map(lines.map((l) => [l.participantId, l.priority]));
    expect(k1.map((id) => priorityOf.get(id))).toEqual([2, 2, 2, 2, 2]);
    expect(results.filter((r) => r.kaderId === "K2").map((r) => r.participantId)).not.toContain(
      line(102, undefined).participantId,
    );
  });

  it("visit rounds: each Saturday 10:00 in the branch's zone, from the campaign start to the month's end", () => {
    const days = visitDays("2026-11", new Date("2026-11-11T00:00:00Z"), TZ);
    expect(days.map((d) => d.toISOString())).toEqual([
      "2026-11-14T02:00:00.000Z",
      "2026-11-21T02:00:00.000Z",
      "2026-11-28T02:00:00.000Z",
    ]);
  });
});
