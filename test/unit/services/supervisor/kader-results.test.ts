import { describe, expect, it } from "vitest";
import { branchIndex, SAMPLE_BRANCHES } from "../../../../functions/domain/branches";
import type { Kader } from "../../../../functions/domain/kader";
import type { KaderResultsDeps } from "../../../../functions/services/kader-results";
import { receiveKaderResults } from "../../../../functions/services/supervisor/kader-results";
import type { StoredKaderResult } from "../../../../functions/store/kader-results";

const KADER: Kader = {
  kaderId: "K1",
  name: "Kader Satu",
  phone: "+6281234500001",
  branchCode: "GORONTALO",
  kecamatan: "Kota Selatan",
  capacityPerWeek: 4,
};

/** Stores that keep what the results store receives; no open case, so nothing touches a case. */
function fakes() {
  const stored: StoredKaderResult[] = [];
  const deps = {
    results: { put: async (r: StoredKaderResult) => void stored.push(r), list: async () => stored },
    caseWrites: { closeDeceased: async () => true, setPromise: async () => true },
    cases: { get: async () => undefined },
    campaigns: { get: async () => undefined },
    participants: { updatePhone: async () => true },
    interactions: { recordInteraction: async () => true },
    profiles: { update: async (_id: string, change: (p: undefined) => unknown) => change(undefined) },
    audit: { record: async () => undefined },
    branches: branchIndex(SAMPLE_BRANCHES),
    kaderRoster: { listRoster: async () => [KADER] },
  } as unknown as KaderResultsDeps & { kaderRoster: { listRoster: () => Promise<Kader[]> } };
  return { deps, stored };
}

const input = (results: Record<string, string>[]) => ({
  branchCode: "GORONTALO",
  results,
  username: "api:spv-gorontalo",
  now: new Date("2026-11-20T00:00:00Z"),
});

const visit = { kader_id: "K1", participant_id: "0001234567890", visited_at: "2026-11-12" };

describe("a form's kader results", () => {
  it("names each bad result by its index and field, and applies none of them", async () => {
    const { deps, stored } = fakes();
    const answer = await receiveKaderResults(
      deps,
      input([
        { ...visit, outcome: "NOT_HOME" },
        { ...visit, kader_id: "K9", outcome: "VISITED_REFUSED" },
      ]),
    );
    expect(answer).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({ index: 1, field: "kader_id", reason: "UNKNOWN_KADER" }),
        expect.objectContaining({ index: 1, field: "reason", reason: "MISSING_REASON" }),
      ],
    });
    expect(stored).toEqual([]);
  });

  it("applies valid results as the results file's, received by the API's user", async () => {
    const { deps, stored } = fakes();
    const answer = await receiveKaderResults(deps, input([{ ...visit, outcome: "NOT_HOME", text: "" }]));
    expect(answer).toEqual({
      ok: true,
      summary: { applied: 0, onClosedCase: 0, noCase: 1, each: ["NO_CASE"], byOutcome: { NOT_HOME: 1 } },
    });
    expect(stored).toEqual([
      expect.objectContaining({
        outcome: "NOT_HOME",
        receivedBy: "api:spv-gorontalo",
        applied: "NO_CASE",
      }),
    ]);
  });
});
