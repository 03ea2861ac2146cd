import { html } from "htm/preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ConsoleConfig } from "../api";
import { SignInError, type SignInStep } from "../cognito";
import { setNewPassword, signIn } from "../session";
import { StatusLine } from "./status";

type Challenge = Extract<SignInStep, { kind: "newPasswordRequired" }>;

/** "Masuk": user name and password, then a new password when Cognito asks for one (first login). */
export function Login(props: { config: ConsoleConfig; notice: string; onSignedIn: (token: string) => void }) {
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  // The first field takes the focus (autofocus does not apply to a form rendered after load).
  useEffect(() => form.current?.querySelector("input")?.focus(), [challenge]);

  async function attempt(run: () => Promise<SignInStep>) {
    setBusy(true);
    setError("");
    try {
      const step = await run();
      if (step.kind === "signedIn") props.onSignedIn(step.idToken);
      else setChallenge(step);
    } catch (e) {
      setError(e instanceof SignInError ? e.message : "Gagal masuk. Coba lagi.");
    } finally {
      setBusy(false);
    }
  }

  function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (challenge) {
      if (password !== String(form.get("confirm") ?? "")) {
        setError("Kedua kata sandi baru tidak sama.");
        return;
      }
      void attempt(() => setNewPassword(props.config, challenge, password));
    } else {
      void attempt(() => signIn(props.config, username, password));
    }
  }

  return html`<main class="login">
    <h1>Konsol Penagihan</h1>
    <form ref=${form} onSubmit=${submit} aria-describedby="login-status">
      ${challenge ? newPasswordFields(challenge) : credentialFields()}
      <button type="submit" disabled=${busy}>${challenge ? "Simpan kata sandi" : "Masuk"}</button>
      <div id="login-status">
        <${StatusLine} text=${error || props.notice || (busy ? "Memproses…" : "")} error=${Boolean(error)} />
      </div>
    </form>
  </main>`;
}

function credentialFields() {
  return html`<label for="username">Nama pengguna</label>
    <input id="username" name="username" autocomplete="username" required />
    <label for="password">Kata sandi</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required />`;
}

function newPasswordFields(challenge: Challenge) {
  return html`<p>Masuk pertama kali sebagai <strong>${challenge.username}</strong>: buat kata sandi baru.</p>
    <label for="password">Kata sandi baru</label>
    <input id="password" name="password" type="password" autocomplete="new-password" required />
    <label for="confirm">Ulangi kata sandi baru</label>
    <input id="confirm" name="confirm" type="password" autocomplete="new-password" required />`;
}
