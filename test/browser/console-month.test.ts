import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentPeriod, periodLabel } from "../../console/format";
import { campaignReport } from "../../functions/domain/campaign-report";
import { headlines } from "../../functions/reports/figures";
import { sampleReportInput } from "../fixtures/campaign-report";
import { type ConsoleUnderTest, consoleUnderTest, figure, IMAGES, logIn } from "./console-page";

/** One supervisor's month in one page, step after step (each step starts where the last ended). */
let target: ConsoleUnderTest;
let session: Awaited<ReturnType<ConsoleUnderTest["open"]>>;
let page: Page;
const period = periodLabel(currentPeriod(new Date(), "Asia/Makassar"));

beforeAll(async () => {
  target = await consoleUnderTest();
  session = await target.open();
  page = session.page;
  await logIn(page, "spv-gorontalo", target.api.password);
});

afterAll(async () => {
  await session?.close();
  await target?.close();
});

describe.sequential("a Gorontalo supervisor's month in the console", () => {
  it("opens on the current month where the branch is", async () => {
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
    await expect(figure(page, "amountDue").textContent()).resolves.toBe("Rp174.694.567");
    await expect(figure(page, "capacity").textContent()).resolves.toContain(
      "3 petugas × 5 hari × 40 panggilan = 600 panggilan",
    );
    expect(await page.locator("ol.days li").count()).toBe(5);
    await expect(page.locator("ol.days li").first().textContent()).resolves.toMatch(
      /^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), 14 \w+ \d{4}$/,
    );
    expect(await page.locator("figure.chart canvas").getAttribute("aria-label")).toContain(
      "24+ bulan: 10 peserta",
    );
    await page.screenshot({ path: join(IMAGES, "console-dry-run.png"), fullPage: true });
  });

  it("starts only after confirming in a dialog that Escape closes", async () => {
    await page.getByRole("button", { name: "Mulai kampanye" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("heading").textContent()).resolves.toBe(
      `Mulai kampanye Gorontalo ${period}?`,
    );
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Mulai kampanye" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Mulai" }).click();
    await page.getByText("Kampanye dimulai.").waitFor();
  });

  it("shows the progress moving while the console polls, times in WITA", async () => {
    await page.locator('[data-phase="SMS"], [data-phase="DIALING"]').waitFor();
    await page.getByText("Hari penelponan 2 dari 5").waitFor();
    await expect(page.locator("[data-phase]").textContent()).resolves.toBe("Penelponan");
    await expect(figure(page, "amountCollected").textContent()).resolves.toBe("Rp3.920.000");
    await expect(page.locator("text=Dimulai:").textContent()).resolves.toMatch(
      /\d{2} \w+ \d{4} \d{2}\.\d{2} WITA$/,
    );
    await page.screenshot({ path: join(IMAGES, "console-progress.png"), fullPage: true });
  });

  it("stops with a reason, which is required", async () => {
    await page.getByRole("button", { name: "Hentikan kampanye" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Hentikan" }).click();
    await page.getByText("Alasan wajib diisi.").waitFor();
    await page.getByLabel("Alasan").fill("Data tunggakan perlu diperiksa ulang");
    await page.getByRole("dialog").getByRole("button", { name: "Hentikan" }).click();
    await page.locator('[data-phase="STOPPED"]').waitFor();
    await expect(page.locator(".stopped").textContent()).resolves.toMatch(
      /^Dihentikan oleh spv-gorontalo pada .* WITA: Data tunggakan perlu diperiksa ulang$/,
    );
    expect(await page.getByRole("button", { name: "Hentikan kampanye" }).count()).toBe(0);
  });

  it("shows the HTML report's headline figures, and opens the report page itself", async () => {
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
    const expected = headlines(campaignReport(sampleReportInput()));
    expect(shown).toEqual(expected.map((h) => ({ figure: h.figure, text: h.text })));
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
    expect(await page.locator("table.cases tbody tr").count()).toBe(sampleReportInput().cases.length);
    await page.getByLabel("Status").selectOption("PAID");
    await page.getByText("1 kasus.").waitFor();
    await expect(page.locator("table.cases tbody td:nth-child(5)").allTextContents()).resolves.toEqual([
      "Lunas",
    ]);
    await page.getByLabel("Status").selectOption("");
    await page.getByLabel("Kategori").selectOption({ label: "4-6 bulan" });
    await page.getByText("3 kasus.").waitFor();
    await expect(page.locator("table.cases tbody td:nth-child(4)").allTextContents()).resolves.toEqual([
      "4-6 bulan",
      "4-6 bulan",
      "4-6 bulan",
    ]);
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
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).every((l) => l.includes(",M04_06,") && !/\d{13}/.test(l))).toBe(true);
    await page.screenshot({ path: join(IMAGES, "console-cases.png"), fullPage: true });
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
