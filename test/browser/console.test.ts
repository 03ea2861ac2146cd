import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConsole, buildConsoleSync } from "../../console/build";
import { type ConsoleUnderTest, consoleUnderTest, figure, IMAGES, logIn } from "./console-page";

let target: ConsoleUnderTest;

beforeAll(async () => {
  target = await consoleUnderTest();
});

afterAll(async () => {
  await target?.close();
});

describe("supervisor console in headless Chromium", { timeout: 240_000 }, () => {
  it("logs in with the keyboard only; a Gorontalo supervisor never sees Jayapura, not even by asking", async () => {
    const { page, errors, outside, close } = await target.open();
    await page.locator("#username:focus").waitFor(); // the form opens with the focus on the user name
    await page.keyboard.type("spv-gorontalo");
    await page.keyboard.press("Tab");
    await page.keyboard.type(target.password);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Kantor Cabang Gorontalo WITA" }).waitFor();
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
    await close();
  });

  it("refuses a wrong password in Indonesian, and a rejected token brings the login form back", async () => {
    const { page, close } = await target.open();
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
    await close();
  });

  it("shows the national user every branch in a picker", async () => {
    const { page, close } = await target.open();
    await logIn(page, "nasional", target.password);
    await expect(page.locator("#branch option").allTextContents()).resolves.toEqual([
      "Kantor Cabang Gorontalo (WITA)",
      "Kantor Cabang Semarang (WIB)",
      "Kantor Cabang Singkawang (WIB)",
      "Kantor Cabang Jayapura (WIT)",
      "Kantor Cabang Merauke (WIT)",
    ]);
    await page.getByLabel("Cabang", { exact: true }).selectOption("JAYAPURA");
    await page.getByRole("heading", { level: 1, name: "Kantor Cabang Jayapura WIT" }).waitFor();
    await close();
  });

  it("uploads a snapshot and shows its import, rows of another branch rejected with their line", async () => {
    const { page, close } = await target.open();
    await logIn(page, "spv-gorontalo", target.password);
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
    await expect(figure(page, "imported").textContent()).resolves.toBe("2");
    await expect(figure(page, "rejected").textContent()).resolves.toBe("1");
    await expect(
      page.locator(".rejections tbody tr").first().locator("td").allTextContents(),
    ).resolves.toEqual([
      "4",
      "branch_code",
      "BRANCH_NOT_ALLOWED",
      "line 4, branch_code: 'JAYAPURA' is not one of your branches (GORONTALO)",
    ]);
    await close();
  });

  it("reads on a 360 px phone without scrolling the page sideways", { timeout: 240_000 }, async () => {
    const { page, close } = await target.open(360);
    await logIn(page, "spv-jayapura", target.password);
    await page.getByRole("button", { name: "Hitung rencana" }).click();
    await page.locator("table.plan").waitFor();
    await page.getByRole("button", { name: "Mulai kampanye" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Mulai" }).click();
    await page.getByText(/Hari penelponan [1-9]\d* dari \d+/).waitFor({ timeout: 120_000 });
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
    await close();
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
