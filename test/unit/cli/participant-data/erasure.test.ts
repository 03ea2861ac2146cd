import { describe, expect, it } from "vitest";
import {
  type ErasedIdentity,
  erasedCase,
  erasedInteraction,
  erasedRecord,
  identifiersOf,
  isPseudonym,
  pseudonymOf,
} from "../../../../cli/participant-data/erasure";
import type { Case } from "../../../../functions/domain/case";
import { caseRow } from "../../../../functions/reports/cases";

const KEY = Buffer.alloc(32, 7);
const ID = "0001234567890";
const AT = "2026-12-06T02:00:00.000Z";

describe("the pseudonym of an erased participant", () => {
  it("is ERASED- and 20 hex digits, the same for the same key and card number", () => {
    const p = pseudonymOf(KEY, ID);
    expect(p).toMatch(/^ERASED-[0-9a-f]{20}$/);
    expect(isPseudonym(p)).toBe(true);
    expect(pseudonymOf(Buffer.from(KEY), ID)).toBe(p);
  });

  it("depends on the secret key and on the card number", () => {
    expect(pseudonymOf(Buffer.alloc(32, 8), ID)).not.toBe(pseudonymOf(KEY, ID));
    expect(pseudonymOf(KEY, "0001234567891")).not.toBe(pseudonymOf(KEY, ID));
  });

  it("refuses a short key and anything but a card number", () => {
    expect(() => pseudonymOf(Buffer.alloc(16), ID)).toThrow("32+ bytes");
    expect(() => pseudonymOf(KEY, "12345")).toThrow("13 digits");
  });
});

describe("what an erasure leaves of an item", () => {
  const who: ErasedIdentity = {
    participantId: ID,
    pseudonym: pseudonymOf(KEY, ID),
    identifiers: identifiersOf([
      { name: "Budi Santoso", phone: "+6281234567890", phoneRaw: "0812-3456-7890" },
    ]),
  };
  const caseId = `SEMARANG#2026-11#${ID}`;

  it("a case keeps its figures under the pseudonym; name, phones, VA and queue go", () => {
    const c = {
      campaignId: "SEMARANG#2026-11",
      participantId: ID,
      caseId,
      name: "Budi Santoso",
      phone: "+6281234567890",
      suspectPhone: "+6281234567890",
      virtualAccount: "8888801234567890",
      amountDue: 175_000,
      amountPaid: 35_000,
      status: "OPEN",
      contactable: true,
      dialQueue: "SEMARANG#2026-11",
      dialRank: `109950#${ID}`,
      promise: { amount: 175_000, date: "2026-11-20", status: "PENDING", agentId: "a-1", recordedAt: AT },
    };
    const erased = erasedCase(c, who, AT);
    expect(erased).toEqual({
      campaignId: "SEMARANG#2026-11",
      participantId: who.pseudonym,
      caseId: `SEMARANG#2026-11#${who.pseudonym}`,
      name: "[erased]",
      virtualAccount: "[erased]",
      amountDue: 175_000,
      amountPaid: 35_000,
      status: "OPEN",
      contactable: false,
      promise: c.promise,
      erasedAt: AT,
    });
    // The case lists still read it.
    expect(caseRow(erased as unknown as Case, "masked")).toMatchObject({ phone: "", amountPaid: 35_000 });
  });

  it("an interaction keeps kind, time, outcome and amount; its phones and the agent's notes go", () => {
    const erased = erasedInteraction(
      {
        caseId,
        interactionKey: `${AT}#SMS_SENT#${caseId}#follow-up#c-1#VA`,
        participantId: ID,
        kind: "DISPOSITION",
        outcome: "PROMISE_TO_PAY",
        amount: 175_000,
        detail: {
          notes: "Pak Budi Santoso minta ditelepon sore",
          phone: "+62812****7890",
          newPhone: "+62812****1111",
          promiseDate: "2026-11-20",
        },
      },
      who,
      AT,
    );
    expect(erased).toEqual({
      caseId: `SEMARANG#2026-11#${who.pseudonym}`,
      interactionKey: `${AT}#SMS_SENT#SEMARANG#2026-11#${who.pseudonym}#follow-up#c-1#VA`,
      participantId: who.pseudonym,
      kind: "DISPOSITION",
      outcome: "PROMISE_TO_PAY",
      amount: 175_000,
      detail: { promiseDate: "2026-11-20" },
      erasedAt: AT,
    });
  });

  it("any other record: the card number becomes the pseudonym, names and phones become [erased]", () => {
    expect(
      erasedRecord({ scope: `ACCESS#${ID}`, why: "Budi Santoso called from 0812-3456-7890", n: 3 }, who, AT),
    ).toEqual({
      scope: `ACCESS#${who.pseudonym}`,
      why: "[erased] called from [erased]",
      n: 3,
      erasedAt: AT,
    });
  });
});
