import type { Case } from "../../functions/domain/case";
import type { Kader } from "../../functions/domain/kader";
import { worklistLine } from "../../functions/domain/kader-worklist";
import { DynamoCaseStore } from "../../functions/store/cases";
import { createDocumentClient } from "../../functions/store/client";
import { allCases } from "../../functions/store/cursor";
import { DynamoKaderStore } from "../../functions/store/kader";
import { DynamoKaderResultStore } from "../../functions/store/kader-results";
import { DynamoKaderWorklistStore } from "../../functions/store/kader-worklists";
import type { LocalUp } from "../../local/up";

/**
 * A kader roster and worklist lines put in a running local runtime's kader table, as `telecollect
 * kader import` and the hand-off after a calling day would: one kader of the branch with one line,
 * and one line of an area without a kader, on open cases of the campaign.
 */
export const KADER: Kader = {
  kaderId: "KDR-UJI-1",
  name: "Ibu Rahmawati Uji",
  phone: "+6281234500001",
  branchCode: "GORONTALO",
  kecamatan: "Kota Selatan",
  desa: "Limba U Satu",
  capacityPerWeek: 5,
};

export const KADER_ADDRESS = "Jl. Uji Kader No. 7, RT 01 RW 02";
export const NO_KADER_AREA = { kabupaten: "Bone Bolango", kecamatan: "Suwawa Uji" };

export interface SeededKader {
  /** Open cases of the campaign, best priority first: [0] on the kader's list, [1] without a kader. */
  open: Case[];
  results: DynamoKaderResultStore;
  cases: DynamoCaseStore;
}

export async function seedKader(up: LocalUp, branchCode: string, period: string): Promise<SeededKader> {
  const doc = createDocumentClient({ endpoint: up.dynamoEndpoint });
  const cases = new DynamoCaseStore(doc, up.tables.cases);
  const open = (await allCases(cases, `${branchCode}#${period}`))
    .filter((c) => c.status === "OPEN" && !c.inFlight)
    .sort((a, b) => b.priority - a.priority || a.participantId.localeCompare(b.participantId));
  const [visited, unassigned] = open;
  if (!visited || !unassigned) throw new Error(`fewer than two open cases in ${branchCode} ${period}`);
  const now = new Date(`${period}-11T00:00:00Z`);
  const at = { now, week: "2026-W46" };
  await new DynamoKaderStore(doc, up.tables.kader).replaceRoster(branchCode, [KADER], now);
  await new DynamoKaderWorklistStore(doc, up.tables.kader).addLines(
    visited.campaignId,
    [
      {
        ...worklistLine(
          { case: visited, reason: "NO_ANSWER_ALL_ATTEMPTS", kaderId: KADER.kaderId },
          undefined,
          at,
        ),
        area: { kabupaten: "Kota Gorontalo", kecamatan: KADER.kecamatan, desa: KADER.desa ?? "" },
        address: KADER_ADDRESS,
      },
      {
        ...worklistLine(
          { case: unassigned, reason: "NOT_CONTACTABLE", unassigned: "NO_KADER" },
          undefined,
          at,
        ),
        area: NO_KADER_AREA,
      },
    ],
    [],
    now,
  );
  return { open, results: new DynamoKaderResultStore(doc, up.tables), cases };
}
