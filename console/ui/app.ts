import { html } from "htm/preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { type ConsoleConfig, createApi, loadConfig } from "../api";
import { forgetToken, storedToken, storeToken } from "../session";
import { Login } from "./login";
import { StatusLine } from "./status";
import { Workspace } from "./workspace";

/** The console: its config first, then the login form or the signed-in user's workspace. */
export function App() {
  const [config, setConfig] = useState<ConsoleConfig | null>(null);
  const [failure, setFailure] = useState("");
  const [token, setToken] = useState(storedToken());
  const [notice, setNotice] = useState("");

  useEffect(() => {
    loadConfig().then(setConfig, (e: Error) => setFailure(e.message));
  }, []);

  const signOut = (message: string) => {
    forgetToken();
    setToken(null);
    setNotice(message);
  };
  const api = useMemo(
    () =>
      createApi({
        base: config?.apiUrl ?? "",
        token: storedToken,
        onUnauthorized: () => signOut("Sesi Anda berakhir. Silakan masuk kembali."),
      }),
    [config],
  );

  if (!config)
    return html`<main><${StatusLine} text=${failure || "Memuat…"} error=${Boolean(failure)} /></main>`;
  if (!token) {
    const signedIn = (t: string) => {
      storeToken(t);
      setNotice("");
      setToken(t);
    };
    return html`<${Login} config=${config} notice=${notice} onSignedIn=${signedIn} />`;
  }
  return html`<${Workspace} api=${api} onSignOut=${() => signOut("Anda telah keluar.")} />`;
}
