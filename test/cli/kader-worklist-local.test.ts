import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TableNames } from "../../functions/contracts";
import type { WorklistLine } from "../../functions/domain/kader-worklist";
import { createDocumentClient } from "../../functions/store/client";
import { DynamoKaderWorklistStore } from "../../functions/store/kader-worklists";
import { once } from "../support/steps";
import { cli, cliEnv, type LocalUpProcess, REPO, startLocalUp, tempHome } from "./helpers";

// `kader worklist` against a real `telecollect local up` process: the sample roster is imported,
// two lines stand on Semarang's November worklist as a hand-off leaves them, and the command
// prints them as CSV or writes one kader's page to print.
const NOW = new Date("2026-11-20T03:00:00.000Z");
const line = (participantId: string, over: Partial<WorklistLine>): WorklistLine => ({
  campaignId: "SEMARANG#2026-11",
  branchCode: "SEMARANG",
  period: "2026-11",
  participantId,
  reason: "NOT_CONTACTABLE",
  name: "Siti Aminah",
  area: { kabupaten: "Kota Semarang", kecamatan: "Tembalang", desa: "Mekarsari" },
  address: "Jl. Mulawarman Raya No. 12",
  monthsInArrears: 26,
  amountDue: 1_234_567,
  virtualAccount: "8888800010000001",
  rehabEligible: true,
  priority: 5000,
  tried: { callAttempts: 3, lastOutcome: "NO_ANSWER", smsSent: 1, whatsappSent: 1 },
  handedOffAt: NOW.toISOString(),
  week: "2026-W47",
  ...over,
});

let home: { home: string; remove(): Promise<void> };
let up: LocalUpProcess;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  home = await tempHome();
  env = cliEnv(home.home);
  up = await startLocalUp(home.home, ["--start", "2026-11-15T01:00:00.000Z"]);
  const state = JSON.parse(await readFile(join(home.home, "local.json"), "utf8")) as {
    dynamoEndpoint: string;
    tables: TableNames;
  };
  const worklists = new DynamoKaderWorklistStore(
    createDocumentClient({ endpoint: state.dynamoEndpoint }),
    state.tables.kader,
  );
  await worklists.addLines(
    "SEMARANG#2026-11",
    [
      line("0001000000001", { kaderId: "SMG-K01" }),
      line("0001000000002", {
        name: "Budi Santoso",
        area: { kabupaten: "Kota Semarang", kecamatan: "Gayamsari" },
        reason: "MONTHS_24_PLUS",
        unassigned: "NO_KADER",
      }),
    ],
    [],
    NOW,
  );
}, 120_000);

afterAll(async () => {
  await up?.stop();
  await home?.remove();
});

const roster = once(async () =>
  cli(["kader", "import", join(REPO, "data/sample-kader.csv"), "--local"], env),
);

describe("telecollect kader worklist (local)", () => {
  it("prints the campaign's worklist as CSV, the agreed columns first, lines without a kader last", async () => {
    const run = await cli(
      ["kader", "worklist", "--branch", "SEMARANG", "--period", "2026-11", "--local"],
      env,
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const [header, first, second] = run.stdout.trim().split("\n");
    expect(header).toMatch(/^participant_id,branch_code,kecamatan,desa,kader_id,reason,months,amount_due,/);
    expect(first).toMatch(/^0001000000001,SEMARANG,Tembalang,Mekarsari,SMG-K01,NOT_CONTACTABLE,26,1234567,/);
    expect(second).toMatch(/^0001000000002,SEMARANG,Gayamsari,,,MONTHS_24_PLUS,26,1234567,/);
    expect(second).toContain(",NO_KADER,");
  });

  it("writes one kader's page to print, owner-only, and says how many lines without showing them", async () => {
    expect((await roster()).code).toBe(0);
    const out = join(home.home, "kader-SMG-K01.html");
    const run = await cli(
      ["kader", "worklist", "--branch", "SEMARANG", "--period", "2026-11", "--kader", "SMG-K01"].concat([
        "--format",
        "html",
        "--out",
        out,
        "--local",
      ]),
      env,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`1 worklist line(s) of SEMARANG 2026-11 (kader SMG-K01) written to ${out}\n`);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const html = await readFile(out, "utf8");
    expect(html).toContain("Daftar kunjungan kader JKN: Siti Rukayah");
    expect(html).toContain("<td>Siti Aminah</td><td>Mekarsari</td><td>Jl. Mulawarman Raya No. 12</td>");
    expect(html).toContain("Kader tidak pernah menerima uang.");
    expect(html).not.toContain("Budi Santoso");
  });

  it("refuses a page without --kader, and a kader not on the roster", async () => {
    const base = ["kader", "worklist", "--branch", "SEMARANG", "--period", "2026-11", "--local"];
    const noKader = await cli([...base, "--format", "html"], env);
    expect(noKader.code).toBe(2);
    expect(noKader.stderr).toContain("--format html: needs --kader ID");
    await roster();
    const unknown = await cli([...base, "--format", "html", "--kader", "SMG-K99"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("kader SMG-K99 is not on the roster of SEMARANG");
  });
});
