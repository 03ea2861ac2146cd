import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatRupiah } from "../../console/format";
import { KADER, KADER_ADDRESS, NO_KADER_AREA, type SeededKader, seedKader } from "../support/kader-seed";
import { type ConsoleUnderTest, consoleUnderTest, IMAGES, logIn } from "./console-page";

/**
 * The "Kader JKN" section: a Gorontalo campaign started and stopped once its cases are mapped, a
 * kader roster and worklist lines put in the kader table (as the import and the hand-off would),
 * then the section read in Chromium.
 */
let target: ConsoleUnderTest;
let seeded: SeededKader;
const G = "/api/branches/GORONTALO/campaigns";

beforeAll(async () => {
  target = await consoleUnderTest();
  await target.api("spv-gorontalo", "POST", G, { period: "2026-11" });
  for (let tries = 0; ; tries++) {
    const status = await target.api<{ phase?: string }>("spv-gorontalo", "GET", `${G}/2026-11`);
    if (status.body?.phase === "SMS" || status.body?.phase === "DIALING") break;
    if (tries > 1200) throw new Error(`the campaign was not mapped: ${JSON.stringify(status.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // Stopped, so no hand-off of the running month rewrites the lines put in below.
  await target.api("spv-gorontalo", "POST", `${G}/2026-11/stop`, { reason: "uji kader" });
  seeded = await seedKader(target.up, "GORONTALO", "2026-11");
}, 240_000);

afterAll(async () => {
  await target?.close();
});

describe("the sections read only when asked", { timeout: 240_000 }, () => {
  it("asks for the participants' replies only on 'Tampilkan balasan' (each read is recorded)", async () => {
    const { page, close } = await target.open();
    const asked: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/replies")) asked.push(r.url());
    });
    await logIn(page, "spv-gorontalo", target.password);
    const section = page.getByRole("region", { name: "Balasan peserta" });
    await section.waitFor();
    await page.getByRole("region", { name: "Kader JKN" }).waitFor();
    expect(asked).toEqual([]);
    const answered = page.waitForResponse((r) => r.url().includes("/replies"));
    await section.getByRole("button", { name: "Tampilkan balasan" }).click();
    expect((await answered).status()).toBe(200);
    expect(asked).toHaveLength(1);
    await close();
  });
});

describe("the Kader JKN section", { timeout: 240_000 }, () => {
  it("loads when asked: each kader's row opens their worklist, and lines without a kader by area", async () => {
    const { page, errors, close } = await target.open();
    await logIn(page, "spv-gorontalo", target.password);
    const section = page.getByRole("region", { name: "Kader JKN" });
    await section.waitFor();
    expect(await section.locator("table").count()).toBe(0);

    await section.getByRole("button", { name: "Tampilkan daftar kunjungan" }).click();
    const row = section.locator("table.kader tbody tr").first();
    await row.waitFor();
    await expect(row.locator("th, td").allTextContents()).resolves.toEqual([
      `${KADER.name} ${KADER.kaderId}`,
      `${KADER.desa}, ${KADER.kecamatan}`,
      "1",
      "5",
      `Lihat daftar ${KADER.name}`,
    ]);

    await row.getByRole("button", { name: `Lihat daftar ${KADER.name}` }).click();
    const visited = seeded.open[0];
    const lines = section.getByRole("table", { name: `Daftar kunjungan ${KADER.name}` });
    await lines.locator("tbody tr").first().waitFor();
    await expect(lines.locator("tbody tr").first().locator("td").allTextContents()).resolves.toEqual([
      visited?.participantId,
      visited?.name,
      KADER_ADDRESS,
      `${KADER.desa}, ${KADER.kecamatan}`,
      `${visited?.monthsInArrears} bulan`,
      formatRupiah(Math.max((visited?.amountDue ?? 0) - (visited?.amountPaid ?? 0), 0)),
      visited?.virtualAccount,
      visited?.rehabEligible ? "Memenuhi syarat" : "Tidak",
      "Tidak menjawab setelah semua panggilan",
      expect.any(String),
    ]);

    await section.getByRole("heading", { name: "Belum ada kader", exact: true }).waitFor();
    const area = section.getByRole("table", {
      name: `Belum ada kader: ${NO_KADER_AREA.kecamatan}, ${NO_KADER_AREA.kabupaten}`,
    });
    const unassigned = area.locator("tbody tr").first().locator("td");
    await expect(unassigned.first().textContent()).resolves.toBe(seeded.open[1]?.participantId);
    await expect(unassigned.last().textContent()).resolves.toBe("Belum ada kader di wilayah ini");
    await page.screenshot({ path: join(IMAGES, "console-kader.png"), fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });
});
