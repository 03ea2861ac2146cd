import type { Area } from "../../domain/area";
import { campaignIdOf } from "../../domain/case";
import type { HandoffReason, UnassignedReason } from "../../domain/kader-handoff";
import { byRoute, type WorklistLine, type WorklistTried } from "../../domain/kader-worklist";
import type { KaderRosterStore } from "../../store/kader";
import type { KaderWorklistStore } from "../../store/kader-worklists";

/**
 * One line of a worklist as the branch's supervisor reads it: what the kader's printed worklist
 * shows (personal data included: name, address), never logged.
 */
export interface WorklistLineView {
  participantId: string;
  name: string;
  area: Area;
  address?: string;
  reason: HandoffReason;
  monthsInArrears: number;
  amountDue: number;
  virtualAccount: string;
  rehabEligible: boolean;
  tried: WorklistTried;
  /** The ISO week whose capacity the line counts in. */
  week: string;
  handedOffAt: string;
  /** Paid in full after the hand-off: no visit needed. */
  paid?: boolean;
  unassigned?: UnassignedReason;
}

/** A kader of the roster with the lines handed to them (none yet: an empty list). */
export interface KaderWorklistView {
  kaderId: string;
  /** Absent when the kader has left the roster since the hand-off. */
  name?: string;
  kecamatan?: string;
  desa?: string;
  capacityPerWeek?: number;
  lines: WorklistLineView[];
}

/** Lines no kader took, grouped by the area they are in. */
export interface UnassignedArea {
  area: Area;
  lines: WorklistLineView[];
}

export interface CampaignKaderWorklists {
  kader: KaderWorklistView[];
  unassigned: UnassignedArea[];
  lineCount: number;
}

const lineView = (l: WorklistLine): WorklistLineView => ({
  participantId: l.participantId,
  name: l.name,
  area: l.area,
  ...(l.address ? { address: l.address } : {}),
  reason: l.reason,
  monthsInArrears: l.monthsInArrears,
  amountDue: l.amountDue,
  virtualAccount: l.virtualAccount,
  rehabEligible: l.rehabEligible,
  tried: l.tried,
  week: l.week,
  handedOffAt: l.handedOffAt,
  ...(l.paid ? { paid: true } : {}),
  ...(l.unassigned ? { unassigned: l.unassigned } : {}),
});

const areaKey = (a: Area) => [a.kabupaten ?? "", a.kecamatan ?? "", a.desa ?? ""].join("|");

/**
 * A campaign's kader worklists for the branch's supervisor: every kader of the roster (by
 * kecamatan, desa, id) with their lines in walking order, and the lines without a kader by area.
 */
export async function campaignKaderWorklists(
  deps: {
    kaderRoster: Pick<KaderRosterStore, "listRoster">;
    kaderWorklists: Pick<KaderWorklistStore, "listWorklist">;
  },
  input: { branchCode: string; period: string },
): Promise<CampaignKaderWorklists> {
  const [roster, lines] = await Promise.all([
    deps.kaderRoster.listRoster(input.branchCode),
    deps.kaderWorklists.listWorklist(campaignIdOf(input.branchCode, input.period)),
  ]);
  const sorted = [...lines].sort(byRoute);
  const kader = new Map<string, KaderWorklistView>(
    [...roster]
      .sort(
        (a, b) =>
          a.kecamatan.localeCompare(b.kecamatan) ||
          (a.desa ?? "").localeCompare(b.desa ?? "") ||
          a.kaderId.localeCompare(b.kaderId),
      )
      .map((k) => [
        k.kaderId,
        {
          kaderId: k.kaderId,
          name: k.name,
          kecamatan: k.kecamatan,
          ...(k.desa ? { desa: k.desa } : {}),
          capacityPerWeek: k.capacityPerWeek,
          lines: [],
        },
      ]),
  );
  const unassigned = new Map<string, UnassignedArea>();
  for (const line of sorted) {
    if (line.kaderId === undefined) {
      const key = areaKey(line.area);
      const group = unassigned.get(key) ?? { area: line.area, lines: [] };
      group.lines.push(lineView(line));
      unassigned.set(key, group);
      continue;
    }
    const own = kader.get(line.kaderId) ?? { kaderId: line.kaderId, lines: [] };
    own.lines.push(lineView(line));
    kader.set(line.kaderId, own);
  }
  return { kader: [...kader.values()], unassigned: [...unassigned.values()], lineCount: lines.length };
}
