import { describe, expect, it } from "vitest";
import { caseIdOf, parseCampaignId, parseCaseId } from "../../../functions/domain/case";
import { dispositionInputSchema } from "../../../functions/domain/disposition";

describe("case and campaign ids", () => {
  it("read back the branch, the period and the participant they were made of", () => {
    expect(parseCaseId(caseIdOf("GORONTALO#2026-11", "0001000000042"))).toEqual({
      branchCode: "GORONTALO",
      period: "2026-11",
      participantId: "0001000000042",
    });
    expect(parseCampaignId("KC_01#2026-12")).toEqual({ branchCode: "KC_01", period: "2026-12" });
  });

  it("refuse a month 00 or 13, a bad branch code or card number, and missing or extra parts", () => {
    for (const bad of [
      "GORONTALO#2026-13#0001000000042",
      "GORONTALO#2026-00#0001000000042",
      "gorontalo#2026-11#0001000000042",
      "GORONTALO#2026-11#000100000004",
      "GORONTALO#2026-11",
      "GORONTALO#2026-11#0001000000042#1",
      "0001000000042",
    ]) {
      expect(parseCaseId(bad), bad).toBeUndefined();
    }
    for (const bad of ["GORONTALO#2026-13", "GORONTALO", "GORONTALO#2026-11#x", "#2026-11"]) {
      expect(parseCampaignId(bad), bad).toBeUndefined();
    }
  });

  it("are what the disposition contract accepts", () => {
    const issues = (input: Record<string, unknown>) =>
      dispositionInputSchema.safeParse({ agentId: "a", code: "OTHER", ...input }).error?.issues;
    expect(issues({ caseId: "GORONTALO#2026-11#0001000000042" })).toBeUndefined();
    expect(issues({ caseId: "GORONTALO#2026-13#0001000000042" })).toEqual([
      expect.objectContaining({ path: ["caseId"], message: "must be <branch>#<YYYY-MM>#<participantId>" }),
    ]);
    expect(issues({ contactId: "c", campaignId: "GORONTALO#2026-00" })).toEqual([
      expect.objectContaining({ path: ["campaignId"], message: "must be <branch>#<YYYY-MM>" }),
    ]);
  });
});
