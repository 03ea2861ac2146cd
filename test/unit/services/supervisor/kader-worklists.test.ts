import { describe, expect, it } from "vitest";
import type { Kader } from "../../../../functions/domain/kader";
import type { WorklistLine } from "../../../../functions/domain/kader-worklist";
import { campaignKaderWorklists } from "../../../../functions/services/supervisor/kader-worklists";

const kader = (kaderId: string, kecamatan: string, desa?: string): Kader => ({
  kaderId,
  name: `Kader ${kaderId}`,
  phone: "+6281234500001",
  branchCode: "GORONTALO",
  kecamatan,
  ...(desa ? { desa } : {}),
  capacityPerWeek: 4,
});

const line = (
  participantId: string,
  area: WorklistLine["area"],
  kaderId?: string,
  priority = 1,
): WorklistLine => ({
  campaignId: "GORONTALO#2026-11",
  branchCode: "GORONTALO",
  period: "2026-11",
  participantId,
  ...(kaderId ? { kaderId } : { unassigned: "NO_KADER" }),
  reason: "NOT_CONTACTABLE",
  name: `Peserta ${participantId}`,
  area,
  address: "Jl. Uji No. 1",
  monthsInArrears: 26,
  amountDue: 1_234_567,
  virtualAccount: "8888801234567890",
  rehabEligible: true,
  priority,
  tried: { callAttempts: 0, smsSent: 1, whatsappSent: 0 },
  handedOffAt: "2026-11-12T10:00:00.000Z",
  week: "2026-W46",
});

describe("the campaign's kader worklists for the supervisor", () => {
  it("lists every kader of the roster with their lines in walking order, and lines without a kader by area", async () => {
    const roster = [kader("K2", "Tilamuta"), kader("K1", "Kota Selatan", "Limba U Satu")];
    const selatan = { kabupaten: "Kota Gorontalo", kecamatan: "Kota Selatan", desa: "Limba U Satu" };
    const suwawa = { kabupaten: "Bone Bolango", kecamatan: "Suwawa" };
    const lines = [
      line("0000000000003", suwawa),
      line("0000000000001", selatan, "K1", 1),
      line("0000000000002", selatan, "K1", 9),
      line("0000000000004", {}),
      line("0000000000005", suwawa),
    ];
    const found = await campaignKaderWorklists(
      {
        kaderRoster: { listRoster: async (code) => (code === "GORONTALO" ? roster : []) },
        kaderWorklists: { listWorklist: async (id) => (id === "GORONTALO#2026-11" ? lines : []) },
      },
      { branchCode: "GORONTALO", period: "2026-11" },
    );
    expect(found.lineCount).toBe(5);
    expect(found.kader.map((k) => [k.kaderId, k.lines.map((l) => l.participantId)])).toEqual([
      ["K1", ["0000000000002", "0000000000001"]],
      ["K2", []],
    ]);
    expect(found.kader[0]).toMatchObject({
      name: "Kader K1",
      kecamatan: "Kota Selatan",
      desa: "Limba U Satu",
      capacityPerWeek: 4,
    });
    expect(found.kader[0]?.lines[0]).toMatchObject({ address: "Jl. Uji No. 1", amountDue: 1_234_567 });
    expect(found.unassigned.map((u) => [u.area, u.lines.map((l) => l.participantId)])).toEqual([
      [{}, ["0000000000004"]],
      [suwawa, ["0000000000003", "0000000000005"]],
    ]);
  });
});
