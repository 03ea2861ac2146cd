import { z } from "zod";
import { assertRupiah } from "./money";
import { assertMonths, countedMonths, DEFAULT_MONTHS_CAP } from "./premiums";
import { describeIssues, parseOrThrow } from "./validation";

export const treatmentSchema = z.enum(["SMS", "CALL", "REHAB_OFFER"]);
export type Treatment = z.output<typeof treatmentSchema>;

export const bucketSchema = z.object({
  id: z.string().regex(/^[A-Z][A-Z0-9_]{0,31}$/, "expected A-Z, 0-9, _ starting with a letter"),
  /** Shown to supervisors in reports (Indonesian). */
  label: z.string().trim().min(1),
  minMonths: z.int().min(0),
  /** Inclusive; null = open-ended (only the last bucket). */
  maxMonths: z.int().min(0).nullable(),
  treatments: z
    .array(treatmentSchema)
    .min(1)
    .refine((t) => new Set(t).size === t.length, "treatments must not repeat"),
});
export type Bucket = z.output<typeof bucketSchema>;

const FOLLOW_UP: Treatment[] = ["SMS", "CALL", "REHAB_OFFER"];

const DEFAULT_BUCKETS: Bucket[] = [
  { id: "M02_03", label: "2-3 bulan", minMonths: 2, maxMonths: 3, treatments: ["SMS", "CALL"] },
  { id: "M04_06", label: "4-6 bulan", minMonths: 4, maxMonths: 6, treatments: FOLLOW_UP },
  { id: "M07_12", label: "7-12 bulan", minMonths: 7, maxMonths: 12, treatments: FOLLOW_UP },
  { id: "M13_23", label: "13-23 bulan", minMonths: 13, maxMonths: 23, treatments: FOLLOW_UP },
  { id: "M24_PLUS", label: "24+ bulan", minMonths: 24, maxMonths: null, treatments: FOLLOW_UP },
];

/** How long an SMS may be: two GSM-7 segments (the default) or one, at half the price. */
export const SMS_LENGTHS = ["TWO_SEGMENTS", "ONE_SEGMENT"] as const;
export type SmsLength = (typeof SMS_LENGTHS)[number];

const followUp = (enabled: boolean) => z.object({ enabled: z.boolean().default(enabled) }).prefault({});

/** Messages to participants: which channel, when a follow-up goes, and how many at most. */
const messagingSchema = z
  .object({
    whatsapp: z
      .object({
        /** WhatsApp first where the deployment has it and the number is likely on it. */
        enabled: z.boolean().default(true),
        /** SMS goes when the WhatsApp reminder is not delivered within this time (inside the window). */
        fallbackAfterMinutes: z
          .int()
          .min(15)
          .max(24 * 60)
          .default(360),
        /** Consecutive failures on a number after which it counts as not on WhatsApp. */
        unreachableAfterFailures: z.int().min(1).max(10).default(2),
      })
      .prefault({}),
    sms: z
      .object({
        /**
         * TWO_SEGMENTS: the texts with the name, the official channels and "ignore this if you
         * paid". ONE_SEGMENT: the shorter texts at half the price, once BPJS Kesehatan approved them.
         */
        length: z.enum(SMS_LENGTHS).default("TWO_SEGMENTS"),
      })
      .prefault({}),
    /** Across every channel and purpose; a fallback SMS is the same message as its WhatsApp. */
    cap: z
      .object({
        perWeek: z.int().min(1).max(14).default(2),
        perCampaign: z.int().min(1).max(31).default(6),
      })
      .prefault({}),
    followUps: z
      .object({
        /**
         * Those `monthsBehind` behind (below minMonths: not cases), noted at mapping and reminded
         * once before the next due date (`dueDay` of the month), before their arrears grow.
         */
        dueSoon: z
          .object({
            enabled: z.boolean().default(true),
            /** Premiums are due by this day of each month (the 10th). */
            dueDay: z.int().min(1).max(28).default(10),
            /** Months in arrears of those reminded; at or above minMonths they are cases: none noted. */
            monthsBehind: z.int().min(1).default(1),
            /** The reminder goes no later than this many days before the due date (time to pay). */
            daysBefore: z.int().min(1).max(9).default(3),
          })
          .prefault({}),
        /**
         * Cases on a REHAB plan (never called, no debt reminder): reminded once before the next
         * due date (dueSoon's `dueDay`: one due day for every premium) of the instalment.
         */
        rehabInstalment: z
          .object({
            enabled: z.boolean().default(true),
            /** The reminder goes no later than this many days before the due date (time to pay). */
            daysBefore: z.int().min(1).max(9).default(3),
          })
          .prefault({}),
        /**
         * A WhatsApp reminder delivered but still unread `afterDays` calendar days later, on a case
         * nobody has spoken with yet: the same reminder once more, by WhatsApp only (the first one
         * arrived, so never an SMS beside it). The default leaves the first week's second message
         * under the weekly cap for a missed call.
         */
        reminderAgain: z
          .object({
            enabled: z.boolean().default(true),
            afterDays: z.int().min(1).max(14).default(7),
          })
          .prefault({}),
        /** The day before a promised date. */
        promiseEve: followUp(true),
        /** After an unanswered call attempt, naming Care Center 165 to verify the call. */
        missedCall: followUp(true),
        /** After payment in full, with the autodebet invitation. */
        thankYou: followUp(true),
      })
      .prefault({}),
    /** "Sudah bayar" with no payment found: the next call waits this long for the payment to arrive. */
    paidClaimCallDelayHours: z.int().min(1).max(168).default(48),
  })
  .prefault({});

