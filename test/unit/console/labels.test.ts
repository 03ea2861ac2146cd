import { describe, expect, it } from "vitest";
import {
  auditActionLabel,
  caseStatusLabel,
  isRunning,
  outcomeLabel,
  phaseLabel,
  refusalLabel,
  startOutcomeLabel,
} from "../../../console/labels";
import { DISPOSITION_CODES } from "../../../functions/domain/disposition";

describe("console labels", () => {
  it("names every campaign phase in Indonesian", () => {
    expect(
      ["STARTING", "MAPPING", "MAPPED", "SMS", "DIALING", "CLOSED", "STOPPED", "FAILED"].map(phaseLabel),
    ).toEqual([
      "Memulai",
      "Pemetaan",
      "Terpetakan",
      "Pengiriman pengingat",
      "Penelponan",
      "Selesai",
      "Dihentikan",
      "Gagal",
    ]);
    expect(phaseLabel("SOMETHING_NEW")).toBe("SOMETHING_NEW");
  });

  it("names every call outcome and disposition a case can end on, in Indonesian", () => {
    const codes = [
      ...DISPOSITION_CODES,
      "ANSWERED",
      "NO_ANSWER",
      "BUSY",
      "INVALID_NUMBER",
      "FAILED",
      "AGENT_UNAVAILABLE",
    ];
    for (const code of codes) expect(outcomeLabel(code), code).not.toBe(code);
    expect(outcomeLabel("NO_ANSWER")).toBe("Tidak diangkat");
    expect(outcomeLabel("WANTS_REHAB")).toBe("Ingin ikut REHAB");
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
