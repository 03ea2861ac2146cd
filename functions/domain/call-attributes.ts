import type { Case } from "./case";
import { formatRupiah } from "./money";

/** Amazon Connect's limit on all contact attributes together (UTF-8 bytes of keys and values). */
export const CONNECT_ATTRIBUTES_MAX_BYTES = 32_768;
/** Our own budget: far below the limit, so a flow's UpdateContactAttributes always has room. */
export const CALL_ATTRIBUTES_BUDGET_BYTES = 4_096;
/** Longer names are cut: the agent confirms identity, a full legal name adds nothing. */
export const NAME_MAX_CHARS = 120;

const KEY = /^[A-Za-z0-9_-]+$/;
const utf8 = new TextEncoder();

export class CallAttributesError extends Error {
  override name = "CallAttributesError";
}

export type CallAttributeCase = Pick<
  Case,
  | "caseId"
  | "name"
  | "bucketId"
  | "countedMonths"
  | "amountDue"
  | "amountPaid"
  | "virtualAccount"
  | "rehabEligible"
  | "rehabMaxInstalments"
  | "promise"
>;

/**
 * What the agent sees for an outbound call (contact attributes, read by the step-by-step guide):
 * who, which category, how much through which virtual account, and whether REHAB may be offered.
 * Amounts are formatted as on Indonesian receipts (`Rp1.234.567`).
 */
export function callAttributes(
  c: CallAttributeCase,
  bucketLabel: string,
  attempt: number,
): Record<string, string> {
  const outstanding = Math.max(0, c.amountDue - c.amountPaid);
  const attributes: Record<string, string> = {
    caseId: c.caseId,
    participantName: Array.from(c.name.trim()).slice(0, NAME_MAX_CHARS).join(""),
    bucket: bucketLabel,
    bucketId: c.bucketId,
    countedMonths: String(c.countedMonths),
    amountDue: formatRupiah(outstanding),
    virtualAccount: c.virtualAccount,
    rehabEligible: c.rehabEligible ? "true" : "false",
    rehabMaxInstalments: String(c.rehabEligible ? c.rehabMaxInstalments : 0),
    attempt: String(attempt),
  };
  if (c.promise?.status === "BROKEN") {
    attributes.brokenPromiseDate = c.promise.date;
    attributes.brokenPromiseAmount = formatRupiah(c.promise.amount);
  }
  assertValidAttributes(attributes);
  return attributes;
}

/** Total UTF-8 bytes of keys and values, as Connect counts them. */
export function attributesSize(attributes: Record<string, string>): number {
  let bytes = 0;
  for (const [key, value] of Object.entries(attributes))
    bytes += utf8.encode(key).length + utf8.encode(value).length;
  return bytes;
}

/** Throws unless keys are letters, digits, `_` or `-` and the total stays within our budget. */
export function assertValidAttributes(attributes: Record<string, string>): void {
  const bad = Object.keys(attributes).filter((k) => !KEY.test(k));
  if (bad.length > 0)
    throw new CallAttributesError(`attribute keys must be letters, digits, _ or -: ${bad.join(", ")}`);
  const size = attributesSize(attributes);
  if (size > CALL_ATTRIBUTES_BUDGET_BYTES) {
    throw new CallAttributesError(
      `contact attributes take ${size} bytes, over the ${CALL_ATTRIBUTES_BUDGET_BYTES}-byte budget`,
    );
  }
}
