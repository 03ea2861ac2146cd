/**
 * The retention settings: the handlers' `*_RETENTION_DAYS` variables, their bounds and reasons, and
 * what the stack's config hands them (docs/data-protection.md, "Retention").
 */
import { z } from "zod";
import { DEFAULT_RETENTION_DAYS, type RetentionPolicy } from "./contracts";

/** Ten years and a little: no retention of this system's data is meant to be longer. */
export const MAX_RETENTION_DAYS = 3_660;

/**
 * A retention setting: whole days, at least `min` (shorter would delete what the system still
 * needs: `why`), at most MAX_RETENTION_DAYS.
 */
const retentionDays = (fallback: number, min: number, why: string) =>
  z.coerce
    .number({ error: "must be a whole number of days" })
    .int("must be a whole number of days")
    .min(min, `must be at least ${min} days: ${why}`)
    .max(MAX_RETENTION_DAYS, `must be at most ${MAX_RETENTION_DAYS} days (about ten years)`)
    .default(fallback);

export const retentionEnvSchema = z.object({
  PARTICIPANT_RETENTION_DAYS: retentionDays(
    DEFAULT_RETENTION_DAYS.participants,
    35,
    "a monthly snapshot must outlive the next month's import",
  ),
  CASE_RETENTION_DAYS: retentionDays(DEFAULT_RETENTION_DAYS.cases, 35, "a campaign runs for a month"),
  INTERACTION_RETENTION_DAYS: retentionDays(
    DEFAULT_RETENTION_DAYS.interactions,
    35,
    "the month's report reads the interactions",
  ),
  PAYMENT_RETENTION_DAYS: retentionDays(
    DEFAULT_RETENTION_DAYS.payments,
    35,
    "a parked payment waits to be assigned within the month",
  ),
  LIMIT_RETENTION_DAYS: retentionDays(
    DEFAULT_RETENTION_DAYS.limits,
    7,
    "a campaign's call roster must outlive a week without calling days",
  ),
});

/** The retention settings a deployment may change, by the policy's name (campaigns follow cases, audit interactions). */
export const RETENTION_VARIABLES = {
  participants: "PARTICIPANT_RETENTION_DAYS",
  cases: "CASE_RETENTION_DAYS",
  interactions: "INTERACTION_RETENTION_DAYS",
  payments: "PAYMENT_RETENTION_DAYS",
  limits: "LIMIT_RETENTION_DAYS",
} as const satisfies Partial<Record<keyof RetentionPolicy, keyof z.input<typeof retentionEnvSchema>>>;

export type RetentionSettings = Partial<Record<keyof typeof RETENTION_VARIABLES, number>>;

/** The variables that carry a deployment's retention settings (the unset ones keep the defaults). */
export function retentionEnvironment(days: RetentionSettings): Record<string, string> {
  return Object.fromEntries(
    Object.entries(days)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [RETENTION_VARIABLES[name as keyof typeof RETENTION_VARIABLES], String(value)]),
  );
}

/** Each retention setting's problem, by its policy name, checked by the same rules as the handlers'. */
export function retentionProblems(days: RetentionSettings): { field: string; message: string }[] {
  const parsed = retentionEnvSchema.safeParse(retentionEnvironment(days));
  if (parsed.success) return [];
  const byVariable = Object.fromEntries(Object.entries(RETENTION_VARIABLES).map(([name, v]) => [v, name]));
  return parsed.error.issues.map((issue) => ({
    field: byVariable[String(issue.path[0])] ?? String(issue.path[0]),
    message: issue.message,
  }));
}
