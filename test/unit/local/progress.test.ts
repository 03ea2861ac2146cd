import { describe, expect, it } from "vitest";
import { progressLine } from "../../../local/progress";

describe("npm start's progress line", () => {
  it("counts WhatsApp messages beside SMS, at the simulated time in UTC", () => {
    const line = progressLine({
      simulatedNow: "2026-12-11T01:00:25.000Z",
      whatsappSent: 3161,
      smsSent: 596,
      callsStarted: 3248,
      paymentsPosted: 698,
      campaignsRunning: 4,
    });
    expect(line).toBe(
      "  2026-12-11 01:00 UTC  WhatsApp 3161  SMS 596  calls 3248  payments 698  campaigns running 4",
    );
  });
});
