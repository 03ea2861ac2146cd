/**
 * Which cases a kader JKN should visit, and whose worklist they go to. Pure: the use case
 * (services/kader-handoff.ts) reads the cases, the roster and the worklist, and writes the lines
 * this plans.
 */
import type { Area } from "./area";
import type { Case } from "./case";
import type { Kader } from "./kader";
import { doNotContactOn } from "./participant-status";

/** Why a case needs a visit, in priority order: on equal case priority the first listed goes first. */
export const HANDOFF_REASONS = [
  "NOT_CONTACTABLE",
  "WRONG_NUMBER",
  "NO_ANSWER_ALL_ATTEMPTS",
  "MONTHS_24_PLUS",
  "VISIT_REQUESTED",
] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/** Why a line has no kader: it stays listed by area for the supervisor. */
export type UnassignedReason =
  /** The case's snapshot row named no kecamatan. */
  | "NO_AREA"
  /** No kader on the branch's roster serves its desa or kecamatan. */
  | "NO_KADER"
  /** Its kecamatan name lies in two kabupaten of the branch: a name alone cannot say which. */
  | "AMBIGUOUS_KECAMATAN"
  /** Its kader have no capacity left this week; a later hand-off may assign it. */
  | "OVER_CAPACITY";

export const MONTHS_FOR_VISIT = 24;

/** A case the hand-off may read: `visitRequested` comes from the snapshot's visit_requested column. */
export type HandoffCase = Case;

/** Closed cases that still get a visit: closed because the phone failed them. */
const PHONE_FAILED: ReadonlySet<string> = new Set([
  "NOT_CONTACTABLE",
  "INVALID_NUMBER",
  "WRONG_PARTY",
  "UNREACHABLE",
]);
/**
 * Closed cases that never do: some money came, a promise is still running, the campaign was
 * stopped, or the participant died (never contacted again, whatever the months or a visit asked).
 */
const NO_VISIT_AFTER_CLOSE: ReadonlySet<string> = new Set([
  "PARTIALLY_PAID",
  "PROMISE_PENDING",
  "STOPPED",
  "DECEASED",
]);

const wrongNumber = (c: Case) =>
  c.lastOutcome === "WRONG_NUMBER" || (c.lastOutcome === "INVALID_NUMBER" && !c.contactable);

/**
 * Why the case needs a visit, or undefined. Never a PAID case; an OPEN one unless a promise is
 * pending; a CLOSED one only when closed because the phone failed (or, for 24+ months and asked
 * visits, closed without money, promise or stop); never while a do-not-contact hold stands on
 * local date `today`, and for a case on a REHAB plan only a visit asked for. `maxAttempts` is the
 * strategy's call cap per campaign.
 */
export function handoffReason(c: HandoffCase, maxAttempts: number, today: string): HandoffReason | undefined {
  if (c.status === "PAID") return undefined;
  // A visit is contact: not while the participant asked for none (or a complaint is reviewed).
  if (doNotContactOn(c.hold, today)) return undefined;
  // On a REHAB plan they pay in instalments: no visit as a debtor, only one they asked for.
  if (c.hold?.kind === "REHAB_PLAN")
    return c.visitRequested && c.status === "OPEN" ? "VISIT_REQUESTED" : undefined;
  if (c.status === "OPEN" && (c.promise?.status === "PENDING" || c.inFlight)) return undefined;
  if (c.status === "CLOSED" && (!c.closeReason || NO_VISIT_AFTER_CLOSE.has(c.closeReason))) return undefined;
  const phoneFailedOrOpen = c.status === "OPEN" || PHONE_FAILED.has(c.closeReason ?? "");
  if (phoneFailedOrOpen) {
    if (wrongNumber(c)) return "WRONG_NUMBER";
    if (!c.contactable || !c.phone) return "NOT_CONTACTABLE";
    if (c.callAttempts >= maxAttempts && !c.contacted) return "NO_ANSWER_ALL_ATTEMPTS";
  }
  if (c.monthsInArrears >= MONTHS_FOR_VISIT) return "MONTHS_24_PLUS";
  if (c.visitRequested) return "VISIT_REQUESTED";
  return undefined;
}

/** A line already on the campaign's worklist, as the plan needs it. */
export interface PlacedLine {
  participantId: string;
  kaderId?: string;
  unassigned?: UnassignedReason;
  week: string;
}

/** A new line: the case, why, and its kader or why none. */
export interface PlannedLine {
  case: HandoffCase;
  reason: HandoffReason;
  kaderId?: string;
  unassigned?: UnassignedReason;
  /** An OVER_CAPACITY line of an earlier hand-off this one assigns: that line is removed. */
  replacesUnassigned?: boolean;
}

