import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCount, formatRupiah, periodLabel } from "../../console/format";
import type { CampaignPlan } from "../../functions/domain/campaign-plan";
import type { CampaignReport } from "../../functions/domain/campaign-report";
import { headlines } from "../../functions/reports/figures";
import { type ConsoleUnderTest, consoleUnderTest, figure, IMAGES, logIn } from "./console-page";

/**
 * One supervisor's month in one page against the local runtime, step after step (each step starts
 * where the last ended); what the page shows is checked against what the API answers.
 */
let target: ConsoleUnderTest;
let session: Awaited<ReturnType<ConsoleUnderTest["open"]>>;
let page: Page;
const G = "/api/branches/GORONTALO/campaigns";
const period = periodLabel("2026-11");

beforeAll(async () => {
  target = await consoleUnderTest();
  session = await target.open();
  page = session.page;
  await logIn(page, "spv-gorontalo", target.password);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await target?.close();
});

describe.sequential("a Gorontalo supervisor's month in the console", { timeout: 240_000 }, () => {
  it("opens on the runtime's current month where the branch is", async () => {
    await expect(page.locator("#period option:checked").textContent()).resolves.toBe(period);
  });

  it("dry run: categories as in the reports, rupiah, capacity, calling days, the chart", async () => {
    await page.getByRole("button", { name: "Hitung rencana" }).click();
    await page.locator("table.plan").waitFor();
    await expect(page.locator("table.plan tbody th").allTextContents()).resolves.toEqual([
      "2-3 bulan",
      "4-6 bulan",
      "7-12 bulan",
      "13-23 bulan",
      "24+ bulan",
    ]);
    const { plan } = (
      await target.api<{ plan: CampaignPlan }>("nasional", "POST", G, { period: "2026-11", dryRun: true })
    ).body;
    await expect(figure(page, "amountDue").textContent()).resolves.toBe(formatRupiah(plan.total.amountDue));
    const c = plan.capacity;
    await expect(figure(page, "capacity").textContent()).resolves.toContain(
      `${c.agents} petugas × ${c.callingDays} hari × ${c.callsPerAgentDay} panggilan = ${formatCount(c.calls)} panggilan`,
    );
    await expect(figure(page, "capacity").textContent()).resolves.toContain(
      `${formatCount(plan.total.callable)} peserta × ${plan.attemptsPerCase} percobaan`,
    );
    // The strategy's own minimum, not a fixed one: a deployment may configure it.
    await expect(figure(page, "below").textContent()).resolves.toBe(
      `Di bawah ${plan.minMonths} bulan tunggakan (tidak dipetakan): ${formatCount(plan.belowMinMonths)} peserta.`,
    );
    expect(await page.locator("ol.days li").count()).toBe(plan.callingDays.length);
    await expect(page.locator("ol.days li").first().textContent()).resolves.toMatch(
      /^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu), \d{1,2} November 2026$/,
    );
    const oldest = plan.buckets.find((b) => b.label === "24+ bulan");
    expect(await page.locator("figure.chart canvas").getAttribute("aria-label")).toContain(
      `24+ bulan: ${oldest?.participants} peserta`,
    );
    await page.screenshot({ path: join(IMAGES, "console-dry-run.png"), fullPage: true });
  });

  it("starts only after confirming in a dialog that Escape closes", async () => {
    await page.getByRole("button", { name: "Mulai kampanye" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("heading").textContent()).resolves.toBe(
      `Mulai kampanye Kantor Cabang Gorontalo ${period}?`,
    );
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Mulai kampanye" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Mulai" }).click();
    await page.getByText("Kampanye dimulai.").waitFor();
  });

  it("shows the progress moving while the console polls, times in WITA", async () => {
    await page.locator('[data-phase="DIALING"]').waitFor({ timeout: 120_000 });
    await page.getByText(/Hari penelponan [1-9]\d* dari \d+/).waitFor();
    await expect(page.locator("[data-phase]").textContent()).resolves.toBe("Penelponan");
    await expect(figure(page, "amountCollected").textContent()).resolves.toMatch(/^Rp\d{1,3}(\.\d{3})*$/);
    // WhatsApp first: the cases reminded far outnumber those sent an SMS.
    const count = async (name: string) =>
      Number((await figure(page, name).textContent())?.replace(/\./g, ""));
    expect(await count("reminded")).toBeGreaterThan(await count("smsSent"));
    await expect(page.locator("text=Dimulai:").textContent()).resolves.toMatch(
      /\d{2} \w+ \d{4} \d{2}\.\d{2} WITA$/,
    );
    await page.screenshot({ path: join(IMAGES, "console-progress.png"), fullPage: true });
  });

  it("stops with a reason, which is required", async () => {
    await page.getByRole("button", { name: "Hentikan kampanye" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Hentikan" }).click();
    await page.getByText("Alasan wajib diisi.").waitFor();
    await page.getByLabel("Alasan", { exact: true }).fill("Data tunggakan perlu diperiksa ulang");
    await page.getByRole("dialog").getByRole("button", { name: "Hentikan" }).click();
    await page.locator('[data-phase="STOPPED"]').waitFor();
    await expect(page.locator(".stopped").textContent()).resolves.toMatch(
      /^Dihentikan oleh spv-gorontalo pada .* WITA: Data tunggakan perlu diperiksa ulang$/,
    );
    expect(await page.getByRole("button", { name: "Hentikan kampanye" }).count()).toBe(0);
  });

  it("shows the HTML report's headline figures, and opens the report page itself", {
    timeout: 120_000,
  }, async () => {
    // Payments still arrive after a stop (participants pay when they pay): wait until they settle.
    const reportNow = async () =>
      JSON.stringify((await target.api("spv-gorontalo", "GET", `${G}/2026-11/report`)).body, (k, v) =>
        k === "generatedAt" ? undefined : v,
      );
    for (let last = "", now = await reportNow(); now !== last; ) {
      await new Promise((r) => setTimeout(r, 1000));
      [last, now] = [now, await reportNow()];
    }
    await page.getByRole("button", { name: "Tampilkan laporan" }).click();
    await page.locator("table.category").waitFor();
    const shown = await page.$$eval(
      "section[aria-labelledby=report-title] dl.figures [data-figure]",
      (cards) =>
        cards.map((c) => ({
          figure: c.getAttribute("data-figure"),
          text: c.querySelector("dd")?.textContent,
        })),
    );
    // The stopped campaign's figures, as the API reports them now.
    const report = (await target.api<CampaignReport>("spv-gorontalo", "GET", `${G}/2026-11/report`)).body;
    expect(shown).toEqual(headlines(report).map((h) => ({ figure: h.figure, text: h.text })));
    const [reportTab] = await Promise.all([
      page.context().waitForEvent("page"),
      page.getByRole("button", { name: "Buka laporan HTML" }).click(),
    ]);
    await reportTab.getByRole("heading", { name: "Kinerja per petugas" }).waitFor();
    await reportTab.close();
  });

  it("filters the cases by status and category", async () => {
    await page.getByRole("button", { name: "Tampilkan kasus" }).click();
    await page.locator("table.cases").waitFor();
    const all = (await target.api<{ count: number }>("spv-gorontalo", "GET", `${G}/2026-11/cases`)).body
      .count;
    expect(await page.locator("table.cases tbody tr").count()).toBe(all);
    // Wait for the filtered answer itself: the count line of the unfiltered list may already match.
    await Promise.all([
      page.waitForResponse((r) => r.url().includes("/cases?") && r.url().includes("status=PAID")),
      page.getByLabel("Status", { exact: true }).selectOption("PAID"),
    ]);
    await page.getByText(/^[\d.]+ kasus\.$/).waitFor();
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll("table.cases tbody td:nth-child(5)")).every(
        (td) => td.textContent === "Lunas",
      ),
    );
    const paid = await page.locator("table.cases tbody td:nth-child(5)").allTextContents();
    expect(paid.length).toBeGreaterThan(0);
    expect(new Set(paid)).toEqual(new Set(["Lunas"]));
    await page.getByLabel("Status", { exact: true }).selectOption("");
    await page.getByLabel("Kategori").selectOption({ label: "4-6 bulan" });
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll("table.cases tbody td:nth-child(4)")).every(
        (td) => td.textContent === "4-6 bulan",
      ),
    );
    expect(await page.locator("table.cases tbody tr").count()).toBeGreaterThan(0);
  });

  it("downloads the filtered cases as CSV, masked", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Unduh CSV", exact: true }).click(),
    ]);
    const lines = Buffer.concat(await (await download.createReadStream()).toArray())
      .toString("utf8")
      .trim()
      .split("\n");
    expect(lines[0]).toMatch(/^campaign_id,participant_id,name,phone,/);
    expect(lines.length).toBe(1 + (await page.locator("table.cases tbody tr").count()));
    expect(lines.slice(1).every((l) => l.includes(",M04_06,") && !/\d{13}/.test(l))).toBe(true);
    await page.screenshot({ path: join(IMAGES, "console-cases.png"), fullPage: true });
  });

  it("shows the answer to the last filter chosen, even when an earlier answer arrives after it", async () => {
    // Every case is asked for first and its answer held back until the category's has been shown.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const everyCase = /\/cases\?status=&bucket=&format=json$/;
    await page.route(everyCase, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByLabel("Kategori").selectOption("");
    await page.getByLabel("Kategori").selectOption({ label: "7-12 bulan" });
    const onlyCategory = () =>
      page.waitForFunction(() =>
        Array.from(document.querySelectorAll("table.cases tbody td:nth-child(4)")).every(
          (td) => td.textContent === "7-12 bulan",
        ),
      );
    await onlyCategory();
    const late = page.waitForResponse((r) => everyCase.test(r.url()));
    release();
    await late;
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    const shown = await page.locator("table.cases tbody td:nth-child(4)").allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set(["7-12 bulan"]));
    await page.unroute(everyCase);
  });

  it("shows the branch's record: who started and stopped, who read the report and the cases", async () => {
    await page.getByRole("button", { name: "Perbarui catatan" }).click();
    await page.locator("table.audit td", { hasText: "Buka daftar kasus" }).first().waitFor();
    const actions = await page.locator("table.audit tbody td:nth-child(3)").allTextContents();
    expect(actions).toEqual(
      expect.arrayContaining(["Mulai kampanye", "Hentikan kampanye", "Buka laporan", "Buka daftar kasus"]),
    );
    expect(session.errors).toEqual([]);
    expect(session.outside).toEqual([]);
  });
});
