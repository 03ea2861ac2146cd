import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TableNames } from "../../functions/contracts";
import { createDocumentClient } from "../../functions/store/client";
import { DynamoKaderStore } from "../../functions/store/kader";
import { once } from "../support/steps";
import { cli, cliEnv, type LocalUpProcess, REPO, startLocalUp, tempHome } from "./helpers";

// `kader import` against a real `telecollect local up` process. The sample roster goes in first,
// then a file with bad rows replaces Jayapura's roster, then a file with nothing valid is refused:
// each test runs alone or in any order and looks at the outcome of its step.
const HEADER = "kader_id,name,phone,branch_code,kecamatan,desa,capacity_per_week";

let home: { home: string; remove(): Promise<void> };
let up: LocalUpProcess;
let env: NodeJS.ProcessEnv;
let store: DynamoKaderStore;

beforeAll(async () => {
  home = await tempHome();
  env = cliEnv(home.home);
  up = await startLocalUp(home.home, ["--start", "2026-11-15T01:00:00.000Z"]);
  const state = JSON.parse(await readFile(join(home.home, "local.json"), "utf8")) as {
    dynamoEndpoint: string;
    tables: TableNames;
  };
  store = new DynamoKaderStore(createDocumentClient({ endpoint: state.dynamoEndpoint }), state.tables.kader);
}, 120_000);

afterAll(async () => {
  await up?.stop();
  await home?.remove();
});

const sample = once(async () =>
  cli(["kader", "import", join(REPO, "data/sample-kader.csv"), "--local"], env),
);

const replaced = once(async () => {
  await sample();
  const file = join(home.home, "jayapura.csv");
  await writeFile(
    file,
    [
      HEADER,
      "JPR-K01,Yuliana Wenda,082246230393,JAYAPURA,Abepura,Tanjung Harapan,15",
      "JPR-K09,Markus Yoku,0967-533112,JAYAPURA,Heram,,10",
      "JPR-K10,Hendrika Ohee,0813-0461-9851,JAYAPURA,Heram,,0",
      "JPR-K11,Siti Aisyah,085283804580,JAYAPURA,Muara Tami,,12",
      "",
    ].join("\n"),
  );
  return cli(["kader", "import", file, "--local", "--json"], env);
});

const refused = once(async () => {
  await replaced();
  const file = join(home.home, "bad.csv");
  await writeFile(file, `${HEADER}\nSKW-K01,Lim Mei Hwa,12,SINGKAWANG,Singkawang Barat,,15\n`);
  return cli(["kader", "import", file, "--local"], env);
});

describe("telecollect kader import (local)", () => {
  it("imports the sample roster: counts per branch and kecamatan, no name or phone printed", async () => {
    const run = await sample();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Kader roster: 21 row(s) read");
    expect(run.stdout).toMatch(/imported: +21\n +rejected: +0/);
    expect(run.stdout).toContain("JAYAPURA: roster replaced, 5 kader (0 no longer listed, removed)");
    expect(run.stdout).toMatch(/ Abepura +2\n/);
    expect(run.stdout).not.toMatch(/Wenda|Rukayah|0812|\+628/);
    expect((await store.listRoster("SEMARANG")).map((k) => k.kaderId)).toEqual([
      "SMG-K01",
      "SMG-K02",
      "SMG-K03",
      "SMG-K04",
      "SMG-K05",
      "SMG-K06",
    ]);
  });

  it("a second file replaces only its branch's roster; bad rows are listed by line, field and reason", async () => {
    const run = await replaced();
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ read: 4, imported: 2, rejected: 2 });
    expect(summary.rejections).toEqual([
      {
        line: 3,
        field: "phone",
        reason: "INVALID_PHONE",
        message: "line 3, phone: is not a mobile number",
      },
      {
        line: 4,
        field: "capacity_per_week",
        reason: "INVALID_CAPACITY",
        message: "line 4, capacity_per_week: '0' is not a whole number from 1 to 200",
      },
    ]);
    expect(summary.byBranch).toEqual({
      JAYAPURA: { written: 2, removed: 4, byKecamatan: { Abepura: 1, "Muara Tami": 1 } },
    });
    expect((await store.listRoster("JAYAPURA")).map((k) => k.kaderId)).toEqual(["JPR-K01", "JPR-K11"]);
    expect(await store.listRoster("SEMARANG")).toHaveLength(6);
  });

  it("refuses a file with no valid row, in full, and changes nothing", async () => {
    const run = await refused();
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("no valid kader in 1 row(s); nothing imported");
    expect(run.stderr).toContain("line 2, phone: is not a usable Indonesian number");
    expect(await store.listRoster("SINGKAWANG")).toHaveLength(5);
  });
});
