import { z } from "zod";
import { parseOrThrow } from "./validation";

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function isCalendarDate(s: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function isIanaTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** When participants may be contacted, in their local time (POJK 22/2023 art. 62 as the default). */
export const contactWindowSchema = z
  .object({
    /** ISO weekdays, 1 = Monday .. 7 = Sunday. */
    days: z
      .array(z.int().min(1).max(7))
      .min(1)
      .refine((days) => new Set(days).size === days.length, "days must not repeat")
      .default([1, 2, 3, 4, 5, 6]),
    start: z.string().regex(HHMM, "expected HH:MM (00:00-23:59)").default("08:00"),
    /** Exclusive: at 20:00 the window is closed. */
    end: z.string().regex(HHMM, "expected HH:MM (00:00-23:59)").default("20:00"),
    /** Local dates with no contact at all (national and regional holidays). */
    holidays: z.array(z.string().refine(isCalendarDate, "expected a calendar date YYYY-MM-DD")).default([]),
  })
  .superRefine((w, ctx) => {
    // Zero-padded HH:MM strings compare like times.
    if (w.start >= w.end) ctx.addIssue({ code: "custom", path: ["end"], message: "end must be after start" });
  });

export type ContactWindow = z.output<typeof contactWindowSchema>;

export const branchSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/, "expected 2-32 of A-Z, 0-9, _ starting with a letter"),
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

const branchesSchema = z.array(branchSchema).superRefine((branches, ctx) => {
  const seen = new Set<string>();
  branches.forEach((b, i) => {
    if (seen.has(b.code)) {
      ctx.addIssue({ code: "custom", path: [i, "code"], message: `duplicate branch code '${b.code}'` });
    }
    seen.add(b.code);
  });
});

/** Validates branch configuration; the error names the path, e.g. `branches[2].timeZone: ...`. */
export function parseBranches(input: unknown): Branch[] {
  return parseOrThrow(branchesSchema, input, "branches");
}

export function branchIndex(branches: readonly Branch[]): Map<string, Branch> {
  return new Map(branches.map((b) => [b.code, b]));
}

// Sample only: moveable holidays (Idul Fitri, Idul Adha, Waisak...) come from each year's SKB 3 Menteri.
const HOLIDAYS_2026 = [
  "2026-01-01",
  "2026-02-17",
  "2026-04-03",
  "2026-05-01",
  "2026-05-14",
  "2026-06-01",
  "2026-08-17",
  "2026-12-25",
];

/** One branch per Indonesian time zone, including both WIB zones. */
export const SAMPLE_BRANCHES: Branch[] = parseBranches([
  {
    code: "GORONTALO",
    name: "Kantor Cabang Gorontalo",
    timeZone: "Asia/Makassar",
    contactWindow: { holidays: HOLIDAYS_2026 },
  },
  {
    code: "SEMARANG",
    name: "Kantor Cabang Semarang",
    timeZone: "Asia/Jakarta",
    contactWindow: { holidays: HOLIDAYS_2026 },
  },
  {
    code: "SINGKAWANG",
    name: "Kantor Cabang Singkawang",
    timeZone: "Asia/Pontianak",
    contactWindow: { holidays: HOLIDAYS_2026 },
  },
  {
    code: "JAYAPURA",
    name: "Kantor Cabang Jayapura",
    timeZone: "Asia/Jayapura",
    contactWindow: { holidays: HOLIDAYS_2026 },
  },
  {
    code: "MERAUKE",
    name: "Kantor Cabang Merauke",
    timeZone: "Asia/Jayapura",
    contactWindow: { holidays: HOLIDAYS_2026 },
  },
]);
