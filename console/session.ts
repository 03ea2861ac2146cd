import type { ConsoleConfig } from "./api";
import { cognitoNewPassword, cognitoSignIn, type FetchLike, SignInError, type SignInStep } from "./cognito";

/** The signed-in user's token, kept for this tab only (sessionStorage): closing the tab signs out. */

const KEY = "telecollect.token";

export const storedToken = () => sessionStorage.getItem(KEY);
export const storeToken = (token: string) => sessionStorage.setItem(KEY, token);
export const forgetToken = () => sessionStorage.removeItem(KEY);

const browserFetch: FetchLike = (url, init) => fetch(url, init);

/** Signs in the way the config says: the local runtime's `POST /api/session`, or Cognito. */
export async function signIn(config: ConsoleConfig, username: string, password: string): Promise<SignInStep> {
  if (config.auth === "cognito") return cognitoSignIn(browserFetch, config, username, password);
  const response = await fetch(`${config.apiUrl ?? ""}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  }).catch(() => undefined);
  if (!response) throw new SignInError("Server tidak dapat dihubungi. Periksa koneksi.", "NetworkError");
  if (response.status === 401 || response.status === 400) {
    throw new SignInError("Nama pengguna atau kata sandi salah.", "NotAuthorized");
  }
  if (!response.ok) throw new SignInError(`Gagal masuk (HTTP ${response.status}).`, "HttpError");
  const { token } = (await response.json()) as { token: string };
  return { kind: "signedIn", idToken: token };
}

export async function setNewPassword(
  config: ConsoleConfig,
  challenge: { session: string; username: string },
  newPassword: string,
): Promise<SignInStep> {
  if (config.auth !== "cognito") throw new SignInError("Tidak tersedia.", "Unsupported");
  return cognitoNewPassword(browserFetch, config, challenge, newPassword);
}
