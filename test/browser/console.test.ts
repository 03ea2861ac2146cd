import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConsole, buildConsoleSync } from "../../console/build";
import { currentPeriod, periodLabel } from "../../console/format";
import { campaignReport } from "../../functions/domain/campaign-report";
import { headlines } from "../../functions/reports/figures";
import { sampleReportInput } from "../fixtures/campaign-report";
import { type FakeSupervisorApi, startFakeSupervisorApi } from "./fake-supervisor-api";

/** Debian's chromium; .ci/run installs it when missing. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Screenshots go to test-artifacts/; `CONSOLE_SCREENSHOTS=docs/images` retakes docs/console.md's. */
const IMAGES = process.env.CONSOLE_SCREENSHOTS ?? join(process.cwd(), "test-artifacts");

let browser: Browser;
let api: FakeSupervisorApi;

beforeAll(async () => {
  await mkdir(IMAGES, { recursive: true });
  api = await startFakeSupervisorApi();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

/** A fresh page at the console, polling fast; errors and requests leaving 127.0.0.1 are collected. */
async function openConsole(width = 1280) {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    acceptDownloads: true,
    locale: "id-ID",
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const outside: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().includes("status of 40")) errors.push(m.text());
  });
  page.on("request", (r) => {
    if (!/^(http:\/\/127\.0\.0\.1:|blob:|data:)/.test(r.url())) outside.push(r.url());
  });
  await page.goto(`${api.url}?poll=150`);
  return { page, context, errors, outside };
}

async function logIn(page: Page, username: string, password = api.password) {
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("button", { name: "Keluar" }).waitFor();
}

const cell = (page: Page, figure: string) => page.locator(`[data-figure="${figure}"]`).first();

