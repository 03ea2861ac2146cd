import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { SAMPLE_BRANCHES } from "../../../functions/domain/branches";
import { openCase } from "../../../functions/domain/case";
import type { Participant } from "../../../functions/domain/participant";
import {
  ARREARS_COLUMNS,
  formatImportSummary,
  ImportFileError,
  importArrears,
  type RowRejection,
} from "../../../functions/import/arrears-import";
import { csvRecord } from "../../../functions/import/csv";
import type { ParticipantStore } from "../../../functions/store/participants";

/** The optional kabupaten, kecamatan, desa and address columns of the snapshot. */

const NOW = new Date("2026-12-01T02:00:00.000Z");
const BASE: Record<string, string> = {
  participant_id: "0001234567890",
  name: "Budi Santoso",
  phone: "0812-3456-7890",
  branch_code: "GORONTALO",
  class: "3",
  months_in_arrears: "5",
  arrears_amount: "",
  last_paid_period: "2026-06",
  autodebet: "false",
  family_members: "1",
};
const AREA_HEADER = [...ARREARS_COLUMNS, "kabupaten", "kecamatan", "desa", "address"];

function row(n: number, cells: Record<string, string> = {}, header = AREA_HEADER): string {
  const all: Record<string, string> = {
    ...BASE,
    participant_id: `00012345678${String(n).padStart(2, "0")}`,
    ...cells,
  };
  return csvRecord(header.map((c) => all[c] ?? ""));
}

async function run(lines: string[], header = AREA_HEADER) {
  const items = new Map<string, Participant>();
  const store: ParticipantStore = {
    putMany: async (ps) => {
      for (const p of ps) items.set(p.participantId, p);
      return { requests: 1 };
    },
    get: async (id) => items.get(id),
    pageInArrears: async () => ({ participants: [] }),
    countBelow: async () => 0,
  };
  const rejections: RowRejection[] = [];
  const summary = await importArrears({
    source: Readable.from([`${[header.join(","), ...lines].join("\n")}\n`]),
    branches: SAMPLE_BRANCHES,
    store,
    now: NOW,
    onRejection: (r) => {
      rejections.push(r);
    },
  });
  return { summary, items, rejections };
}

const where = (r: RowRejection) => [r.line, r.field, r.reason, r.message];

