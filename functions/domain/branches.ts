import { z } from "zod";
import { isCalendarDate, isIanaTimeZone } from "./local-time";
import { parseOrThrow } from "./validation";

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const BRANCH_CODE = /^[A-Z][A-Z0-9_]{1,31}$/;

/** 2-32 of A-Z, 0-9 and _, starting with a letter: `GORONTALO`. */
export const isBranchCode = (code: string) => BRANCH_CODE.test(code);

/** A local time of day, zero-padded `HH:MM`. */
export const clockTimeSchema = () => z.string().regex(HHMM, "expected HH:MM (00:00-23:59)");
const calendarDate = () => z.string().refine(isCalendarDate, "expected a calendar date YYYY-MM-DD");
const isoWeekdays = () =>
  z
    .array(z.int().min(1).max(7))
    .min(1)
    .refine((days) => new Set(days).size === days.length, "days must not repeat");

// Zero-padded HH:MM strings (and YYYY-MM-DD dates) compare like the times (dates) they are.
function endAfterStart(r: { start: string; end: string }, ctx: z.RefinementCtx): void {
  if (r.start >= r.end) ctx.addIssue({ code: "custom", path: ["end"], message: "end must be after start" });
}

/** Local hours with no contact on some weekdays, e.g. Friday prayers. */
export const weeklyBlockSchema = z
  .object({
    /** ISO weekdays, 1 = Monday .. 7 = Sunday. */
    days: isoWeekdays(),
    start: clockTimeSchema(),
    /** Exclusive: contact may resume at `end`. */
    end: clockTimeSchema(),
    reason: z.string().trim().min(1).optional(),
  })
  .superRefine(endAfterStart);

/** Local hours with no contact on every date from `from` to `to` (inclusive), e.g. the Ramadan iftar hour. */
export const datedBlockSchema = z
  .object({
    from: calendarDate(),
    to: calendarDate(),
    start: clockTimeSchema(),
    end: clockTimeSchema(),
    reason: z.string().trim().min(1).optional(),
  })
  .superRefine((b, ctx) => {
    endAfterStart(b, ctx);
    if (b.from > b.to) ctx.addIssue({ code: "custom", path: ["to"], message: "to must not be before from" });
  });

export type WeeklyBlock = z.output<typeof weeklyBlockSchema>;
export type DatedBlock = z.output<typeof datedBlockSchema>;

/** Friday midday prayers (about 11:30-13:00 local): no calls, no SMS. */
export const FRIDAY_PRAYERS: WeeklyBlock = { days: [5], start: "11:30", end: "13:00" };

/** When participants may be contacted, in their local time (POJK 22/2023 art. 62 as the default). */
export const contactWindowSchema = z
  .object({
    /** ISO weekdays, 1 = Monday .. 7 = Sunday. */
    days: isoWeekdays().default([1, 2, 3, 4, 5, 6]),
    start: clockTimeSchema().default("08:00"),
    /** Exclusive: at 20:00 the window is closed. */
    end: clockTimeSchema().default("20:00"),
    /**
     * National days without contact (functions/domain/national-holidays.ts): holidays and cuti
     * bersama by default.
     */
    nationalCalendar: z
      .enum(["HOLIDAYS_AND_CUTI_BERSAMA", "HOLIDAYS", "NONE"])
      .default("HOLIDAYS_AND_CUTI_BERSAMA"),
    /** The branch's own additional local dates with no contact at all (regional holidays). */
    holidays: z.array(calendarDate()).default([]),
    /** Hours inside the window with no contact; giving `weekly` replaces the Friday-prayers default. */
    blocked: z
      .object({
        weekly: z.array(weeklyBlockSchema).default([FRIDAY_PRAYERS]),
        dated: z.array(datedBlockSchema).default([]),
      })
      .prefault({}),
  })
  .superRefine(endAfterStart);

export type ContactWindow = z.output<typeof contactWindowSchema>;