export const campaignStrategySchema = z
  .object({
    /** Participants below this many months are not called (Gorontalo: from 2 months). */
    minMonths: z.int().min(1).default(2),
    /** Months counted for the amount due and for priority (reactivation counts at most 24). */
    monthsCap: z.int().min(1).default(DEFAULT_MONTHS_CAP),
    buckets: z.array(bucketSchema).min(1).prefault(DEFAULT_BUCKETS),
    priority: z
      .object({
        amountWeight: z.number().min(0).default(0.6),
        monthsWeight: z.number().min(0).default(0.4),
        /** Amount (rupiah) at which the amount term saturates: 24 months of Kelas I. */
        amountReference: z.int().min(1).default(3_600_000),
      })
      .prefault({}),
    /** Days between the SMS wave and the first calling day: payments arriving now close cases before calls. */
    graceDays: z.int().min(0).max(14).default(2),
    calls: z
      .object({
        /** When an unsuccessful attempt may be retried, by outcome; the per-day cap still applies. */
        retryAfterMinutes: z
          .object({
            NO_ANSWER: z.int().min(1).default(180),
            BUSY: z.int().min(1).default(60),
            FAILED: z.int().min(1).default(120),
            AGENT_UNAVAILABLE: z.int().min(1).default(60),
          })
          .prefault({}),
        /** A call with no outcome after this long is reconciled (DescribeContact in AWS). */
        inFlightTimeoutMinutes: z.int().min(1).default(20),
        /** A pending promise is broken this many days after its date without full payment. */
        promiseGraceDays: z.int().min(0).default(1),
      })
      .prefault({}),
    messaging: messagingSchema,
    /** Days a participant who refuses is neither messaged nor called (participant-status.ts). */
    doNotContactDays: z.int().min(1).max(365).default(30),
    /** Call attempts per participant. */
    frequencyCap: z
      .object({
        perDay: z.int().min(1).default(1),
        perCampaign: z.int().min(1).default(3),
      })
      .prefault({}),
  })
  .superRefine((s, ctx) => {
    const { amountWeight, monthsWeight } = s.priority;
    if (Math.abs(amountWeight + monthsWeight - 1) > 1e-9) {
      ctx.addIssue({
        code: "custom",
        path: ["priority"],
        message: `amountWeight + monthsWeight must equal 1, got ${amountWeight + monthsWeight}`,
      });
    }
    if (s.frequencyCap.perDay > s.frequencyCap.perCampaign) {
      ctx.addIssue({
        code: "custom",
        path: ["frequencyCap", "perDay"],
        message: "perDay exceeds perCampaign",
      });
    }
    checkBuckets(s.minMonths, s.buckets, ctx);
  });

