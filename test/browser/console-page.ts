import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { buildConsole } from "../../console/build";
import { type LocalUp, startLocalUp } from "../../local/up";

/** Debian's chromium; .ci/run installs it when missing. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Screenshots go to test-artifacts/; `CONSOLE_SCREENSHOTS=docs/images` retakes docs/console.md's. */
export const IMAGES = process.env.CONSOLE_SCREENSHOTS ?? join(process.cwd(), "test-artifacts");
export const PASSWORD = "kata-sandi-konsol";
/** The local runtime's clock starts here: November 2026 is the month on screen. */
export const RUNTIME_START = new Date("2026-11-11T01:00:00Z");

export interface ConsoleUnderTest {
  up: LocalUp;
  url: string;
  password: string;
  /** Calls the API as `user`, as the console would. */
  api<T = unknown>(
    user: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  /** A fresh page at the console, polling fast; page errors and requests leaving 127.0.0.1 are collected. */
  open(width?: number): Promise<{ page: Page; errors: string[]; outside: string[]; close(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * The real thing: `telecollect local up`'s runtime in this process (DynamoDB Local, the supervisor
 * API, the console's build), its participants imported from the sample snapshot by `nasional`,
 * and Chromium.
 */
export async function consoleUnderTest(): Promise<ConsoleUnderTest> {
  await mkdir(IMAGES, { recursive: true });
  const up = await startLocalUp({
    start: RUNTIME_START,
    seed: 20261101,
    password: PASSWORD,
    consoleFiles: await buildConsole(),
    onShutdownRequest: () => undefined,
  });
  const tokens = new Map<string, string>();
  const api: ConsoleUnderTest["api"] = async (user, method, path, body) => {
    if (!tokens.has(user)) {
      const session = await fetch(new URL("/api/session", up.consoleUrl), {
        method: "POST",
        body: JSON.stringify({ username: user, password: PASSWORD }),
      });
      tokens.set(user, ((await session.json()) as { token: string }).token);
    }
    const res = await fetch(new URL(path, up.consoleUrl), {
      method,
      headers: { authorization: `Bearer ${tokens.get(user)}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as never };
  };
  await importSample(api);
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  return {
    up,
    url: up.consoleUrl,
    password: PASSWORD,
    api,
    async open(width = 1280) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
      // The runtime shares the machine with the rest of the test run: waits allow for a busy one.
      context.setDefaultTimeout(90_000);
      const page = await context.newPage();
      const errors: string[] = [];
      const outside: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        // Chromium logs every 4xx answer; the tests provoke some on purpose.
        if (m.type() === "error" && !m.text().includes("status of 40")) errors.push(m.text());
      });
      page.on("request", (r) => {
        if (!/^(http:\/\/127\.0\.0\.1:|blob:|data:)/.test(r.url())) outside.push(r.url());
      });
      await page.goto(`${up.consoleUrl}?poll=150`);
      return { page, errors, outside, close: () => context.close() };
    },
    async close() {
      await browser.close();
      await up.stop();
    },
  };
}

/** The sample snapshot, every branch, uploaded as a national user would. */
async function importSample(api: ConsoleUnderTest["api"]): Promise<void> {
  const created = await api<{ uploadId: string; uploadUrl: string }>("nasional", "POST", "/api/snapshots", {
    filename: "sample-arrears.csv",
  });
  const csv = await readFile(join(process.cwd(), "data/sample-arrears.csv"));
  await fetch(created.body.uploadUrl, { method: "PUT", body: csv });
  for (let tries = 0; tries < 600; tries++) {
    const upload = await api<{ status: string }>(
      "nasional",
      "GET",
      `/api/snapshots/${created.body.uploadId}`,
    );
    if (upload.body.status === "DONE") return;
    if (upload.body.status === "FAILED")
      throw new Error(`sample import failed: ${JSON.stringify(upload.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the sample import did not finish");
}

export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
  // "Keluar" shows at once; the user's name only once /api/me has answered and the branches exist.
  await page.locator(".user", { hasText: username }).waitFor();
}

/** The element showing one figure (`data-figure`). */
export const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"]`).first();
