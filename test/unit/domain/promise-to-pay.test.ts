import { describe, expect, it } from "vitest";
import type { Case } from "../../../functions/domain/case";
import { addDays } from "../../../functions/domain/local-time";
import { promiseBroken, promiseFollowUpAt } from "../../../functions/domain/promise-to-pay";
import { at, caseOf, WIB, WIT } from "../../fixtures/dialing";

describe("broken promises", () => {
  const pending = caseOf(WIT, {
    promise: {
      amount: 50_000,
      date: "2026-11-20",
      status: "PENDING",
      agentId: "a",
      recordedAt: "2026-11-16T00:00:00Z",
    },
  });

  it("is broken once the promise date plus grace days has passed in the participant's zone", () => {
    // Grace 1: broken from local 2026-11-22 00:00 WIT = 2026-11-21T15:00Z.
    expect(promiseBroken(pending, at("2026-11-21T14:59:00Z"), WIT.timeZone, 1)).toBe(false);
    expect(promiseBroken(pending, at("2026-11-21T15:00:00Z"), WIT.timeZone, 1)).toBe(true);
    // The same instant is still 2026-11-21 in WIB.
    expect(promiseBroken(pending, at("2026-11-21T15:00:00Z"), WIB.timeZone, 1)).toBe(false);
    expect(promiseBroken(pending, at("2026-11-21T00:00:00Z"), WIT.timeZone, 0)).toBe(true);
  });

  it("is never broken once kept or paid", () => {
    const kept = {
      ...pending,
      promise: { ...(pending.promise as NonNullable<Case["promise"]>), status: "KEPT" as const },
    };
    expect(promiseBroken(kept, at("2026-12-01T00:00:00Z"), WIT.timeZone, 1)).toBe(false);
    expect(promiseBroken({ ...pending, status: "PAID" }, at("2026-12-01T00:00:00Z"), WIT.timeZone, 1)).toBe(
      false,
    );
  });

  it("is followed up at the first window opening after it broke", () => {
    // 2026-11-21 is a Saturday: broken Sunday 22nd, called Monday 23rd 08:00 WIT.
    expect(promiseFollowUpAt("2026-11-20", 1, WIT.timeZone, WIT.contactWindow)).toEqual(
      at("2026-11-22T23:00:00Z"),
    );
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});
