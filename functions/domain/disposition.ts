import { z } from "zod";
import type { DispositionCode } from "./case";

/**
 * The disposition contract: what an agent submits after a call, whoever carries it (the Amazon
 * Connect step-by-step guide through a flow's InvokeLambdaFunction, the CLI, the local simulated
 * agents). One schema, so the view's form, the flow's parameters and the handler cannot drift.
 */

export const DISPOSITION_CODES = [
  "PROMISE_TO_PAY",
  "PAID_ALREADY",
  "REFUSES",
  "WRONG_NUMBER",
  "CALL_BACK_LATER",
  "WANTS_REHAB",
  "UPDATED_PHONE",
  "OTHER",
] as const satisfies readonly DispositionCode[];

/** Follow-up information the participant asked to receive by SMS. */
export const SEND_INFO = ["PAYMENT", "REHAB", "AUTODEBET"] as const;
export type SendInfo = (typeof SEND_INFO)[number];

/** Talk time above this is a clock error, not a call. */
export const MAX_TALK_SECONDS = 4 * 3600;

// Agent screens send null or "" for an empty field: treat it as absent.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === null || v === "" ? undefined : v), schema.optional());

const dispositionFields = z.object({
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
  sendInfo: optional(z.enum(SEND_INFO, `must be one of ${SEND_INFO.join(", ")}`)),
  talkSeconds: optional(z.int("must be whole seconds").min(0).max(MAX_TALK_SECONDS)),
  notes: optional(z.string().max(1000, "at most 1000 characters")),
});

const locatable = (e: { contactId?: string | undefined; caseId?: string | undefined }) =>
  e.contactId !== undefined || e.caseId !== undefined;
const locateIssue = { message: "give contactId or caseId", path: ["caseId"] };

export const dispositionInputSchema = dispositionFields.refine(locatable, locateIssue);

export type DispositionInput = z.infer<typeof dispositionInputSchema>;

/**
 * The fields of the guide's disposition form, each the name of a form input, a flow parameter and
 * a key of the input above: the infra tests hold the view and the flow to this list.
 */
export const DISPOSITION_FORM_FIELDS = [
  "code",
  "promiseDate",
  "promiseAmount",
  "callbackAt",
  "newPhone",
  "sendInfo",
  "notes",
] as const satisfies readonly (keyof DispositionInput)[];

/** What the flow adds from the contact (attributes, agent), not typed by the agent. */
export const DISPOSITION_CONTEXT_FIELDS = [
  "caseId",
  "contactId",
  "agentId",
  "talkSeconds",
] as const satisfies readonly (keyof DispositionInput)[];

/** The Lambda event Amazon Connect sends from a flow's InvokeLambdaFunction (the fields we read). */
export const connectFlowEventSchema = z.object({
  Name: z.literal("ContactFlowEvent"),
  Details: z.object({
    ContactData: z.looseObject({
      ContactId: z.string(),
      Attributes: z.record(z.string(), z.string()).default({}),
    }),
    Parameters: z.record(z.string(), z.string()).default({}),
  }),
});

export type ConnectFlowEvent = z.infer<typeof connectFlowEventSchema>;

/**
 * What record-disposition accepts: a Connect flow event (Name "ContactFlowEvent") or the direct
 * input (the CLI, the local runtime). The tag keeps the direct shape's errors naming its fields.
 */
export const recordDispositionEventSchema = z.preprocess(
  (v) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? { ...v, source: (v as { Name?: unknown }).Name === "ContactFlowEvent" ? "CONNECT" : "DIRECT" }
      : v,
  z.discriminatedUnion("source", [
    connectFlowEventSchema.extend({ source: z.literal("CONNECT") }),
    dispositionFields.extend({ source: z.literal("DIRECT") }).refine(locatable, locateIssue),
  ]),
);

/** `arn:…:instance/<id>/agent/<agentId>` -> `<agentId>`, as contact events name the agent. */
export const agentIdOf = (value: string) => value.split("/").at(-1) ?? value;

/** Digits of an amount typed as `Rp1.500.000` or `1500000`; anything else stays text (and fails). */
function amountOf(text: string | undefined): number | string | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const digits = text.replace(/^\s*Rp\s*/i, "").replace(/[.\s]/g, "");
  return /^\d{1,15}$/.test(digits) ? Number(digits) : text;
}

function integerOf(text: string | undefined): number | string | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  return /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : text;
}

/**
 * The direct input from a Connect flow event: parameters are strings (amounts may carry `Rp` and
 * dots), the case comes from the contact attributes when the flow does not pass it, the agent from
 * the agent ARN. The result still goes through dispositionInputSchema.
 */
export function fromConnectEvent(event: ConnectFlowEvent): Record<string, unknown> {
  const p = event.Details.Parameters;
  const attributes = event.Details.ContactData.Attributes;
  const text = (key: string) => (p[key]?.trim() ? p[key].trim() : undefined);
  const agent = text("agentId");
  return {
    caseId: text("caseId") ?? attributes.caseId,
    contactId: text("contactId"),
    agentId: agent ? agentIdOf(agent) : undefined,
    code: text("code"),
    promiseDate: text("promiseDate"),
    promiseAmount: amountOf(p.promiseAmount),
    callbackAt: text("callbackAt"),
    newPhone: text("newPhone"),
    sendInfo: text("sendInfo"),
    talkSeconds: integerOf(p.talkSeconds),
    notes: p.notes,
  };
}

/** Connect takes a flat map of strings from a Lambda function; the guide shows `message`. */
export type ConnectFlowResult = Record<string, string>;

export function recordedResult(result: {
  caseId: string;
  status: string;
  nextAttemptAt?: string | undefined;
  followUp?: string | undefined;
}): ConnectFlowResult {
  return {
    status: "RECORDED",
    caseId: result.caseId,
    caseStatus: result.status,
    nextAttemptAt: result.nextAttemptAt ?? "",
    followUp: result.followUp ?? "NONE",
    message: "Hasil panggilan tersimpan.",
  };
}

/** A disposition the agent must correct: every problem in one message, nothing was written. */
export function rejectedResult(message: string): ConnectFlowResult {
  return { status: "REJECTED", message: `Belum tersimpan, perbaiki: ${message}` };
}
