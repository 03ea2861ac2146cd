import { describe, expect, it } from "vitest";
import { cognitoNewPassword, cognitoSignIn, type FetchLike, SignInError } from "../../../console/cognito";

const pool = { region: "ap-southeast-3", clientId: "client-123" };

interface Sent {
  url: string;
  target: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

/** Cognito as seen from the browser: answers in turn, and what was sent. */
function fakeCognito(...answers: { status: number; body: unknown }[]) {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (url, init) => {
    sent.push({
      url,
      target: init.headers["X-Amz-Target"],
      contentType: init.headers["Content-Type"],
      body: JSON.parse(init.body),
    });
    const answer = answers.shift() ?? { status: 500, body: {} };
    return { ok: answer.status < 300, status: answer.status, json: async () => answer.body };
  };
  return { fetch, sent };
}

describe("Cognito sign-in (USER_PASSWORD_AUTH)", () => {
  it("sends InitiateAuth to the pool's region and returns the ID token", async () => {
    const cognito = fakeCognito({
      status: 200,
      body: { AuthenticationResult: { IdToken: "id.jwt", AccessToken: "a" } },
    });
    await expect(cognitoSignIn(cognito.fetch, pool, "spv-gorontalo", "s3cret!")).resolves.toEqual({
      kind: "signedIn",
      idToken: "id.jwt",
    });
    expect(cognito.sent).toEqual([
      {
        url: "https://cognito-idp.ap-southeast-3.amazonaws.com/",
        target: "AWSCognitoIdentityProviderService.InitiateAuth",
        contentType: "application/x-amz-json-1.1",
        body: {
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: "client-123",
          AuthParameters: { USERNAME: "spv-gorontalo", PASSWORD: "s3cret!" },
        },
      },
    ]);
  });

  it("tells a wrong password in Indonesian", async () => {
    const cognito = fakeCognito({
      status: 400,
      body: { __type: "NotAuthorizedException", message: "Incorrect username or password." },
    });
    const failure = await cognitoSignIn(cognito.fetch, pool, "spv-gorontalo", "wrong").catch((e) => e);
    expect(failure).toBeInstanceOf(SignInError);
    expect(failure).toMatchObject({
      code: "NotAuthorizedException",
      message: "Nama pengguna atau kata sandi salah.",
    });
  });

  it("asks for a new password on first login, then answers the challenge with it", async () => {
    const cognito = fakeCognito(
      {
        status: 200,
        body: { ChallengeName: "NEW_PASSWORD_REQUIRED", Session: "session-1", ChallengeParameters: {} },
      },
      { status: 200, body: { AuthenticationResult: { IdToken: "new.jwt" } } },
    );
    const first = await cognitoSignIn(cognito.fetch, pool, "spv-jayapura", "Temp0rary!");
    expect(first).toEqual({ kind: "newPasswordRequired", session: "session-1", username: "spv-jayapura" });
    if (first.kind !== "newPasswordRequired") throw new Error("expected the challenge");
    await expect(cognitoNewPassword(cognito.fetch, pool, first, "Chosen-Passw0rd")).resolves.toEqual({
      kind: "signedIn",
      idToken: "new.jwt",
    });
    expect(cognito.sent[1]).toEqual({
      url: "https://cognito-idp.ap-southeast-3.amazonaws.com/",
      target: "AWSCognitoIdentityProviderService.RespondToAuthChallenge",
      contentType: "application/x-amz-json-1.1",
      body: {
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        ClientId: "client-123",
        Session: "session-1",
        ChallengeResponses: { USERNAME: "spv-jayapura", NEW_PASSWORD: "Chosen-Passw0rd" },
      },
    });
  });

  it("says why a new password is refused, and when Cognito cannot be reached", async () => {
    const weak = fakeCognito({
      status: 400,
      body: { __type: "InvalidPasswordException", message: "Password too short" },
    });
    await expect(
      cognitoNewPassword(weak.fetch, pool, { session: "s", username: "spv-jayapura" }, "short"),
    ).rejects.toThrow("Kata sandi baru tidak memenuhi ketentuan");
    const offline: FetchLike = async () => {
      throw new TypeError("Failed to fetch");
    };
    await expect(cognitoSignIn(offline, pool, "u", "p")).rejects.toThrow(
      "Layanan masuk tidak dapat dihubungi",
    );
  });
});