describe("supervisor console in headless Chromium", () => {
  it("logs in with the keyboard only; a Gorontalo supervisor never sees Jayapura, not even by asking", async () => {
    const { page, context, errors, outside } = await openConsole();
    await page.locator("#username:focus").waitFor(); // the form opens with the focus on the user name
    await page.keyboard.type("spv-gorontalo");
    await page.keyboard.press("Tab");
    await page.keyboard.type(api.password);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Gorontalo WITA" }).waitFor();
    expect(await page.locator("#branch").count()).toBe(0);
    expect(await page.locator("body").textContent()).not.toMatch(/jayapura/i);

    const direct = await page.evaluate(async () => {
      const token = sessionStorage.getItem("telecollect.token");
      const answer = await fetch("/api/branches/JAYAPURA/campaigns", {
        headers: { authorization: `Bearer ${token}` },
      });
      return answer.status;
    });
    expect(direct).toBe(403);
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await context.close();
  });

  it("refuses a wrong password in Indonesian, and a rejected token brings the login form back", async () => {
    const { page, context } = await openConsole();
    await page.getByLabel("Nama pengguna").fill("spv-gorontalo");
    await page.getByLabel("Kata sandi").fill("salah");
    await page.getByRole("button", { name: "Masuk" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain(
      "Nama pengguna atau kata sandi salah.",
    );

    await page.evaluate(() => sessionStorage.setItem("telecollect.token", "expired"));
    await page.reload();
    await page.getByRole("button", { name: "Masuk" }).waitFor();
    await expect(page.getByRole("status").textContent()).resolves.toContain("Sesi Anda berakhir");
    await context.close();
  });

  it("shows the national user both branches in a picker", async () => {
    const { page, context } = await openConsole();
    await logIn(page, "nasional");
    await expect(page.locator("#branch option").allTextContents()).resolves.toEqual([
      "Gorontalo (WITA)",
      "Jayapura (WIT)",
    ]);
    await page.getByLabel("Cabang", { exact: true }).selectOption("JAYAPURA");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Jayapura WIT");
    await context.close();
  });

  it("uploads a snapshot and shows its import, rows of another branch rejected with their line", async () => {
    const { page, context } = await openConsole();
    await logIn(page, "spv-gorontalo");
    const csv = [
      "participant_id,name,phone,branch_code,class,months_in_arrears,arrears_amount,last_paid_period,autodebet,family_members",
      "0001000000001,Siti Rahma,+6281234567801,GORONTALO,3,5,175000,2026-06,false,1",
      "0001000000002,Budi Santoso,+6281234567802,GORONTALO,3,3,105000,2026-08,false,2",
      "0001000000003,Yohanes Wenda,+6281234567803,JAYAPURA,3,4,140000,2026-07,false,1",
    ].join("\n");
    await page.getByLabel("Berkas CSV data tunggakan").setInputFiles({
      name: "tunggakan.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    await page.getByRole("button", { name: "Unggah" }).click();
    await page.locator(".rejections").waitFor();
    await expect(cell(page, "imported").textContent()).resolves.toBe("2");
    await expect(cell(page, "rejected").textContent()).resolves.toBe("1");
    await expect(
      page.locator(".rejections tbody tr").first().locator("td").allTextContents(),
    ).resolves.toEqual([
      "4",
      "branch_code",
      "BRANCH_NOT_ALLOWED",
      "branch JAYAPURA is not one of spv-gorontalo's branches",
    ]);
    await context.close();
  });

  it("runs the month: dry run, start (confirmed), progress, stop with a reason, report, cases, CSV, record", async () => {
    const { page, context, errors, outside } = await openConsole();
    await logIn(page, "spv-gorontalo");
    const period = periodLabel(currentPeriod(new Date(), "Asia/Makassar"));
    await expect(page.locator("#period option:checked").textContent()).resolves.toBe(period);

    // Dry run: categories as in the reports, rupiah, capacity, calling days, the chart.
    await page.getByRole("button", { name: "Hitung rencana" }).click();
    await page.locator("table.plan").waitFor();
    await expect(page.locator("table.plan tbody th").allTextContents()).resolves.toEqual([
      "2-3 bulan",
      "4-6 bulan",
      "7-12 bulan",
      "13-23 bulan",
      "24+ bulan",
    ]);
    await expect(cell(page, "amountDue").textContent()).resolves.toBe("Rp174.694.567");
    await expect(cell(page, "capacity").textContent()).resolves.toContain(
      "3 petugas × 5 hari × 40 panggilan = 600 panggilan",
    );
    await expect(page.locator("ol.days li")).toBeDefined();
    expect(await page.locator("ol.days li").count()).toBe(5);
    expect(await page.locator("figure.chart canvas").getAttribute("aria-label")).toContain(
      "24+ bulan: 10 peserta",
    );
    await page.screenshot({ path: join(IMAGES, "console-dry-run.png"), fullPage: true });

    // Start, confirmed in a dialog that Escape closes.
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

    // Progress moves while the console polls.
    const phase = page.locator("[data-phase]");
    await page.locator('[data-phase="SMS"], [data-phase="DIALING"]').waitFor();
    await page.getByText("Hari penelponan 2 dari 5").waitFor();
    await expect(phase.textContent()).resolves.toBe("Penelponan");
    await expect(cell(page, "amountCollected").textContent()).resolves.toBe("Rp3.920.000");
    await expect(page.locator("text=Dimulai:").textContent()).resolves.toMatch(
      /\d{2} \w+ \d{4} \d{2}\.\d{2} WITA$/,
    );
    await page.screenshot({ path: join(IMAGES, "console-progress.png"), fullPage: true });

    // Stop: a reason is required.
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

    // The report: the HTML report's headline figures, and the page itself in a new tab.
    await page.getByRole("button", { name: "Tampilkan laporan" }).click();
    await page.locator("table.category").waitFor();
    const expected = headlines(campaignReport(sampleReportInput()));
    const shown = await page.$$eval(
      "section[aria-labelledby=report-title] dl.figures [data-figure]",
      (cards) =>
        cards.map((c) => ({
          figure: c.getAttribute("data-figure"),
          text: c.querySelector("dd")?.textContent,
        })),
    );
    expect(shown).toEqual(expected.map((h) => ({ figure: h.figure, text: h.text })));
    const [reportTab] = await Promise.all([
      context.waitForEvent("page"),
      page.getByRole("button", { name: "Buka laporan HTML" }).click(),
    ]);
    await reportTab.waitForLoadState();
    await reportTab.getByRole("heading", { name: "Kinerja per petugas" }).waitFor();
    await reportTab.close();

    // Cases: filter, then the CSV of what the filter shows.
    await page.getByRole("button", { name: "Tampilkan kasus" }).click();
    await page.locator("table.cases").waitFor();
    const all = await page.locator("table.cases tbody tr").count();
    expect(all).toBe(sampleReportInput().cases.length);
    await page.getByLabel("Status").selectOption("PAID");
    await page.getByText(/^\d+ kasus\.$/).waitFor();
    await expect(page.locator("table.cases tbody tr td:nth-child(5)").allTextContents()).resolves.toEqual([
      "Lunas",
    ]);
    await page.getByLabel("Status").selectOption("");
    await page.getByLabel("Kategori").selectOption({ label: "4-6 bulan" });
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll("table.cases tbody tr td:nth-child(4)")).every(
        (td) => td.textContent === "4-6 bulan",
      ),
    );
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Unduh CSV", exact: true }).click(),
    ]);
    const csv = await (await download.createReadStream()).toArray();
    const lines = Buffer.concat(csv).toString("utf8").trim().split("\n");
    expect(lines[0]).toMatch(/^campaign_id,participant_id,name,phone,/);
    expect(lines.slice(1).every((l) => l.includes(",M04_06,"))).toBe(true);
    expect(lines.slice(1).every((l) => !/\d{13}/.test(l))).toBe(true);
    await page.screenshot({ path: join(IMAGES, "console-cases.png"), fullPage: true });

    // The branch's record names who started and stopped it.
    await page.getByRole("button", { name: "Perbarui catatan" }).click();
    await page.locator("table.audit td", { hasText: "Buka daftar kasus" }).first().waitFor();
    const actions = await page.locator("table.audit tbody td:nth-child(3)").allTextContents();
    expect(actions).toEqual(
      expect.arrayContaining(["Mulai kampanye", "Hentikan kampanye", "Buka laporan", "Buka daftar kasus"]),
    );
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await context.close();
  });

  it("reads on a 360 px phone without scrolling the page sideways", async () => {
    const { page, context } = await openConsole(360);
    await logIn(page, "spv-jayapura");
    await page.getByRole("button", { name: "Hitung rencana" }).click();
    await page.locator("table.plan").waitFor();
    await page.getByRole("button", { name: "Mulai kampanye" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Mulai" }).click();
    await page.getByText("Hari penelponan 2 dari 5").waitFor();
    await page.getByRole("button", { name: "Tampilkan laporan" }).click();
    await page.locator("table.category").waitFor();
    await page.getByRole("button", { name: "Tampilkan kasus" }).click();
    await page.locator("table.cases").waitFor();
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
    }));
    const wide = await page.evaluate(() =>
      Array.from(document.querySelectorAll("body *"))
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .filter((e) => !e.closest(".table-box"))
        .map((e) => `${e.tagName}.${e.className}`),
    );
    expect(wide).toEqual([]);
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    await page.screenshot({ path: join(IMAGES, "console-phone.png"), fullPage: true });
    await context.close();
  });
});

describe("console build", () => {
  it("writes for CDK the same files it serves from memory, the page naming its script and stylesheet", async () => {
    const dir = await mkdtemp(join(tmpdir(), "console-"));
    try {
      buildConsoleSync(dir);
      const served = await buildConsole();
      expect((await readdir(dir)).sort()).toEqual(["app.css", "app.js", "index.html"]);
      for (const [path, file] of served) expect(await readFile(join(dir, path))).toEqual(file.body);
      const page = served.get("/index.html")?.body.toString() ?? "";
      expect(page).toMatch(/<html lang="id">/);
      expect(page).toMatch(/src="\.\/app\.js\?v=[0-9a-f]{12}"/);
      expect(page).toMatch(/href="\.\/app\.css\?v=[0-9a-f]{12}"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