export const branchSchema = z.object({
  code: z.string().regex(BRANCH_CODE, "expected 2-32 of A-Z, 0-9, _ starting with a letter"),
  name: z.string().trim().min(1),
  timeZone: z.string().superRefine((tz, ctx) => {
    if (!isIanaTimeZone(tz)) ctx.addIssue({ code: "custom", message: `unknown IANA time zone '${tz}'` });
  }),
  contactWindow: contactWindowSchema.prefault({}),
  /** Telecollecting officers taking calls at the same time. */
  agentsOnShift: z.int().min(1).default(3),
  /**
   * The branch's telecollecting queue in Amazon Connect (its id): its agents take the branch's
   * calls. Absent: the instance-wide queue of the deployment (connect.queueId).
   */
  queueId: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "must be a queue id (a UUID)")
    .optional(),
});

export type Branch = z.output<typeof branchSchema>;
export type BranchInput = z.input<typeof branchSchema>;

/** A code names one branch: its campaigns, cases and schedule are keyed by it. */
export function uniqueBranchCodes(branches: readonly { code: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  branches.forEach((b, i) => {
    if (seen.has(b.code)) {
      ctx.addIssue({ code: "custom", path: [i, "code"], message: `duplicate branch code '${b.code}'` });
    }
    seen.add(b.code);
  });
}

const branchesSchema = z.array(branchSchema).superRefine(uniqueBranchCodes);

/** Validates branch configuration; the error names the path, e.g. `branches[2].timeZone: ...`. */
export function parseBranches(input: unknown): Branch[] {
  return parseOrThrow(branchesSchema, input, "branches");
}

export function branchIndex(branches: readonly Branch[]): Map<string, Branch> {
  return new Map(branches.map((b) => [b.code, b]));
}

/** Where a branch no longer configured is assumed to be: WIB, the head office's zone. */
export const FALLBACK_TIME_ZONE = "Asia/Jakarta";

/** A branch's zone; a branch since removed from the configuration keeps its records readable in WIB. */
export function branchTimeZone(
  branches: ReadonlyMap<string, Pick<Branch, "timeZone">>,
  code: string,
): string {
  return branches.get(code)?.timeZone ?? FALLBACK_TIME_ZONE;
}

/**
 * The Ramadan iftar hour (around maghrib, 17:45-19:00 local across Indonesia), as dated blocks for
 * the sample branches. Ramadan 1447 H and 1448 H as expected (the isbat fixes them each year).
 */
const IFTAR = [
  { from: "2026-02-18", to: "2026-03-20", start: "17:45", end: "19:00", reason: "iftar, Ramadan 1447 H" },
  { from: "2027-02-07", to: "2027-03-10", start: "17:45", end: "19:00", reason: "iftar, Ramadan 1448 H" },
];

/** One branch per Indonesian time zone, including both WIB zones. */
export const SAMPLE_BRANCHES: Branch[] = parseBranches([
  {
    code: "GORONTALO",
    name: "Kantor Cabang Gorontalo",
    timeZone: "Asia/Makassar",
    contactWindow: { blocked: { dated: IFTAR } },
  },
  {
    code: "SEMARANG",
    name: "Kantor Cabang Semarang",
    timeZone: "Asia/Jakarta",
    contactWindow: { blocked: { dated: IFTAR } },
  },
  {
    code: "SINGKAWANG",
    name: "Kantor Cabang Singkawang",
    timeZone: "Asia/Pontianak",
    contactWindow: { blocked: { dated: IFTAR } },
  },
  {
    code: "JAYAPURA",
    name: "Kantor Cabang Jayapura",
    timeZone: "Asia/Jayapura",
    contactWindow: { blocked: { dated: IFTAR } },
  },
  {
    code: "MERAUKE",
    name: "Kantor Cabang Merauke",
    timeZone: "Asia/Jayapura",
    contactWindow: { blocked: { dated: IFTAR } },
  },
]);
