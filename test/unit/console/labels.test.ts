import { describe, expect, it } from "vitest";
import {
  auditActionLabel,
  caseStatusLabel,
  isRunning,
  phaseLabel,
  refusalLabel,
  startOutcomeLabel,
} from "../../../console/labels";

describe("console labels", () => {
  it("names every campaign phase in Indonesian", () => {
    expect(
      ["STARTING", "MAPPING", "MAPPED", "SMS", "DIALING", "CLOSED", "STOPPED", "FAILED"].map(phaseLabel),
    ).toEqual([
      "Memulai",
      "Pemetaan",
      "Terpetakan",
      "Pengiriman SMS",
      "Penelponan",
      "Selesai",
      "Dihentikan",
      "Gagal",
    ]);
    expect(phaseLabel("SOMETHING_NEW")).toBe("SOMETHING_NEW");
  });

  it("lets only a running campaign be stopped", () => {
    expect(["STARTING", "MAPPING", "MAPPED", "SMS", "DIALING"].every(isRunning)).toBe(true);
    expect(["CLOSED", "STOPPED", "FAILED"].some(isRunning)).toBe(false);
  });

  it("names case statuses, refusals, start outcomes and recorded actions", () => {
    expect(["OPEN", "PAID", "CLOSED"].map(caseStatusLabel)).toEqual(["Terbuka", "Lunas", "Ditutup"]);
    expect(
      refusalLabel({ reason: "PERIOD_OVER", message: "campaign GORONTALO 2026-10: the period is over" }),
    ).toBe("Periode ini sudah berakhir; kampanye tidak dapat dimulai.");
    expect(refusalLabel({ reason: "UNKNOWN", message: "as the API said" })).toBe("as the API said");
    expect(startOutcomeLabel("RESUMED")).toBe("Kampanye dilanjutkan.");
    expect(auditActionLabel("campaign.stop")).toBe("Hentikan kampanye");
  });
});
