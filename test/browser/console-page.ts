import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { type FakeSupervisorApi, startFakeSupervisorApi } from "./fake-supervisor-api";

/** Debian's chromium; .ci/run installs it when missing. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Screenshots go to test-artifacts/; `CONSOLE_SCREENSHOTS=docs/images` retakes docs/console.md's. */
export const IMAGES = process.env.CONSOLE_SCREENSHOTS ?? join(process.cwd(), "test-artifacts");

export interface ConsoleUnderTest {
  api: FakeSupervisorApi;
  /** A fresh page at the console, polling fast; page errors and requests leaving 127.0.0.1 are collected. */
  open(width?: number): Promise<{ page: Page; errors: string[]; outside: string[]; close(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * The console served next to the supervisor API, and Chromium. The one place that says which API:
 * the fake of docs/console.md until the local runtime serves the real one.
 */
export async function consoleUnderTest(): Promise<ConsoleUnderTest> {
  await mkdir(IMAGES, { recursive: true });
  const api = await startFakeSupervisorApi();
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  return {
    api,
    async open(width = 1280) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
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
      await page.goto(`${api.url}?poll=150`);
      return { page, errors, outside, close: () => context.close() };
    },
    async close() {
      await browser.close();
      await api.close();
    },
  };
}

export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("button", { name: "Keluar" }).waitFor();
}

/** The element showing one figure (`data-figure`). */
export const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"]`).first();
