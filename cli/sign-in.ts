import { type CognitoPool, cognitoNewPassword, cognitoSignIn, SignInError } from "../console/cognito";
import { CliError } from "./errors";

export interface SignedIn {
  token: string;
  expiresAt: string;
}

const WRONG_PASSWORD = (username: string, where: string) =>
  `sign-in refused: wrong user name or password for ${username} on ${where}`;

/** The local runtime's stand-in for Cognito: `POST /api/session`. */
export async function localSignIn(
  apiUrl: string,
  where: string,
  username: string,
  password: string,
): Promise<SignedIn> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
  } catch (error) {
    throw new CliError(`the supervisor API at ${apiUrl} did not answer (${(error as Error).message})`);
  }
  if (response.status === 401) throw new CliError(WRONG_PASSWORD(username, where));
  if (!response.ok) throw new CliError(`sign-in failed on ${where}: HTTP ${response.status}`);
  const { token, expiresAt } = (await response.json()) as SignedIn;
  return { token, expiresAt };
}

/** Cognito's error names, as a terminal user reads them. */
const COGNITO_MESSAGES: Record<string, (username: string, where: string) => string> = {
  NotAuthorizedException: WRONG_PASSWORD,
  UserNotFoundException: WRONG_PASSWORD,
  PasswordResetRequiredException: (u) =>
    `sign-in refused: ${u} must have the password reset by an administrator`,
  UserNotConfirmedException: (u) => `sign-in refused: ${u} is not confirmed: ask an administrator`,
  InvalidPasswordException: () =>
    "new password refused: it does not meet the pool's policy (length, upper and lower case, digit, symbol)",
  TooManyRequestsException: () => "sign-in refused: too many attempts, try again in a while",
  LimitExceededException: () => "sign-in refused: too many attempts, try again in a while",
  NetworkError: (_u, where) => `Cognito did not answer for ${where}: check the network`,
};

/** The `exp` claim of a JWT, as an ISO instant. */
export function tokenExpiry(token: string): string {
  const payload = token.split(".")[1] ?? "";
  const exp = (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { exp?: unknown }).exp;
  if (typeof exp !== "number") throw new CliError("sign-in answered a token without an expiry");
  return new Date(exp * 1000).toISOString();
}

/**
 * Cognito's USER_PASSWORD_AUTH with the stack's app client, as the console signs in; a first
 * login's NEW_PASSWORD_REQUIRED is answered with the password `newPassword` asks for.
 */
export async function cognitoSignInWithChallenge(
  pool: CognitoPool,
  where: string,
  username: string,
  password: string,
  newPassword: () => Promise<string>,
): Promise<SignedIn> {
  try {
    let step = await cognitoSignIn(fetch, pool, username, password);
    if (step.kind === "newPasswordRequired") {
      step = await cognitoNewPassword(fetch, pool, step, await newPassword());
    }
    if (step.kind !== "signedIn") throw new CliError(`sign-in of ${username} asks for another new password`);
    return { token: step.idToken, expiresAt: tokenExpiry(step.idToken) };
  } catch (error) {
    if (!(error instanceof SignInError)) throw error;
    const message = COGNITO_MESSAGES[error.code];
    throw new CliError(message ? message(username, where) : `sign-in refused by Cognito (${error.code})`);
  }
}