export interface HandoffInput {
  /** Every case of the campaign: kecamatan names are told apart by the kabupaten they lie in. */
  cases: readonly HandoffCase[];
  roster: readonly Kader[];
  /** Lines already on the campaign's worklist. */
  placed: readonly PlacedLine[];
  /** Lines a kader holds for `week` across the branch's campaigns (a week may span two months). */
  loadThisWeek: ReadonlyMap<string, number>;
  week: string;
  /** The branch's local date (YYYY-MM-DD): a do-not-contact hold is read against it. */
  today: string;
  maxAttempts: number;
}

const CODE = /^\d[\d.]*$/;
const isCode = (value: string) => CODE.test(value);
const nameKey = (value: string) => value.toLocaleLowerCase("id");

/** Kecamatan names lying in more than one kabupaten among the cases. */
function ambiguousKecamatan(cases: readonly HandoffCase[]): Set<string> {
  const kabupatenOf = new Map<string, Set<string>>();
  for (const c of cases) {
    const kecamatan = c.area?.kecamatan;
    if (!kecamatan || isCode(kecamatan)) continue;
    const set = kabupatenOf.get(nameKey(kecamatan)) ?? new Set();
    set.add(c.area?.kabupaten ?? "");
    kabupatenOf.set(nameKey(kecamatan), set);
  }
  return new Set([...kabupatenOf].filter(([, set]) => set.size > 1).map(([name]) => name));
}

/** Whether a roster value (name or code) names the case's value at the same level. */
const sameArea = (roster: string, area: string | undefined) =>
  area !== undefined &&
  (isCode(roster) || isCode(area) ? roster === area : nameKey(roster) === nameKey(area));

type Match = { kader: Kader[] } | { unassigned: UnassignedReason };

/** The kader who may take a case of `area`: those of its desa, then those of its whole kecamatan. */
function kaderFor(area: Area | undefined, roster: readonly Kader[], ambiguous: Set<string>): Match {
  const kecamatan = area?.kecamatan;
  if (!kecamatan) return { unassigned: "NO_AREA" };
  const ofKecamatan = roster.filter((k) => sameArea(k.kecamatan, kecamatan));
  // A name-for-name match needs the name to be unique among the branch's kabupaten.
  if (ofKecamatan.length > 0 && !isCode(kecamatan) && ambiguous.has(nameKey(kecamatan))) {
    return { unassigned: "AMBIGUOUS_KECAMATAN" };
  }
  const ofDesa = ofKecamatan.filter((k) => k.desa !== undefined && sameArea(k.desa, area?.desa));
  const whole = ofKecamatan.filter((k) => k.desa === undefined);
  const kader = [...ofDesa, ...whole];
  return kader.length > 0 ? { kader } : { unassigned: "NO_KADER" };
}

/** Best first: higher case priority, then reason order, then participant id. */
function byUrgency(a: { case: Case; reason: HandoffReason }, b: { case: Case; reason: HandoffReason }) {
  return (
    b.case.priority - a.case.priority ||
    HANDOFF_REASONS.indexOf(a.reason) - HANDOFF_REASONS.indexOf(b.reason) ||
    a.case.participantId.localeCompare(b.case.participantId)
  );
}

/**
 * The lines to add: each case needing a visit and not yet on the worklist (or only as
 * OVER_CAPACITY), best first, to the first of its kader (desa before kecamatan) with capacity left
 * this week; else listed without a kader, with why.
 */
export function planHandoff(input: HandoffInput): PlannedLine[] {
  const onList = new Map(input.placed.map((line) => [line.participantId, line]));
  const ambiguous = ambiguousKecamatan(input.cases);
  const load = new Map(input.loadThisWeek);
  const candidates = input.cases
    .map((c) => ({ case: c, reason: handoffReason(c, input.maxAttempts, input.today) }))
    .filter((x): x is { case: HandoffCase; reason: HandoffReason } => x.reason !== undefined)
    .filter((x) => {
      const placed = onList.get(x.case.participantId);
      return !placed || placed.unassigned === "OVER_CAPACITY";
    })
    .sort(byUrgency);
  const planned: PlannedLine[] = [];
  for (const candidate of candidates) {
    const wasWaiting = onList.has(candidate.case.participantId);
    const match = kaderFor(candidate.case.area, input.roster, ambiguous);
    if ("unassigned" in match) {
      if (!wasWaiting) planned.push({ ...candidate, unassigned: match.unassigned });
      continue;
    }
    const free = match.kader.find((k) => (load.get(k.kaderId) ?? 0) < k.capacityPerWeek);
    if (free) {
      load.set(free.kaderId, (load.get(free.kaderId) ?? 0) + 1);
      planned.push({
        ...candidate,
        kaderId: free.kaderId,
        ...(wasWaiting ? { replacesUnassigned: true } : {}),
      });
    } else if (!wasWaiting) {
      planned.push({ ...candidate, unassigned: "OVER_CAPACITY" });
    }
  }
  return planned;
}

/** The ISO week (`2026-W49`) of a local date YYYY-MM-DD: a kader's capacity counts per such week. */
export function isoWeekOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = day.getUTCDay() || 7;
  // The week's Thursday decides its year.
  const thursday = new Date(day.getTime() + (4 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}
