import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CampaignReport, campaignReport } from "../../functions/domain/campaign-report";
import { renderReport } from "../../functions/reports";
import { headlines } from "../../functions/reports/figures";
import { sampleReportInput } from "../fixtures/campaign-report";

/** Debian's chromium; .ci/run installs it when missing. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(process.cwd(), "test-artifacts");

let browser: Browser;
let htmlFile: string;
let jsonFile: string;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  const report = campaignReport(sampleReportInput());
  htmlFile = join(ARTIFACTS, "report.html");
  jsonFile = join(ARTIFACTS, "report.json");
  await writeFile(htmlFile, renderReport(report, "html"));
  await writeFile(jsonFile, renderReport(report, "json"));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe("HTML report in headless Chromium", () => {
  it("opens offline without errors and shows the headline figures of report.json", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    const url = pathToFileURL(htmlFile).href;
    page.on("request", (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    await page.goto(url);

    const report = JSON.parse(await readFile(jsonFile, "utf8")) as CampaignReport;
    const shown = await page.$$eval("[data-figure]", (cards) =>
      cards.map((c) => ({
        figure: c.getAttribute("data-figure"),
        value: Number(c.getAttribute("data-value")),
        text: c.querySelector(".value")?.textContent ?? null,
      })),
    );
    const expected = headlines(report);
    expect(shown.filter((s) => s.text !== null)).toEqual(
      expected.map((h) => ({ figure: h.figure, value: h.value, text: h.text })),
    );
    for (const s of shown) {
      if (s.figure === "notContactableDetail") expect(s.value).toBe(report.total.notContactable);
      else expect(s.value).toBe(report.total[s.figure as keyof CampaignReport["total"]]);
    }
    // What a supervisor reads on the page, in Indonesian.
    await expect(page.locator('[data-figure="amountCollected"] .value').textContent()).resolves.toBe(
      "Rp220.000",
    );
    await expect(page.locator('[data-figure="contactRate"] .value').textContent()).resolves.toBe("83,3%");
    await expect(page.locator("h2").allTextContents()).resolves.toContain("Kinerja per petugas");

    await page.screenshot({ path: join(ARTIFACTS, "report.png"), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it("prints", async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(htmlFile).href);
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ format: "A4", landscape: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await page.close();
  });
});
