import { createHmac, timingSafeEqual } from "node:crypto";

/** Header names as API Gateway HTTP APIs deliver them: lower-cased. */
export const TIMESTAMP_HEADER = "x-telecollect-timestamp";
export const SIGNATURE_HEADER = "x-telecollect-signature";

/** A delivery signed more than this far from our clock is refused, so a captured one cannot be replayed later. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export type SignatureFailure =
  | "MISSING_TIMESTAMP"
  | "MALFORMED_TIMESTAMP"
  | "STALE_TIMESTAMP"
  | "FUTURE_TIMESTAMP"
  | "MISSING_SIGNATURE"
  | "MALFORMED_SIGNATURE"
  | "BAD_SIGNATURE";

/** `secretIndex`: which of the secrets signed it (0 the current one, 1 the previous one). */
export type SignatureCheck = { ok: true; secretIndex: number } | { ok: false; reason: SignatureFailure };

export interface SignedDelivery {
  /** The keys a delivery may be signed with: the current one first, then during a rotation the previous one. */
  secrets: readonly string[];
  /** The X-Telecollect-Timestamp header (unix seconds), as received. */
  timestamp: string | undefined;
  /** The X-Telecollect-Signature header (`sha256=<hex>`), as received. */
  signature: string | undefined;
  /** The body exactly as received: re-serialised JSON would not match. */
  rawBody: string | Uint8Array;
  now: Date;
  toleranceSeconds?: number;
}

function hmac(secret: string, timestamp: string, rawBody: string | Uint8Array): Buffer {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest();
}

/** `sha256=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>`: what a payment channel sends. */
export function signWebhook(
  secret: string,
  timestamp: number | string,
  rawBody: string | Uint8Array,
): string {
  return `sha256=${hmac(secret, String(timestamp), rawBody).toString("hex")}`;
}

/** Checks the timestamp against `now` first (cheap), then the HMAC under each secret in constant time. */
export function verifyWebhookSignature(delivery: SignedDelivery): SignatureCheck {
  const { timestamp, signature } = delivery;
  if (!timestamp) return { ok: false, reason: "MISSING_TIMESTAMP" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "MALFORMED_TIMESTAMP" };
  const tolerance = delivery.toleranceSeconds ?? MAX_CLOCK_SKEW_SECONDS;
  const skew = Number(timestamp) - Math.floor(delivery.now.getTime() / 1000);
  if (skew < -tolerance) return { ok: false, reason: "STALE_TIMESTAMP" };
  if (skew > tolerance) return { ok: false, reason: "FUTURE_TIMESTAMP" };

  if (!signature) return { ok: false, reason: "MISSING_SIGNATURE" };
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(signature.trim());
  if (!match?.[1]) return { ok: false, reason: "MALFORMED_SIGNATURE" };
  const given = Buffer.from(match[1], "hex");
  // Both are 32 bytes here, as timingSafeEqual requires.
  const secretIndex = delivery.secrets.findIndex((secret) =>
    timingSafeEqual(hmac(secret, timestamp, delivery.rawBody), given),
  );
  return secretIndex >= 0 ? { ok: true, secretIndex } : { ok: false, reason: "BAD_SIGNATURE" };
}