function checkBuckets(minMonths: number, buckets: Bucket[], ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: "custom", path: ["buckets", ...path], message });
  const ids = new Set<string>();
  buckets.forEach((b, i) => {
    if (ids.has(b.id)) issue([i, "id"], `duplicate bucket id '${b.id}'`);
    ids.add(b.id);
    if (b.maxMonths !== null && b.maxMonths < b.minMonths) {
      issue([i, "maxMonths"], `maxMonths ${b.maxMonths} is below minMonths ${b.minMonths}`);
    }
    const prev = buckets[i - 1];
    if (!prev) {
      if (b.minMonths !== minMonths)
        issue([i, "minMonths"], `first bucket must start at minMonths (${minMonths})`);
    } else if (prev.maxMonths === null) {
      issue([i - 1, "maxMonths"], "only the last bucket may be open-ended (maxMonths null)");
    } else if (b.minMonths < prev.minMonths) {
      issue([i, "minMonths"], "buckets must be sorted by minMonths");
    } else if (b.minMonths <= prev.maxMonths) {
      issue([i, "minMonths"], `overlaps buckets[${i - 1}] (${prev.minMonths}-${prev.maxMonths} months)`);
    } else if (b.minMonths > prev.maxMonths + 1) {
      const from = prev.maxMonths + 1;
      const to = b.minMonths - 1;
      issue(
        [i, "minMonths"],
        `gap: ${from === to ? `month ${from} is` : `months ${from}-${to} are`} in no bucket`,
      );
    }
  });
  const last = buckets.at(-1);
  if (last && last.maxMonths !== null) {
    issue([buckets.length - 1, "maxMonths"], "the last bucket must be open-ended (maxMonths null)");
  }
}

export type CampaignStrategy = z.output<typeof campaignStrategySchema>;
export type CampaignStrategyInput = z.input<typeof campaignStrategySchema>;

/** Validates a strategy; the error names the path, e.g. `strategy.buckets[2].minMonths: gap: ...`. */
export function parseStrategy(input: unknown): CampaignStrategy {
  return parseOrThrow(campaignStrategySchema, input, "strategy");
}

export const DEFAULT_STRATEGY: CampaignStrategy = parseStrategy({});

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Paths of `input` that `shape` lacks: keys the schema would drop because it does not know them.
 * DEFAULT_STRATEGY has every key (each has a default); a list's items are matched to its first.
 */
function unknownPaths(input: unknown, shape: unknown, path: (string | number)[]): (string | number)[][] {
  if (Array.isArray(input) && Array.isArray(shape))
    return input.flatMap((item, i) => unknownPaths(item, shape[0], [...path, i]));
  if (!isRecord(input) || !isRecord(shape)) return [];
  return Object.entries(input).flatMap(([key, value]) =>
    Object.hasOwn(shape, key) ? unknownPaths(value, shape[key], [...path, key]) : [[...path, key]],
  );
}

/**
 * What is wrong with a strategy written by a person (a deployment's config, a file for
 * `npm start`): every key the schema does not know, which it would otherwise drop silently
 * (`messaging.sms.lenght` would leave the default in force), and the schema's own issues.
 */
export function strategyIssues(input: unknown): { path: (string | number)[]; message: string }[] {
  const unknown = unknownPaths(input, DEFAULT_STRATEGY, []).map((path) => ({ path, message: "unknown key" }));
  const result = campaignStrategySchema.safeParse(input);
  const invalid = result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message }));
  return [...unknown, ...invalid];
}

/** A person's strategy, validated strictly; the error names every bad path under `strategy`. */
export function parseStrategyOverrides(input: unknown): CampaignStrategy {
  const issues = strategyIssues(input);
  if (issues.length > 0) throw new Error(describeIssues(issues, { root: "strategy" }));
  return parseStrategy(input);
}

/** The bucket for raw months in arrears; undefined below minMonths. Months past the cap stay in the open bucket. */
export function bucketFor(monthsInArrears: number, strategy: CampaignStrategy): Bucket | undefined {
  assertMonths(monthsInArrears);
  if (monthsInArrears < strategy.minMonths) return undefined;
  return strategy.buckets.find(
    (b) => monthsInArrears >= b.minMonths && (b.maxMonths === null || monthsInArrears <= b.maxMonths),
  );
}

/**
 * Call order, an integer 0..10000; higher is called first.
 *
 *   round(10000 * (amountWeight * min(1, amountDue / amountReference)
 *                + monthsWeight * min(months, monthsCap) / monthsCap))
 *
 * Both terms lie in 0..1 and the weights sum to 1, so the result does too (x 10000).
 * Example with the defaults: Rp1.800.000 and 12 months -> round(10000 * (0.6 * 0.5 + 0.4 * 0.5)) = 5000.
 */
export function callPriority(amountDue: number, monthsInArrears: number, strategy: CampaignStrategy): number {
  assertRupiah(amountDue, "amountDue");
  const { amountWeight, monthsWeight, amountReference } = strategy.priority;
  const amountTerm = Math.min(1, amountDue / amountReference);
  const monthsTerm = countedMonths(monthsInArrears, strategy.monthsCap) / strategy.monthsCap;
  return Math.round(10_000 * (amountWeight * amountTerm + monthsWeight * monthsTerm));
}
