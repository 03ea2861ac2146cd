import { describe, expect, it } from "vitest";
import type { Case } from "../../../functions/domain/case";
import { type Disposition, validateDisposition } from "../../../functions/domain/disposition-rules";
import { at, attempted, caseOf, ctxOf, WITA } from "../../fixtures/dialing";

describe("the agent's disposition, before it is recorded", () => {
  const ctx = ctxOf(WITA);
  const now = at("2026-11-16T02:00:00Z"); // Monday 10:00 WITA
  const called = attempted(caseOf(WITA), 1, "2026-11-16");

  it("rejects what an agent could get wrong, naming each field", () => {
    const check = (d: Partial<Disposition> & Pick<Disposition, "code">, c: Case = called) =>
      validateDisposition(c, { agentId: "agent-7", ...d }, now, ctx);
    expect(check({ code: "PROMISE_TO_PAY", promiseDate: "2026-11-15", promiseAmount: 1 })).toEqual([
      { field: "promiseDate", message: "must be today (2026-11-16) or later" },
    ]);
    // Period 2026-11: month end + 30 days is 2026-12-30.
    expect(check({ code: "PROMISE_TO_PAY", promiseDate: "2026-12-31", promiseAmount: 1 })[0]?.message).toBe(
      "must be on or before 2026-12-30",
    );
    expect(
      check({ code: "PROMISE_TO_PAY", promiseDate: "2026-12-30", promiseAmount: called.amountDue + 1 }),
    ).toEqual([
      {
        field: "promiseAmount",
        message: expect.stringMatching(/^must be a whole number of rupiah from 1 to Rp/),
      },
    ]);
    expect(check({ code: "PROMISE_TO_PAY" }).map((i) => i.field)).toEqual(["promiseDate", "promiseAmount"]);
    // 21:00 WITA.
    expect(check({ code: "CALL_BACK_LATER", callbackAt: "2026-11-16T13:00:00Z" })[0]?.message).toMatch(
      /outside the participant's contact window/,
    );
    expect(check({ code: "UPDATED_PHONE", newPhone: "+1 202 555 0100" })).toEqual([
      { field: "newPhone", message: "not an Indonesian number: expected an Indonesian number (+62...)" },
    ]);
    expect(check({ code: "REFUSES", promiseDate: "2026-11-20" })).toEqual([
      { field: "promiseDate", message: "only for PROMISE_TO_PAY" },
    ]);
    expect(
      check({ code: "PROMISE_TO_PAY", promiseDate: "2026-11-16", promiseAmount: called.amountDue }),
    ).toEqual([]);
  });
});
