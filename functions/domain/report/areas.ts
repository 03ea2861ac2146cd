/** The report by area: arrears and outcomes per kabupaten and per kecamatan, from the cases' areas. */
import type { Case } from "../case";
import type { PromiseOutcome } from "./events";
import type { CaseTrail, FunnelFigures } from "./funnel";
import { funnel } from "./funnel";

/** One area's funnel; a level the cases do not name is null ("Tanpa wilayah" in the report). */
export interface AreaFigures extends FunnelFigures {
  kabupaten: string | null;
  /** Only in the per-kecamatan rows. */
  kecamatan?: string | null;
}

export interface AreaBreakdown {
  byKabupaten: AreaFigures[];
  byKecamatan: AreaFigures[];
}

type Level = "kabupaten" | "kecamatan";

/** Most arrears first, then by name; the cases with no area last. */
function order(a: AreaFigures, b: AreaFigures): number {
  const noArea = (f: AreaFigures) => (f.kabupaten === null && !f.kecamatan ? 1 : 0);
  return (
    noArea(a) - noArea(b) ||
    b.amountDue - a.amountDue ||
    `${a.kabupaten ?? ""}/${a.kecamatan ?? ""}`.localeCompare(`${b.kabupaten ?? ""}/${b.kecamatan ?? ""}`)
  );
}

function groups(cases: readonly Case[], level: Level): Map<string, { key: AreaFigures; cases: Case[] }> {
  const out = new Map<string, { key: AreaFigures; cases: Case[] }>();
  for (const c of cases) {
    const kabupaten = c.area?.kabupaten ?? null;
    const kecamatan = level === "kecamatan" ? (c.area?.kecamatan ?? null) : undefined;
    const id = JSON.stringify([kabupaten, kecamatan]);
    const group = out.get(id) ?? {
      key: { kabupaten, ...(kecamatan === undefined ? {} : { kecamatan }) } as AreaFigures,
      cases: [],
    };
    group.cases.push(c);
    out.set(id, group);
  }
  return out;
}

export function byArea(
  cases: readonly Case[],
  byCase: Map<string, CaseTrail>,
  outcomeOf: (c: Case) => PromiseOutcome | undefined,
): AreaBreakdown {
  const rows = (level: Level) =>
    [...groups(cases, level).values()]
      .map(({ key, cases: own }) => ({ ...key, ...funnel(own, byCase, outcomeOf) }))
      .sort(order);
  return { byKabupaten: rows("kabupaten"), byKecamatan: rows("kecamatan") };
}
