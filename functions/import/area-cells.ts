/**
 * The snapshot's optional area and address columns, checked: every bad cell is its own problem
 * naming its field; an address is personal data and is never quoted.
 */
import {
  AREA_LEVELS,
  type Area,
  type AreaLevel,
  addressValue,
  areaValue,
  impliedParents,
  parentProblem,
} from "../domain/area";

export const AREA_COLUMNS = ["kabupaten", "kecamatan", "desa", "address"] as const;
export type AreaColumn = (typeof AREA_COLUMNS)[number];

export interface AreaProblem {
  field: AreaColumn;
  reason: "INVALID_AREA" | "INVALID_ADDRESS";
  detail: string;
}

export type AreaCheck = { ok: true; area?: Area; address?: string } | { ok: false; problems: AreaProblem[] };

const quoted = (value: string) => `'${value.length > 32 ? `${value.slice(0, 32)}...` : value}'`;

function checkArea(cell: (column: AreaLevel) => string): { area?: Area; problems: AreaProblem[] } {
  const problems: AreaProblem[] = [];
  const values: Partial<Record<AreaLevel, { value: string; code?: string }>> = {};
  for (const level of AREA_LEVELS) {
    const value = areaValue(cell(level), level);
    if (value === undefined) continue;
    if (value.ok) values[level] = value;
    else
      problems.push({
        field: level,
        reason: "INVALID_AREA",
        detail: `${quoted(cell(level))} ${value.problem}`,
      });
  }
  // A level whose own cell is bad is not checked against its parent again.
  const bad = new Set(problems.map((p) => p.field));
  for (const level of AREA_LEVELS) {
    const problem = parentProblem(level, values, bad);
    if (problem) problems.push({ field: level, reason: "INVALID_AREA", detail: problem });
  }
  if (problems.length > 0 || Object.keys(values).length === 0) return { problems };
  const area: Area = {};
  for (const level of AREA_LEVELS) {
    const value = values[level];
    if (value === undefined) continue;
    area[level] = value.value;
    if (value.code !== undefined) Object.assign(area, { ...impliedParents(level, value.code), ...area });
  }
  return { area, problems };
}

/** The row's area and address; blank cells (or absent columns) leave them out. */
export function checkAreaCells(cell: (column: AreaColumn) => string): AreaCheck {
  const { area, problems } = checkArea(cell);
  const address = addressValue(cell("address"));
  if (!address.ok) problems.push({ field: "address", reason: "INVALID_ADDRESS", detail: address.problem });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    ...(area ? { area } : {}),
    ...(address.ok && address.value !== undefined ? { address: address.value } : {}),
  };
}
