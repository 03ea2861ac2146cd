/**
 * Sign-in against the Cognito user pool straight from the browser (USER_PASSWORD_AUTH, the app
 * client has no secret), with the first-login NEW_PASSWORD_REQUIRED challenge. `fetch` is passed
 * in so tests can answer for Cognito.
 */

export interface CognitoPool {
  region: string;
  clientId: string;
}

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export type SignInStep =
  | { kind: "signedIn"; idToken: string }
  | { kind: "newPasswordRequired"; session: string; username: string };

/** A refused sign-in, with the message the supervisor reads and Cognito's error name. */
export class SignInError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "SignInError";
  }
}

const MESSAGES: Record<string, string> = {
  NotAuthorizedException: "Nama pengguna atau kata sandi salah.",
  UserNotFoundException: "Nama pengguna atau kata sandi salah.",
  PasswordResetRequiredException: "Kata sandi perlu diatur ulang. Hubungi administrator.",
  UserNotConfirmedException: "Akun belum dikonfirmasi. Hubungi administrator.",
  InvalidPasswordException:
    "Kata sandi baru tidak memenuhi ketentuan (panjang minimal, huruf besar, huruf kecil, angka, simbol).",
  TooManyRequestsException: "Terlalu banyak percobaan. Coba lagi sebentar lagi.",
  LimitExceededException: "Terlalu banyak percobaan. Coba lagi sebentar lagi.",
};

interface AuthAnswer {
  AuthenticationResult?: { IdToken?: string };
  ChallengeName?: string;
  Session?: string;
  __type?: string;
}

async function call(fetch: FetchLike, pool: CognitoPool, target: string, body: object): Promise<AuthAnswer> {
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await fetch(`https://cognito-idp.${pool.region}.amazonaws.com/`, {
      method: "POST",
      headers: {
        "X-Amz-Target": `AWSCognitoIdentityProviderService.${target}`,
        "Content-Type": "application/x-amz-json-1.1",
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new SignInError("Layanan masuk tidak dapat dihubungi. Periksa koneksi.", "NetworkError");
  }
  const answer = (await response.json().catch(() => ({}))) as AuthAnswer;
  if (!response.ok) {
    // Cognito names the error `NotAuthorizedException` or `prefix#NotAuthorizedException`.
    const code = (answer.__type ?? "UnknownError").split("#").pop() as string;
    throw new SignInError(MESSAGES[code] ?? `Gagal masuk (${code}).`, code);
  }
  return answer;
}

function step(answer: AuthAnswer, username: string): SignInStep {
  const idToken = answer.AuthenticationResult?.IdToken;
  if (idToken) return { kind: "signedIn", idToken };
  if (answer.ChallengeName === "NEW_PASSWORD_REQUIRED" && answer.Session) {
    return { kind: "newPasswordRequired", session: answer.Session, username };
  }
  throw new SignInError(`Gagal masuk (${answer.ChallengeName ?? "tanpa token"}).`, "UnsupportedChallenge");
}

export async function cognitoSignIn(
  fetch: FetchLike,
  pool: CognitoPool,
  username: string,
  password: string,
): Promise<SignInStep> {
  const answer = await call(fetch, pool, "InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: pool.clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  return step(answer, username);
}

/** Answers NEW_PASSWORD_REQUIRED with the password the user chose. */
export async function cognitoNewPassword(
  fetch: FetchLike,
  pool: CognitoPool,
  challenge: { session: string; username: string },
  newPassword: string,
): Promise<SignInStep> {
  const answer = await call(fetch, pool, "RespondToAuthChallenge", {
    ChallengeName: "NEW_PASSWORD_REQUIRED",
    ClientId: pool.clientId,
    Session: challenge.session,
    ChallengeResponses: { USERNAME: challenge.username, NEW_PASSWORD: newPassword },
  });
  return step(answer, challenge.username);
}
