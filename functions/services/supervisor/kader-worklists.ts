import type { Area } from "../../domain/area";
import { campaignIdOf } from "../../domain/case";
import { byRoute, type WorklistLine } from "../../domain/kader-worklist";
import type { KaderRosterStore } from "../../store/kader";
import type { KaderWorklistStore } from "../../store/kader-worklists";

/**
 * One line of a worklist as the branch's supervisor reads it: what the kader's printed worklist
 * shows (personal data included: name, address), never logged; without the keys and the ranking.
 */
export type WorklistLineView = Omit<
  WorklistLine,
  "campaignId" | "branchCode" | "period" | "kaderId" | "priority"
>;

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

const lineView = ({
  campaignId: _c,
  branchCode: _b,
  period: _p,
  kaderId: _k,
  priority: _r,
  ...view
}: WorklistLine) => view;

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