describe("importArrears: area and address columns", () => {
  it("a file without the optional columns imports as before, with no area or address", async () => {
    const { items, rejections } = await run([row(1, {}, [...ARREARS_COLUMNS])], [...ARREARS_COLUMNS]);
    expect(rejections).toEqual([]);
    const p = items.get("0001234567801");
    expect(p).toBeDefined();
    expect(p).not.toHaveProperty("area");
    expect(p).not.toHaveProperty("address");
  });

  it("keeps names trimmed and collapsed, codes dotted, and the address; blanks leave them out", async () => {
    const { items, rejections } = await run([
      row(1, {
        kabupaten: " Kota  Gorontalo ",
        kecamatan: "Kota Selatan",
        desa: "Limba B",
        address: "Jl. Kalimutu\nNo. 17",
      }),
      row(2, { kabupaten: "7571", kecamatan: "7571020", desa: "75.71.020.003" }),
      row(3, { kecamatan: "75.01.010" }),
      row(4),
    ]);
    expect(rejections).toEqual([]);
    expect(items.get("0001234567801")).toMatchObject({
      area: { kabupaten: "Kota Gorontalo", kecamatan: "Kota Selatan", desa: "Limba B" },
      address: "Jl. Kalimutu No. 17",
    });
    expect(items.get("0001234567802")?.area).toEqual({
      kabupaten: "75.71",
      kecamatan: "75.71.020",
      desa: "75.71.020.003",
    });
    // A kecamatan code names its kabupaten.
    expect(items.get("0001234567803")?.area).toEqual({ kabupaten: "75.01", kecamatan: "75.01.010" });
    expect(items.get("0001234567804")).not.toHaveProperty("area");
    expect(items.get("0001234567804")).not.toHaveProperty("address");
  });

  it("rejects bad areas and addresses naming line, field and reason; the valid rows are kept", async () => {
    const longAddress = `Jl. ${"Panjang ".repeat(30)}`;
    const { summary, items, rejections } = await run([
      row(1, { kabupaten: "75.0", kecamatan: "Kota Selatan" }),
      row(2, { kabupaten: "7571", kecamatan: "7501010" }),
      row(3, { kabupaten: "Kota Gorontalo", desa: "Limba B" }),
      row(4, { kabupaten: "Kota Gorontalo", kecamatan: "x".repeat(61) }),
      row(5, { kabupaten: "Kota Gorontalo", address: longAddress }),
      row(6, { kabupaten: "Kota Gorontalo", kecamatan: "Dungingi", desa: "7571020003" }),
      row(7, { kabupaten: "Kabupaten Gorontalo", kecamatan: "Limboto" }),
    ]);
    expect(rejections.map(where)).toEqual([
      [
        2,
        "kabupaten",
        "INVALID_AREA",
        "line 2, kabupaten: '75.0' is not a 4-digit BPS kabupaten code (like 75.01)",
      ],
      [3, "kecamatan", "INVALID_AREA", "line 3, kecamatan: 75.01.010 is not in kabupaten 75.71"],
      [4, "desa", "INVALID_AREA", "line 4, desa: is given without a kecamatan"],
      [
        5,
        "kecamatan",
        "INVALID_AREA",
        "line 5, kecamatan: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is 61 characters, at most 60",
      ],
      [6, "address", "INVALID_ADDRESS", "line 6, address: is 243 characters, at most 200"],
    ]);
    // The address is personal data: no message or raw field count quotes it in the summary.
    expect(rejections.some((r) => r.message.includes("Panjang"))).toBe(false);
    expect(summary).toMatchObject({ read: 7, imported: 2, rejected: 5 });
    expect(summary.rejectedByReason).toMatchObject({ INVALID_AREA: 4, INVALID_ADDRESS: 1 });
    expect(formatImportSummary(summary)).toContain("INVALID_AREA");
    expect([...items.keys()].sort()).toEqual(["0001234567806", "0001234567807"]);
    // A desa code under a named kecamatan cannot be compared: it is kept.
    expect(items.get("0001234567806")?.area?.desa).toBe("75.71.020.003");
  });

  it("a row must have as many fields as the header, optional columns included", async () => {
    const short = csvRecord(ARREARS_COLUMNS.map((c) => BASE[c] ?? ""));
    const { rejections } = await run([short]);
    expect(rejections.map(where)).toEqual([[2, "", "WRONG_FIELD_COUNT", "line 2: 10 field(s), expected 14"]]);
  });

  it("an unknown column still rejects the file, naming the optional ones", async () => {
    await expect(run([], [...AREA_HEADER, "rt_rw"])).rejects.toThrow(ImportFileError);
    await expect(run([], [...AREA_HEADER, "rt_rw"])).rejects.toThrow(
      /unknown column\(s\) 'rt_rw'.*\(optional: kabupaten,kecamatan,desa,address,preferred_channel,/,
    );
  });
});

describe("openCase: the area goes on the case, the address never", () => {
  it("copies the area and leaves the address on the participant", async () => {
    const { items } = await run([
      row(1, { kabupaten: "Kota Gorontalo", kecamatan: "Kota Selatan", address: "Jl. Kalimutu No. 17" }),
    ]);
    const participant = items.get("0001234567801");
    if (!participant) throw new Error("not imported");
    const opened = openCase(
      participant,
      {
        bucketId: "3-5",
        countedMonths: 5,
        amountDue: 175_000,
        priority: 50,
        rehab: { eligible: false, maxInstalments: 0 },
        treatments: ["SMS", "CALL"],
      },
      { branchCode: "GORONTALO", period: "2026-12" },
      NOW,
    );
    expect(opened.area).toEqual({ kabupaten: "Kota Gorontalo", kecamatan: "Kota Selatan" });
    expect(JSON.stringify(opened)).not.toContain("Kalimutu");
  });
});
