import { describe, expect, it } from "vitest";
import { SAMPLE_BRANCHES } from "../../../../functions/domain/branches";
import { supervisorOf } from "../../../../functions/domain/supervisor";
import {
  LOCAL_DEFAULT_PASSWORD,
  LocalSupervisorIdentity,
  loadLocalPassword,
  sampleSupervisors,
} from "../../../../local/adapters/supervisor-identity";

const NOW = new Date("2026-12-06T02:00:00Z");
let now = NOW;

describe("the local stand-in of Cognito and the JWT authorizer", () => {
  const identity = new LocalSupervisorIdentity(sampleSupervisors(SAMPLE_BRANCHES), "rahasia-123", () => now);

  it("has a supervisor per sample branch and a national one", () => {
    expect(sampleSupervisors(SAMPLE_BRANCHES)).toContainEqual({
      username: "spv-gorontalo",
      groups: ["GORONTALO"],
    });
    expect(sampleSupervisors(SAMPLE_BRANCHES).slice(-2)).toEqual([
      { username: "nasional", groups: ["NASIONAL"] },
      { username: "petugas-pdp", groups: ["NASIONAL", "AKSES_DATA_PRIBADI"] },
    ]);
  });

  it("signs a user in with the password and passes the claims on as API Gateway does", () => {
    const session = identity.signIn("spv-gorontalo", "rahasia-123");
    expect(session?.expiresAt).toBe("2026-12-06T10:00:00.000Z");
    const claims = identity.claimsOf(`Bearer ${session?.token}`);
    expect(claims).toMatchObject({
      "cognito:username": "spv-gorontalo",
      "cognito:groups": "[GORONTALO]",
      token_use: "id",
    });
    expect(supervisorOf(claims ?? {}, SAMPLE_BRANCHES)?.branchCodes).toEqual(["GORONTALO"]);
  });

  it("refuses a wrong password, an unknown user, a changed token, an expired one", () => {
    expect(identity.signIn("spv-gorontalo", "salah")).toBeUndefined();
    expect(identity.signIn("tamu", "rahasia-123")).toBeUndefined();
    const token = identity.signIn("spv-gorontalo", "rahasia-123")?.token ?? "";
    const [head, , signature] = token.split(".");
    const widened = Buffer.from(
      JSON.stringify({ "cognito:username": "x", "cognito:groups": ["NASIONAL"] }),
    ).toString("base64url");
    expect(identity.claimsOf(`Bearer ${head}.${widened}.${signature}`)).toBeUndefined();
    expect(identity.claimsOf(token)).toBeUndefined();
    expect(identity.claimsOf(`Bearer ${token}`)).toBeDefined();
    now = new Date("2026-12-06T10:00:01Z");
    expect(identity.claimsOf(`Bearer ${token}`)).toBeUndefined();
    now = NOW;
  });

  it("takes the password from TELECOLLECT_LOCAL_PASSWORD, refusing a short one", () => {
    expect(loadLocalPassword({})).toBe(LOCAL_DEFAULT_PASSWORD);
    expect(loadLocalPassword({ TELECOLLECT_LOCAL_PASSWORD: "panjang-sekali" })).toBe("panjang-sekali");
    expect(() => loadLocalPassword({ TELECOLLECT_LOCAL_PASSWORD: "pendek" })).toThrow("at least 8");
  });
});
