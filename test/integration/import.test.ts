import { readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_BRANCHES } from "../../functions/domain/branches";
import type { Participant } from "../../functions/domain/participant";
import {
  ARREARS_COLUMNS,
  CONTACT_UPDATES_HEADER,
  ImportFileError,
  importArrears,
  REJECTED_ROWS_HEADER,
} from "../../functions/import/arrears-import";
import { csvRecord } from "../../functions/import/csv";
import { DynamoParticipantStore, type ParticipantStore } from "../../functions/store/participants";
import {
  CSV_COLUMNS,
  DEFAULT_SEED,
  expectedArrearsAmount,
  generateBadRowCases,
  iterateArrearsRows,
  toCsv,
  toCsvLine,
} from "../../local/sample/population";
import { freshTables } from "./tables";

type SampleRecord = Record<(typeof CSV_COLUMNS)[number], string>;

const SAMPLE_PATH = new URL("../../data/sample-arrears.csv", import.meta.url);
const QUIRKS_PATH = new URL("../fixtures/import/quirks.csv", import.meta.url).pathname;
const NOW = new Date("2026-12-01T01:00:00.000Z");
const BRANCH_CODES = SAMPLE_BRANCHES.map((b) => b.code);

const sampleText = readFileSync(SAMPLE_PATH, "utf8");
const sample = parse(sampleText, { columns: true }) as SampleRecord[];

function toFile(records: readonly SampleRecord[]): string {
  return `${[CSV_COLUMNS.join(","), ...records.map((r) => csvRecord(CSV_COLUMNS.map((c) => r[c])))].join("\n")}\n`;
}

/** What the importer should store for a valid sample record, derived without the domain code. */
function expected(r: SampleRecord): Partial<Participant> {
  const premiumClass = Number(r.class) as 1 | 2 | 3;
  const familyMembers = r.family_members === "" ? 1 : Number(r.family_members);
  const months = Number(r.months_in_arrears);
  return {
    participantId: r.participant_id,
    name: r.name.trim(),
    phoneRaw: r.phone,
    branchCode: r.branch_code,
    premiumClass,
    monthsInArrears: months,
    arrearsAmount:
      r.arrears_amount === ""
        ? expectedArrearsAmount(premiumClass, months, familyMembers)
        : Number(r.arrears_amount),
    arrearsAmountSource: r.arrears_amount === "" ? "COMPUTED" : "IMPORTED",
    autodebet: r.autodebet === "true",
    familyMembers,
  };
}

async function getAll(store: DynamoParticipantStore, ids: readonly string[]) {
  const out: (Participant | undefined)[] = [];
  for (let i = 0; i < ids.length; i += 50) {
    out.push(...(await Promise.all(ids.slice(i, i + 50).map((id) => store.get(id)))));
  }
  return out;
}

