import { describe, expect, it } from "vitest";
import { smsKindOf, smsSegmentsByKind } from "../../../local/sms-mix";

const CASE = "GORONTALO#2026-11#0000217761822";

describe("what a run's SMS were for", () => {
  it("tells the reminder from its fallback, follow-ups, due-soon and details asked for", () => {
    expect(smsKindOf(`${CASE}#wave1`)).toBe("REMINDER");
    expect(smsKindOf(`${CASE}#wave1F`)).toBe("REMINDER_FALLBACK");
    expect(smsKindOf(`${CASE}#PROMISE_EVE#2026-11-20`)).toBe("FOLLOW_UP");
    expect(smsKindOf(`${CASE}#THANK_YOU#PAID`)).toBe("FOLLOW_UP");
    expect(smsKindOf(`GORONTALO#2026-11#DUE_SOON#0000217761822#DUE_SOON#2026-12-10`)).toBe("DUE_SOON");
    expect(smsKindOf(`${CASE}#CALL_INFO#PAYMENT#contact#c54e6345`)).toBe("ASKED_DETAILS");
  });

  it("adds up segments per kind, every kind present", () => {
    expect(
      smsSegmentsByKind([
        { messageKey: `${CASE}#wave1F`, segments: 2 },
        { messageKey: `${CASE}#wave1F`, segments: 2 },
        { messageKey: `${CASE}#MISSED_CALL#2026-11-12`, segments: 1 },
      ]),
    ).toEqual({ REMINDER: 0, REMINDER_FALLBACK: 4, FOLLOW_UP: 1, DUE_SOON: 0, ASKED_DETAILS: 0 });
  });
});
