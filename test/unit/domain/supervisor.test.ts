import { describe, expect, it } from "vitest";
import { SAMPLE_BRANCHES } from "../../../functions/domain/branches";
import { branchView, groupsOf, holdsBranch, supervisorOf } from "../../../functions/domain/supervisor";

describe("a supervisor from a token's claims", () => {
  it("reads the groups as Cognito issues them and as API Gateway's JWT authorizer passes them on", () => {
    expect(groupsOf(["GORONTALO", "SEMARANG"])).toEqual(["GORONTALO", "SEMARANG"]);
    expect(groupsOf("[GORONTALO SEMARANG]")).toEqual(["GORONTALO", "SEMARANG"]);
    expect(groupsOf("[GORONTALO]")).toEqual(["GORONTALO"]);
    expect(groupsOf(undefined)).toEqual([]);
  });

  it("holds the branches of its groups, every branch with NASIONAL, none without a group", () => {
    const gorontalo = supervisorOf(
      { "cognito:username": "spv-gorontalo", "cognito:groups": "[GORONTALO]" },
      SAMPLE_BRANCHES,
    );
    expect(gorontalo).toEqual({
      username: "spv-gorontalo",
      branchCodes: ["GORONTALO"],
      readsPersonalData: false,
      national: false,
    });
    expect(gorontalo && holdsBranch(gorontalo, "JAYAPURA")).toBe(false);
    const national = supervisorOf(
      { "cognito:username": "kp", "cognito:groups": ["NASIONAL"] },
      SAMPLE_BRANCHES,
    );
    expect(national?.branchCodes).toEqual(SAMPLE_BRANCHES.map((b) => b.code));
    expect(supervisorOf({ "cognito:username": "baru" }, SAMPLE_BRANCHES)?.branchCodes).toEqual([]);
  });

  it("reads personal data unmasked only with the role's own group, which holds no branch", () => {
    const officer = supervisorOf(
      { "cognito:username": "dpo", "cognito:groups": "[AKSES_DATA_PRIBADI]" },
      SAMPLE_BRANCHES,
    );
    expect(officer).toMatchObject({ readsPersonalData: true, national: false, branchCodes: [] });
  });

  it("names no supervisor without a user name", () => {
    expect(supervisorOf({ "cognito:groups": ["NASIONAL"] }, SAMPLE_BRANCHES)).toBeUndefined();
  });

  it("shows a branch with its zone as Indonesians name it", () => {
    const jayapura = SAMPLE_BRANCHES.find((b) => b.code === "JAYAPURA");
    expect(jayapura && branchView(jayapura).zone).toBe("WIT");
  });
});