async function countItems(env: Awaited<ReturnType<typeof freshTables>>): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await env.doc.send(
      new ScanCommand({ TableName: env.tables.participants, Select: "COUNT", ExclusiveStartKey: start }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "telecollect-import-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("importArrears on DynamoDB Local", () => {
  it("imports the sample snapshot with bad rows appended, reporting each bad row once", async () => {
    const env = await freshTables();
    const store = new DynamoParticipantStore(env.doc, env.tables.participants);
    const bad = generateBadRowCases(DEFAULT_SEED, { branchCodes: BRANCH_CODES });
    const path = join(dir, "sample-with-bad-rows.csv");
    await writeFile(path, `${sampleText.trimEnd()}\n${bad.map((c) => toCsvLine(c.row)).join("\n")}\n`);
    const rejectedRowsPath = join(dir, "reports", "nested", "rejected.csv");
    const contactUpdatesPath = join(dir, "reports", "contact-updates.csv");

    const summary = await importArrears({
      source: path,
      branches: SAMPLE_BRANCHES,
      store,
      now: NOW,
      rejectedRowsPath,
      contactUpdatesPath,
    });

    expect(summary).toMatchObject({
      read: sample.length + bad.length,
      imported: sample.length,
      rejected: bad.length,
      skippedByFilter: 0,
      rejectedRowsPath,
      contactUpdatesPath,
    });
    expect(Object.values(summary.byBranch).reduce((n, b) => n + b.imported, 0)).toBe(sample.length);

    const stored = await getAll(
      store,
      sample.map((r) => r.participant_id),
    );
    stored.forEach((p, i) => {
      const record = sample[i] as SampleRecord;
      expect(p).toMatchObject(expected(record));
      expect(p?.importedAt).toBe(NOW.toISOString());
      expect(p?.lastPaidPeriod).toBe(record.last_paid_period === "" ? undefined : record.last_paid_period);
    });
    expect(await countItems(env)).toBe(sample.length);
    for (const p of await getAll(
      store,
      bad.map((c) => c.row.participantId),
    ))
      expect(p).toBeUndefined();

    // One line per bad row, naming its line, column and reason.
    const rejected = parse(await readFile(rejectedRowsPath, "utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(rejected[0] ?? {})).toEqual([...REJECTED_ROWS_HEADER]);
    expect(rejected).toHaveLength(bad.length);
    rejected.forEach((r, i) => {
      const c = bad[i];
      const line = sample.length + 2 + i;
      expect(r).toEqual({
        line: String(line),
        participant_id: c?.row.participantId,
        field: c?.column,
        reason: c?.reason,
        message: expect.stringMatching(new RegExp(`^line ${line}, ${c?.column}: `)),
        raw: toCsvLine(c?.row ?? ({} as never)),
      });
    });
    const byReason = Object.fromEntries(Object.entries(summary.rejectedByReason).filter(([, n]) => n > 0));
    expect(byReason).toEqual(
      bad.reduce<Record<string, number>>((acc, c) => {
        acc[c.reason] = (acc[c.reason] ?? 0) + 1;
        return acc;
      }, {}),
    );

    // Contact updates: every imported participant whose phone could not be normalised.
    const updates = parse(await readFile(contactUpdatesPath, "utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(updates[0] ?? {})).toEqual([...CONTACT_UPDATES_HEADER]);
    expect(updates.length).toBe(summary.notContactable);
    expect(updates.length).toBeGreaterThan(0);
    const notContactable = stored.filter((p) => p?.contactable === false).map((p) => p?.participantId);
    expect(updates.map((u) => u.participant_id)).toEqual(notContactable);
    for (const u of updates) {
      const index = sample.findIndex((r) => r.participant_id === u.participant_id);
      expect(u).toMatchObject({ line: String(index + 2), phone_raw: sample[index]?.phone });
      expect(u.reason).toMatch(/^PHONE_(MISSING|UNEXPECTED_CHARACTERS|INVALID|NOT_INDONESIAN)$/);
    }
    // Landlines stay callable.
    const landline = stored.find((p) => p?.phoneType === "FIXED_LINE");
    expect(landline?.contactable).toBe(true);

    expect(
      (await readdir(join(dir, "reports"), { recursive: true })).filter((f) => f.endsWith(".partial")),
    ).toEqual([]);
  });

  it("upserts a changed snapshot on re-import", async () => {
    const env = await freshTables();
    const store = new DynamoParticipantStore(env.doc, env.tables.participants);
    const first = await importArrears({
      source: Readable.from([sampleText]),
      branches: SAMPLE_BRANCHES,
      store,
      now: NOW,
    });
    expect(first.imported).toBe(sample.length);

    // A month later: every 7th participant one month further behind (amount recomputed), one paid up.
    const changed = sample.map((r, i) =>
      i % 7 === 0
        ? { ...r, months_in_arrears: String(Number(r.months_in_arrears) + 1), arrears_amount: "" }
        : r,
    );
    changed[1] = {
      ...(changed[1] as SampleRecord),
      months_in_arrears: "0",
      arrears_amount: "0",
      autodebet: "true",
    };
    const later = new Date("2027-01-01T01:00:00.000Z");
    const second = await importArrears({
      source: Readable.from([toFile(changed)]),
      branches: SAMPLE_BRANCHES,
      store,
      now: later,
    });

    expect(second).toMatchObject({ read: sample.length, imported: sample.length, rejected: 0 });
    expect(await countItems(env)).toBe(sample.length);
    const stored = await getAll(
      store,
      changed.map((r) => r.participant_id),
    );
    stored.forEach((p, i) => {
      expect(p).toMatchObject(expected(changed[i] as SampleRecord));
      expect(p?.importedAt).toBe(later.toISOString());
    });
    expect(stored[1]).toMatchObject({ monthsInArrears: 0, arrearsAmount: 0, autodebet: true });
    expect(stored[7]?.monthsInArrears).toBe(Number(sample[7]?.months_in_arrears) + 1);
  });

  it("writes 1,000 rows in ceil(1000 / 25) BatchWriteItem requests", async () => {
    const env = await freshTables();
    const store = new DynamoParticipantStore(env.doc, env.tables.participants);
    const text = toCsv(iterateArrearsRows({ seed: 4242, count: 1_000, branchCodes: BRANCH_CODES }));
    const summary = await importArrears({
      source: Readable.from([text]),
      branches: SAMPLE_BRANCHES,
      store,
      now: NOW,
    });
    expect(summary).toMatchObject({ read: 1_000, imported: 1_000, rejected: 0 });
    expect(summary.requests).toBe(Math.ceil(1_000 / 25));
    expect(await countItems(env)).toBe(1_000);
  });

  it("imports a quirky file by path: BOM, CRLF, reordered header, quoted and multi-line names", async () => {
    const env = await freshTables();
    const store = new DynamoParticipantStore(env.doc, env.tables.participants);
    const rejectedRowsPath = join(dir, "quirks", "rejected.csv");
    const contactUpdatesPath = join(dir, "quirks", "contact-updates.csv");
    const summary = await importArrears({
      source: QUIRKS_PATH,
      branches: SAMPLE_BRANCHES,
      store,
      now: NOW,
      rejectedRowsPath,
      contactUpdatesPath,
    });
    expect(summary).toMatchObject({ read: 6, imported: 3, rejected: 3, notContactable: 1, requests: 1 });
    expect(await store.get("0001000000001")).toMatchObject({
      name: "Siregar, Hotman",
      autodebet: true,
      arrearsAmount: 3 * 150_000 * 2,
      phone: "+6281234567890",
    });
    expect(await store.get("0001000000002")).toMatchObject({
      name: 'Budi "Obet"\r\nSantoso',
      phoneType: "FIXED_LINE",
      contactable: true,
      arrearsAmount: 24 * 35_000,
      familyMembers: 1,
      autodebet: false,
    });
    expect(await store.get("0001000000003")).toMatchObject({ contactable: false, phoneRaw: "tidak ada" });

    const rejected = parse(await readFile(rejectedRowsPath, "utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rejected.map((r) => [r.line, r.participant_id, r.field, r.reason])).toEqual([
      ["7", "0001000000001", "participant_id", "DUPLICATE_PARTICIPANT"],
      ["8", "0001000000004", "", "WRONG_FIELD_COUNT"],
      ["9", "0001000000005", "class", "INVALID_CLASS"],
    ]);
    expect(rejected[0]?.message).toBe(
      "line 7, participant_id: duplicate of line 2 (the first occurrence is kept)",
    );
    expect(rejected[2]?.raw).toBe('JAYAPURA,0001000000005,"Yakomina\nWenda",081234567891,4,1,,,false,1');
    expect(await readFile(contactUpdatesPath, "utf8")).toBe(
      "line,participant_id,branch_code,phone_raw,reason\n5,0001000000003,GORONTALO,tidak ada,PHONE_UNEXPECTED_CHARACTERS\n",
    );
  });

  it("writes nothing when the header is wrong", async () => {
    const env = await freshTables();
    const store = new DynamoParticipantStore(env.doc, env.tables.participants);
    const rejectedRowsPath = join(dir, "bad-header", "rejected.csv");
    const header = ARREARS_COLUMNS.filter((c) => c !== "phone").join(",");
    const result = importArrears({
      source: Readable.from([`${header},telepon\n${sampleText.split("\n")[1]}\n`]),
      branches: SAMPLE_BRANCHES,
      store,
      now: NOW,
      rejectedRowsPath,
    });
    await expect(result).rejects.toThrow(ImportFileError);
    await expect(result).rejects.toThrow(/missing column\(s\) 'phone'; unknown column\(s\) 'telepon'/);
    expect(await countItems(env)).toBe(0);
    await expect(readdir(join(dir, "bad-header"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("removes partial reports when a write fails", async () => {
    const env = await freshTables();
    const dynamo = new DynamoParticipantStore(env.doc, env.tables.participants);
    const error = new Error("table gone");
    let calls = 0;
    const store: ParticipantStore = {
      putMany: (participants) => (++calls === 2 ? Promise.reject(error) : dynamo.putMany(participants)),
      get: (id) => dynamo.get(id),
      pageInArrears: (...args) => dynamo.pageInArrears(...args),
      countBelow: (...args) => dynamo.countBelow(...args),
    };
    const reports = join(dir, "failed-write");
    const result = importArrears({
      source: Readable.from([sampleText]),
      branches: SAMPLE_BRANCHES,
      store,
      now: NOW,
      rejectedRowsPath: join(reports, "rejected.csv"),
      contactUpdatesPath: join(reports, "contact-updates.csv"),
    });
    await expect(result).rejects.toBe(error);
    expect(await readdir(reports)).toEqual([]);
  });

  it("fails with ImportFileError for a missing file", async () => {
    const env = await freshTables();
    const store = new DynamoParticipantStore(env.doc, env.tables.participants);
    await expect(
      importArrears({ source: join(dir, "nope.csv"), branches: SAMPLE_BRANCHES, store, now: NOW }),
    ).rejects.toThrow(/cannot read arrears file .*nope\.csv: ENOENT/);
  });
});
