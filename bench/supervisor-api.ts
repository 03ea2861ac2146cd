import { readFile } from "node:fs/promises";
import { chromium } from "playwright-core";
import { buildConsole } from "../console/build";
import { type LocalUp, startLocalUp } from "../local/up";
import { type Benchmark, type Figure, timed } from "./harness";

const REQUESTS = 200;
const PAGE_LOADS = 10;
const PASSWORD = "bench-kata-sandi";
const CAMPAIGN = "/api/branches/GORONTALO/campaigns";

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; text: string }>;

async function caller(up: LocalUp, username: string): Promise<Call> {
  const session = await fetch(new URL("/api/session", up.consoleUrl), {
    method: "POST",
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const { token } = (await session.json()) as { token: string };
  return async (method, path, body) => {
    const res = await fetch(new URL(path, up.consoleUrl), {
      method,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, text: await res.text() };
  };
}

/** The sample snapshot through the API, then Gorontalo's November mapped and stopped: a month's cases to read. */
async function prepare(call: Call): Promise<void> {
  const created = JSON.parse((await call("POST", "/api/snapshots", { filename: "sample.csv" })).text);
  await fetch(created.uploadUrl, { method: "PUT", body: await readFile("data/sample-arrears.csv") });
  while (JSON.parse((await call("GET", `/api/snapshots/${created.uploadId}`)).text).status === "PENDING") {
    await new Promise((r) => setTimeout(r, 100));
  }
  await call("POST", CAMPAIGN, { period: "2026-11" });
  while (!["DIALING", "CLOSED"].includes(JSON.parse((await call("GET", `${CAMPAIGN}/2026-11`)).text).phase)) {
    await new Promise((r) => setTimeout(r, 200));
  }
  await call("POST", `${CAMPAIGN}/2026-11/stop`, { reason: "bench" });
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/** p50 and p95 of one request repeated one after another, as one supervisor's console sends them. */
async function latency(call: Call, method: string, path: string, body?: unknown) {
  const ms: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const { ms: took, result } = await timed(() => call(method, path, body));
    if (result.status >= 300) throw new Error(`${method} ${path}: ${result.status} ${result.text}`);
    ms.push(took);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

/** Median milliseconds from navigation to `ready` on a fresh page. */
async function pageLoad(url: string, ready: string, logIn: boolean): Promise<number> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const times: number[] = [];
    for (let i = 0; i < PAGE_LOADS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(url);
      if (logIn) {
        await page.getByLabel("Nama pengguna").fill("spv-gorontalo");
        await page.getByLabel("Kata sandi").fill(PASSWORD);
        await page.getByRole("button", { name: "Masuk" }).click();
      }
      await page.locator(ready).first().waitFor();
      times.push(performance.now() - started);
      await context.close();
    }
    times.sort((a, b) => a - b);
    return percentile(times, 50);
  } finally {
    await browser.close();
  }
}

export const supervisorApiBench: Benchmark = {
  name: "supervisor-api",
  description: `the supervisor API on the local runtime (${REQUESTS} sequential requests per route, after Gorontalo's sample month was mapped) and the console's load in Chromium (median of ${PAGE_LOADS}); baselines: GET /api/me and the static HTML report`,
  async run(): Promise<Figure[]> {
    const up = await startLocalUp({
      start: new Date("2026-11-11T01:00:00Z"),
      seed: 20261101,
      password: PASSWORD,
      consoleFiles: await buildConsole(),
      onShutdownRequest: () => undefined,
    });
    try {
      const call = await caller(up, "spv-gorontalo");
      await prepare(await caller(up, "nasional"));
      const me = await latency(call, "GET", "/api/me");
      const routes: [string, string, string, unknown?][] = [
        ["status", "GET", `${CAMPAIGN}/2026-11`],
        ["cases", "GET", `${CAMPAIGN}/2026-11/cases`],
        ["report", "GET", `${CAMPAIGN}/2026-11/report`],
        ["dry-run", "POST", CAMPAIGN, { period: "2026-11", dryRun: true }],
      ];
      const figures: Figure[] = [
        { figure: "me p50", value: me.p50, unit: "ms" },
        { figure: "me p95", value: me.p95, unit: "ms" },
      ];
      for (const [name, method, path, body] of routes) {
        const { p50, p95 } = await latency(call, method, path, body);
        figures.push(
          { figure: `${name} p50`, value: p50, unit: "ms" },
          { figure: `${name} p95`, value: p95, unit: "ms" },
          { figure: `${name} p95 ratio`, value: p95 / me.p95, unit: "x" },
        );
      }
      const reportUrl = new URL(`${CAMPAIGN}/2026-11/report?format=html`, up.consoleUrl);
      const reportHtml = (await call("GET", reportUrl.pathname + reportUrl.search)).text;
      const staticReport = `data:text/html;base64,${Buffer.from(reportHtml).toString("base64")}`;
      const report = await pageLoad(staticReport, "h1", false);
      const login = await pageLoad(up.consoleUrl, "#username", false);
      const signedIn = await pageLoad(up.consoleUrl, "#branch-title", true);
      figures.push(
        { figure: "html report load", value: report, unit: "ms" },
        { figure: "console login form load", value: login, unit: "ms" },
        { figure: "console login form ratio", value: login / report, unit: "x" },
        { figure: "console signed in", value: signedIn, unit: "ms" },
      );
      return figures;
    } finally {
      await up.stop();
    }
  },
};
