import { describe, expect, it } from "vitest";
import { dialStatus, nextAllowedAt } from "../../../functions/domain/call-eligibility";
import { CALLBACK_WINDOWS } from "../../../functions/domain/messaging";
import { at, caseOf, ctxOf, WIB } from "../../fixtures/dialing";

const window = (code: keyof typeof CALLBACK_WINDOWS) => ({
  fromMinute: CALLBACK_WINDOWS[code].fromMinute,
  toMinute: CALLBACK_WINDOWS[code].toMinute,
  requestedAt: "2026-11-15T02:00:00.000Z",
});

describe("a callback window the participant chose on WhatsApp", () => {
  const evening = caseOf(WIB, { callback: window("EVENING") });

  it("is not called before the window opens that day", () => {
    // Monday 2026-11-16 09:00 WIB: the contact window is open, the evening (16:00-20:00) is not.
    expect(dialStatus(evening, at("2026-11-16T02:00:00Z"), ctxOf(WIB))).toEqual({
      kind: "WAIT",
      until: at("2026-11-16T09:00:00Z"),
    });
    expect(dialStatus(caseOf(WIB), at("2026-11-16T02:00:00Z"), ctxOf(WIB)).kind).toBe("CALL_NOW");
  });

  it("is called inside the window", () => {
    expect(dialStatus(evening, at("2026-11-16T12:30:00Z"), ctxOf(WIB))).toEqual({ kind: "CALL_NOW" });
  });

  it("waits past the window's end and days with no contact to the next day's window", () => {
    // Monday 20:30 WIB; Tuesday 2026-11-17 is the branch's holiday: Wednesday 16:00 WIB.
    expect(dialStatus(evening, at("2026-11-16T13:30:00Z"), ctxOf(WIB))).toEqual({
      kind: "WAIT",
      until: at("2026-11-18T09:00:00Z"),
    });
    // A morning caller reached at 13:00 on Wednesday waits for Thursday 08:00 WIB.
    const morning = caseOf(WIB, { callback: window("MORNING") });
    expect(nextAllowedAt(morning, at("2026-11-18T06:00:00Z"), ctxOf(WIB))).toEqual(
      at("2026-11-19T01:00:00Z"),
    );
  });
});
