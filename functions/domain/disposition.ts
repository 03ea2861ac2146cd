import { z } from "zod";
import { agentIdOf } from "./agent";
import { type DispositionCode, parseCampaignId, parseCaseId } from "./case";
import { clockText, localDateTime, localInstant } from "./local-time";

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
    z.string().refine((id) => parseCaseId(id) !== undefined, "must be <branch>#<YYYY-MM>#<participantId>"),
  ),
  campaignId: optional(
    z.string().refine((id) => parseCampaignId(id) !== undefined, "must be <branch>#<YYYY-MM>"),
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
 * The inputs of the guide's disposition form: each is the `Name` of a form input, the key the
 * guide flow passes to record-disposition, and maps onto the contract field below (the callback
 * time is a date input and a time input). The infra tests hold the view and the flow to this list.
 */
export const GUIDE_FORM_FIELDS = [
  "code",
  "promiseDate",
  "promiseAmount",
  "callbackDate",
  "callbackTime",
  "newPhone",
  "sendInfo",
  "notes",
] as const;
export type GuideFormField = (typeof GUIDE_FORM_FIELDS)[number];

/** The contract field each form input fills. */
export const GUIDE_FIELD_TARGETS = {
  code: "code",
  promiseDate: "promiseDate",
  promiseAmount: "promiseAmount",
  callbackDate: "callbackAt",
  callbackTime: "callbackAt",
  newPhone: "newPhone",
  sendInfo: "sendInfo",
  notes: "notes",
} as const satisfies Record<GuideFormField, keyof DispositionInput>;

/** Form inputs that are dropdowns: a view returns a dropdown's value as a list. */
export const GUIDE_DROPDOWN_FIELDS = ["code", "sendInfo"] as const satisfies readonly GuideFormField[];

/** What the flow adds from the contact (attributes, agent), not typed by the agent. */
export const DISPOSITION_CONTEXT_FIELDS = [
  "caseId",
  "agentId",
] as const satisfies readonly (keyof DispositionInput)[];

/**
 * The Lambda event Amazon Connect sends from a flow's InvokeLambdaFunction (the fields we read).
 * The guide runs as a contact of its own; `RelatedContactId` is the voice contact it belongs to.
 * Parameter values are strings, but a value the flow resolves to a list (a dropdown) or to
 * nothing arrives as such: both are accepted and read below.
 */
export const connectFlowEventSchema = z.object({
  Name: z.literal("ContactFlowEvent"),
  Details: z.object({
    ContactData: z.looseObject({
      ContactId: z.string(),
      RelatedContactId: z.string().nullish(),
      Attributes: z.record(z.string(), z.string()).default({}),
    }),
    Parameters: z.record(z.string(), z.unknown()).default({}),
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

/** `<branch>#<YYYY-MM>#<participantId>` -> `<branch>`. */
export const branchCodeOfCase = (caseId: string) => caseId.split("#")[0] ?? "";

/** Digits of an amount typed as `Rp1.500.000` or `1500000`; anything else stays text (and fails). */
function amountOf(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  const digits = text.replace(/^\s*Rp\s*/i, "").replace(/[.\s]/g, "");
  return /^\d{1,15}$/.test(digits) ? Number(digits) : text;
}

function integerOf(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  return /^\d{1,9}$/.test(text) ? Number(text) : text;
}

/** A parameter as text: a list (a dropdown's value) gives its first item; blank is absent. */
function parameterText(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== "string" && typeof first !== "number") return undefined;
  const text = String(first).trim();
  return text === "" ? undefined : text;
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/**
 * A callback time as the agent's screen gives it (`2026-11-16T10:00`, no offset) read in the
 * branch's zone, as an ISO instant. Anything with an offset, or that is not a local date-time,
 * stays as it is for the schema to accept or name.
 */
export function callbackInstant(value: string, timeZone: string | undefined): string {
  const match = LOCAL_DATE_TIME.exec(value);
  if (!match || timeZone === undefined) return value;
  const [, date = "", hours = "0", minutes = "0", seconds = "0"] = match;
  const minute = localInstant(date, Number(hours) * 60 + Number(minutes), timeZone);
  return new Date(minute.getTime() + Number(seconds) * 1000).toISOString();
}

/** The callback from the form: one date-time input, or a date input and a time input. */
function callbackOf(text: (key: string) => string | undefined, timeZone: string | undefined) {
  const date = text("callbackDate");
  const time = text("callbackTime");
  const local = text("callbackAt") ?? (date || time ? `${date ?? ""}T${time ?? ""}` : undefined);
  return local === undefined ? undefined : callbackInstant(local, timeZone);
}

/**
 * The direct input from a Connect flow event: parameters are strings (amounts may carry `Rp` and
 * dots, dropdowns come as lists), the case comes from the contact attributes when the flow does
 * not pass it, the voice contact is the guide's related contact, the agent comes from the agent
 * ARN, and a callback time without offset is read in the case's branch zone (`timeZoneOf`). The
 * result still goes through dispositionInputSchema.
 */
export function fromConnectEvent(
  event: ConnectFlowEvent,
  timeZoneOf: (branchCode: string) => string | undefined = () => undefined,
): Record<string, unknown> {
  const p = event.Details.Parameters;
  const contact = event.Details.ContactData;
  const text = (key: string) => parameterText(p[key]);
  const caseId = text("caseId") ?? contact.Attributes.caseId;
  const timeZone = caseId ? timeZoneOf(branchCodeOfCase(caseId)) : undefined;
  return {
    caseId,
    contactId: contact.RelatedContactId?.trim() || undefined,
    agentId: agentIdOf(text("agentId")),
    code: text("code"),
    promiseDate: text("promiseDate"),
    promiseAmount: amountOf(text("promiseAmount")),
    callbackAt: callbackOf(text, timeZone),
    newPhone: text("newPhone"),
    sendInfo: text("sendInfo"),
    talkSeconds: integerOf(text("talkSeconds")),
    notes: text("notes"),
  };
}

/** Connect takes a flat map of strings from a Lambda function; the guide shows `message`. */
export type ConnectFlowResult = Record<string, string>;

const FOLLOW_UP_TEXT: Record<string, string> = {
  SMS_SENT: " SMS rincian terkirim.",
  SMS_FAILED: " SMS rincian gagal terkirim (tercatat).",
  WHATSAPP_SENT: " Rincian terkirim lewat WhatsApp.",
  WHATSAPP_FAILED: " Rincian lewat WhatsApp gagal terkirim (tercatat).",
};

/** What happens next, for the agent: the next call in the participant's local time, and the information sent. */
export function nextStepText(
  result: { nextAttemptAt?: string | undefined; followUp?: string | undefined },
  timeZone: string | undefined,
): string {
  let next = "Tidak ada panggilan lagi untuk peserta ini bulan ini.";
  if (result.nextAttemptAt) {
    const at = new Date(result.nextAttemptAt);
    if (timeZone && !Number.isNaN(at.getTime())) {
      const local = localDateTime(at, timeZone);
      next = `Peserta ditelepon lagi ${local.date} pukul ${clockText(local.minutes, ".")} waktu setempat.`;
    } else next = `Peserta ditelepon lagi ${result.nextAttemptAt}.`;
  }
  return next + (FOLLOW_UP_TEXT[result.followUp ?? ""] ?? "");
}

export function recordedResult(
  result: {
    caseId: string;
    status: string;
    nextAttemptAt?: string | undefined;
    followUp?: string | undefined;
  },
  timeZone?: string,
): ConnectFlowResult {
  return {
    status: "RECORDED",
    caseId: result.caseId,
    caseStatus: result.status,
    nextAttemptAt: result.nextAttemptAt ?? "",
    followUp: result.followUp ?? "NONE",
    message: "Hasil panggilan tersimpan.",
    nextStep: nextStepText(result, timeZone),
  };
}

/** A disposition the agent must correct: every problem in one message, nothing was written. */
export function rejectedResult(message: string): ConnectFlowResult {
  return { status: "REJECTED", message: `Belum tersimpan, perbaiki: ${message}` };
}
