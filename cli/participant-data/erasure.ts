import { createHmac } from "node:crypto";
import { isParticipantId } from "../../functions/domain/virtual-account";

/*
 * Erasure of one participant's personal data on request (UU 27/2022 PDP): what is removed from an
 * item, what is kept, and under which pseudonym. Pure: the use case reads and writes the items.
 */

export const PSEUDONYM_PREFIX = "ERASED-";

/** Put where a name, phone or free text was: says why the value is gone. */
export const ERASED_TEXT = "[erased]";

/** The key's minimum length in bytes: an HMAC key shorter than its hash's output weakens it. */
export const PSEUDONYM_KEY_BYTES = 32;

/**
 * `ERASED-<20 hex digits>`: HMAC-SHA256 of the card number under a secret key. The same card
 * number always gets the same pseudonym (a rerun finishes the same erasure, an export of the card
 * number finds its erasure record), and without the key nobody can tell whose it is: an unkeyed
 * hash of a 13-digit number is reversed by trying all 10^13 of them.
 */
export function pseudonymOf(key: Uint8Array, participantId: string): string {
  if (key.length < PSEUDONYM_KEY_BYTES)
    throw new RangeError(`the pseudonym key must be ${PSEUDONYM_KEY_BYTES}+ bytes`);
  if (!isParticipantId(participantId)) throw new RangeError("participantId must be exactly 13 digits");
  const mac = createHmac("sha256", key).update(`participant:${participantId}`).digest("hex");
  return `${PSEUDONYM_PREFIX}${mac.slice(0, 20)}`;
}

export const isPseudonym = (value: string) => /^ERASED-[0-9a-f]{20}$/.test(value);

/** What identifies the person in free-form values: the card number, names, phones, the VA. */
export interface ErasedIdentity {
  participantId: string;
  pseudonym: string;
  /** Names, phone numbers (E.164, as imported, masked) and the virtual account, as stored. */
  identifiers: readonly string[];
}

type Item = Record<string, unknown>;

/** Attributes of a case that reach the person; the figures stay. */
const CASE_PHONES = ["phone", "phoneType", "suspectPhone"] as const;
/** Attributes every reader of a case expects (lists, reports): kept, their value replaced. */
const CASE_REPLACED = { name: ERASED_TEXT, virtualAccount: ERASED_TEXT } as const;
/** A case of an erased person is never queued, dialled or called again. */
const CASE_DIALLING = ["dialQueue", "dialRank", "activeContactId", "inFlight"] as const;
/** Interaction details holding a (masked) phone number, an agent's notes or a participant's reply. */
const DETAIL_PERSONAL = ["phone", "newPhone", "previous", "current", "notes", "text"] as const;

/**
 * Every string in `value` with the card number replaced by the pseudonym and any identifier by
 * ERASED_TEXT, at any depth (keys such as case ids and dedupe keys hold the card number).
 */
export function scrub<T>(value: T, who: ErasedIdentity): T {
  if (typeof value === "string") return scrubText(value, who) as T;
  if (Array.isArray(value)) return value.map((v) => scrub(v, who)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, who)])) as T;
  }
  return value;
}

function scrubText(text: string, who: ErasedIdentity): string {
  let out = text.split(who.participantId).join(who.pseudonym);
  for (const identifier of who.identifiers) {
    if (identifier.trim().length >= 3) out = out.split(identifier).join(ERASED_TEXT);
  }
  return out;
}

/** Whether the item still holds the card number or an identifier anywhere. */
export function mentions(item: unknown, who: ErasedIdentity): boolean {
  const text = JSON.stringify(item);
  return (
    text.includes(who.participantId) ||
    who.identifiers.some((i) => i.trim().length >= 3 && text.includes(JSON.stringify(i).slice(1, -1)))
  );
}

const without = (item: Item, names: readonly string[]) =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !names.includes(k)));

/**
 * The case under the pseudonym: figures, statuses and counts kept; name and VA replaced, phones
 * and the dial queue gone, so no wave texts it and no dialler calls it (not contactable).
 */
export function erasedCase(item: Item, who: ErasedIdentity, at: string): Item {
  return {
    ...scrub(without(item, [...CASE_PHONES, ...CASE_DIALLING]), who),
    ...CASE_REPLACED,
    contactable: false,
    erasedAt: at,
  };
}

/** The interaction under the pseudonym: kind, time, outcome, amount kept; phones, notes and reply texts gone. */
export function erasedInteraction(item: Item, who: ErasedIdentity, at: string): Item {
  const detail = item.detail as Item | undefined;
  return {
    ...scrub(without(item, ["detail"]), who),
    ...(detail ? { detail: scrub(without(detail, DETAIL_PERSONAL), who) } : {}),
    erasedAt: at,
  };
}

/** Payments and any other record: the card number becomes the pseudonym, identifiers go. */
export function erasedRecord(item: Item, who: ErasedIdentity, at: string): Item {
  return { ...scrub(item, who), erasedAt: at };
}

/** The identifiers a participant item and the person's cases hold, deduplicated. */
export function identifiersOf(items: readonly Item[]): string[] {
  const found = new Set<string>();
  for (const item of items) {
    for (const field of ["name", "phone", "phoneRaw", "suspectPhone", "virtualAccount"]) {
      const value = item[field];
      if (typeof value === "string" && value.trim() !== "") found.add(value);
    }
  }
  return [...found];
}
