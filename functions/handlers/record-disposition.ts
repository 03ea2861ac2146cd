import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { z } from "zod";
import { recordDisposition } from "../services/record-disposition";
import { dependencies } from "./shared/dependencies";
import { freeingDependencies } from "./shared/dialing";
import { lambdaHandler } from "./shared/lambda-handler";
import { logger, metrics } from "./shared/powertools";

const DISPOSITION_CODES = [
  "PROMISE_TO_PAY",
  "PAID_ALREADY",
  "REFUSES",
  "WRONG_NUMBER",
  "CALL_BACK_LATER",
  "WANTS_REHAB",
  "UPDATED_PHONE",
  "OTHER",
] as const;

// Agent screens send null for an empty field: treat it as absent.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === null || v === "" ? undefined : v), schema.optional());

export const recordDispositionInputSchema = z
  .object({
    contactId: optional(z.string().max(256)),
    caseId: optional(
      z
        .string()
        .regex(
          /^[A-Z][A-Z0-9_]{1,31}#\d{4}-(0[1-9]|1[0-2])#\d{13}$/,
          "must be <branch>#<YYYY-MM>#<participantId>",
        ),
    ),
    campaignId: optional(
      z.string().regex(/^[A-Z][A-Z0-9_]{1,31}#\d{4}-(0[1-9]|1[0-2])$/, "must be <branch>#<YYYY-MM>"),
    ),
    agentId: z.string().trim().min(1, "required").max(256),
    code: z.enum(DISPOSITION_CODES, `must be one of ${DISPOSITION_CODES.join(", ")}`),
    promiseDate: optional(z.iso.date("must be a date YYYY-MM-DD")),
    promiseAmount: optional(z.int("must be a whole number of rupiah").min(1, "must be at least 1")),
    callbackAt: optional(z.iso.datetime({ offset: true, message: "must be an ISO date-time with a zone" })),
    newPhone: optional(z.string().max(32, "at most 32 characters")),
    notes: optional(z.string().max(1000, "at most 1000 characters")),
  })
  .refine((e) => e.contactId !== undefined || e.caseId !== undefined, {
    message: "give contactId or caseId",
    path: ["caseId"],
  });

export type RecordDispositionEvent = z.infer<typeof recordDispositionInputSchema>;

/** The agent's disposition after a call (Connect step-by-step guide, or the CLI). */
export const handler = lambdaHandler(recordDispositionInputSchema, async (event: RecordDispositionEvent) => {
  const deps = dependencies();
  const result = await recordDisposition(freeingDependencies(deps, logger), event);
  metrics.addDimension("disposition", event.code);
  metrics.addMetric("Dispositions", MetricUnit.Count, 1);
  return result;
});
