import { readFile, stat, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { run } from "../../cli/run";
import { maskName } from "../../functions/domain/masking";
import { caseRow, renderCasesCsv } from "../../functions/reports/cases";
import { DynamoCaseStore } from "../../functions/store/cases";
import { allCases } from "../../functions/store/cursor";
import {
  buildParticipantScene,
  DUE,
  ERASED_ID,
  identifiersFound,
  NAME,
  PHONE,
  scanAll,
} from "../integration/participant-data-fixture";
import { freshTables } from "../integration/tables";
import { tempHome } from "./helpers";

// `participant export` and `participant erase` as a user runs them with --local, in-process: a
// local.json names fresh tables on the run's DynamoDB Local and a control API that answers the clock.
const NOW = "2026-12-06T02:00:00.000Z";

let clock: Server;
let controlUrl: string;
let home: Awaited<ReturnType<typeof tempHome>>;
let db: Awaited<ReturnType<typeof freshTables>>;

beforeAll(async () => {
  clock = createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ now: NOW }));
  });
  await new Promise<void>((resolve) => clock.listen(0, "127.0.0.1", resolve));
  controlUrl = `http://127.0.0.1:${(clock.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => clock.close(resolve));
  await home?.remove();
});

beforeEach(async () => {
  await home?.remove();
  home = await tempHome();
  db = await freshTables();
  await buildParticipantScene(db.doc, db.tables);
  const state = {
    pid: process.pid,
    startedAt: NOW,
    controlUrl,
    token: "0123456789abcdef0123",
    dynamoEndpoint: db.endpoint,
    webhookUrl: "http://127.0.0.1:9/",
    consoleUrl: "http://127.0.0.1:9/",
    tables: db.tables,
  };
  await writeFile(join(home.home, "local.json"), JSON.stringify(state));
});

async function telecollect(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { TELECOLLECT_HOME: home.home },
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("telecollect participant export", () => {
  it("asks why before reading anything, and records the read with who, when and why", async () => {
    const noReason = await telecollect("participant", "export", ERASED_ID, "--local", "--stdout");
    expect(noReason).toMatchObject({ code: 2, stdout: "" });
    expect(noReason.stderr).toContain("--reason: required");
    const printed = await telecollect(
      "participant",
      "export",
      ERASED_ID,
      "--reason",
      "surat 17/PDP",
      "--by",
      "dpo",
      "--local",
      "--stdout",
    );
    expect(printed.code, printed.stderr).toBe(0);
    const records = ((await scanAll(db.doc, db.tables)).audit ?? []).filter((item) =>
      String(item.what ?? "").startsWith("participant export"),
    );
    expect(records).toEqual([
      expect.objectContaining({
        username: "dpo",
        what: `participant export *********${ERASED_ID.slice(-4)}`,
        reason: "surat 17/PDP",
        participants: 1,
        at: NOW,
      }),
    ]);
    // The participant's next export lists who read their data, and why.
    const next = await telecollect(
      "participant",
      "export",
      ERASED_ID,
      "--reason",
      "salinan kedua",
      "--local",
      "--stdout",
    );
    expect(JSON.parse(next.stdout).auditRecords).toContainEqual(
      expect.objectContaining({ username: "dpo", reason: "surat 17/PDP", participantId: ERASED_ID }),
    );
  });

  it("refuses to print personal data to the terminal unless asked with --stdout", async () => {
    const refused = await telecollect(
      "participant",
      "export",
      ERASED_ID,
      "--reason",
      "permintaan peserta",
      "--local",
    );
    expect(refused).toMatchObject({ code: 2, stdout: "" });
    expect(refused.stderr).toContain("--out FILE, or pass --stdout");
    const printed = await telecollect(
      "participant",
      "export",
      ERASED_ID,
      "--reason",
      "permintaan peserta",
      "--local",
      "--stdout",
    );
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout).participant).toMatchObject({ name: NAME, phone: PHONE });
  });

  it("--out writes the document readable by the user only, and never overwrites", async () => {
    const file = join(home.home, "export.json");
    const written = await telecollect(
      "participant",
      "export",
      ERASED_ID,
      "--reason",
      "permintaan peserta",
      "--local",
      "--out",
      file,
    );
    expect(written.code).toBe(0);
    expect(written.stdout).toContain("2 case(s), 15 interaction(s), 4 payment(s)");
    expect(written.stdout).not.toContain(ERASED_ID);
    expect(JSON.parse(await readFile(file, "utf8")).cases).toHaveLength(2);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await telecollect(
      "participant",
      "export",
      ERASED_ID,
      "--reason",
      "permintaan peserta",
      "--local",
      "--out",
      file,
    );
    expect(again).toMatchObject({ code: 1 });
    expect(again.stderr).toContain("never overwritten");
  });
});

describe("telecollect participant erase", () => {
  it("without --yes prints what it would erase, writes nothing and exits 1", async () => {
    const before = await scanAll(db.doc, db.tables);
    const result = await telecollect("participant", "erase", ERASED_ID, "--reason", "request", "--local");
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/cases\s+2\s+kept under the pseudonym/);
    expect(result.stdout).toMatch(/participants\s+1\s+deleted/);
    expect(result.stderr).toContain("rerun with --yes");
    expect(await scanAll(db.doc, db.tables)).toEqual(before);
    await expect(stat(join(home.home, "erasure-pseudonym-key"))).rejects.toThrow("ENOENT");
  });

  it("requires a reason and a 13-digit card number", async () => {
    expect((await telecollect("participant", "erase", ERASED_ID, "--local", "--yes")).code).toBe(2);
    expect((await telecollect("participant", "erase", "12345", "--reason", "x", "--local")).code).toBe(2);
  });

  it("with --yes erases, then the export of the card number shows only the erasure record", async () => {
    const erased = await telecollect(
      "participant",
      "erase",
      ERASED_ID,
      "--reason",
      "request of 2026-12-01",
      "--by",
      "dpo",
      "--local",
      "--yes",
      "--json",
    );
    expect(erased.code).toBe(0);
    const outcome = JSON.parse(erased.stdout);
    expect(outcome).toMatchObject({ outcome: "ERASED", record: { status: "DONE", by: "dpo" } });
    expect(identifiersFound(await scanAll(db.doc, db.tables))).toEqual([]);
    // The local pseudonym key: made by this first erasure, readable by the user only.
    expect((await stat(join(home.home, "erasure-pseudonym-key"))).mode & 0o777).toBe(0o600);

    const exported = await telecollect(
      "participant",
      "export",
      ERASED_ID,
      "--reason",
      "permintaan peserta",
      "--local",
      "--stdout",
    );
    const document = JSON.parse(exported.stdout);
    expect(document).toMatchObject({
      participant: null,
      cases: [],
      payments: [],
      erasure: { status: "DONE" },
    });
    expect(exported.stdout).not.toContain(NAME);
    expect(exported.stdout).not.toContain(PHONE);

    // The campaign's case list (as the API and the reports render it) still reads the erased
    // case: its figures, no name.
    const cases = await allCases(new DynamoCaseStore(db.doc, db.tables.cases), "GORONTALO#2026-11");
    const rows = cases.map((c) => caseRow(c, "masked"));
    expect(rows).toContainEqual(
      expect.objectContaining({ status: "PAID", amountPaid: DUE, promiseStatus: "KEPT", phone: "" }),
    );
    expect(renderCasesCsv(rows)).not.toContain(maskName(NAME));
    const again = await telecollect(
      "participant",
      "erase",
      ERASED_ID,
      "--reason",
      "again",
      "--local",
      "--yes",
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`was erased on ${NOW} by dpo under ${outcome.pseudonym}`);
  });
});
