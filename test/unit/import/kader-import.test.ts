import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { SAMPLE_BRANCHES } from "../../../functions/domain/branches";
import { kaderPerKecamatan } from "../../../functions/domain/kader";
import { ImportFileError } from "../../../functions/import/import-errors";
import { KADER_COLUMNS, readKaderFile } from "../../../functions/import/kader-import";

const HEADER = KADER_COLUMNS.join(",");
const read = (...lines: string[]) =>
  readKaderFile(Readable.from([`${[HEADER, ...lines].join("\n")}\n`]), SAMPLE_BRANCHES);
const where = (r: { line: number; field: string; reason: string; message: string }) => [
  r.line,
  r.field,
  r.reason,
  r.message,
];

describe("kader roster file", () => {
  it("reads valid rows as kader: E.164 phone, trimmed name, optional desa", async () => {
    const file = await read(
      "GTO-K01, Rahmawati  Hulopi ,0813-7919-4729,GORONTALO,Kota Barat,Sukamaju,15",
      "GTO-K02,Ismail Mohamad,+6282116768916,GORONTALO,75.71.010,,200",
    );
    expect(file.rejections).toEqual([]);
    expect(file.byBranch.get("GORONTALO")).toEqual([
      {
        kaderId: "GTO-K01",
        name: "Rahmawati Hulopi",
        phone: "+6281379194729",
        branchCode: "GORONTALO",
        kecamatan: "Kota Barat",
        desa: "Sukamaju",
        capacityPerWeek: 15,
      },
      {
        kaderId: "GTO-K02",
        name: "Ismail Mohamad",
        phone: "+6282116768916",
        branchCode: "GORONTALO",
        kecamatan: "75.71.010",
        capacityPerWeek: 200,
      },
    ]);
  });

  it("rejects each bad field naming line, field and reason, never quoting a name or phone", async () => {
    const file = await read(
      "GTO-K01,Rahmawati Hulopi,0813-7919-4729,GORONTALO,Kota Barat,Sukamaju,15",
      "K 2,,0435-881234,BANDUNG,,Sukamaju,0",
      "GTO-K03,Yusuf Bakari,12345,GORONTALO,Kota Selatan,,201",
      "GTO-K04,Nurhayati Lamusu,082295953645,GORONTALO,7571010,7572010001,10",
      "GTO-K05,Sri Pakaya,082295953645,GORONTALO",
    );
    expect(file.rejections.map(where)).toEqual([
      [
        3,
        "kader_id",
        "INVALID_KADER_ID",
        "line 3, kader_id: 'K 2' is not 1-32 letters, digits, '-' or '_' (starting with a letter or digit)",
      ],
      [3, "name", "INVALID_NAME", "line 3, name: is blank"],
      [3, "phone", "INVALID_PHONE", "line 3, phone: is not a mobile number"],
      [3, "branch_code", "UNKNOWN_BRANCH", "line 3, branch_code: 'BANDUNG' is not a configured branch"],
      [3, "kecamatan", "INVALID_AREA", "line 3, kecamatan: is blank"],
      [
        3,
        "capacity_per_week",
        "INVALID_CAPACITY",
        "line 3, capacity_per_week: '0' is not a whole number from 1 to 200",
      ],
      [
        4,
        "phone",
        "INVALID_PHONE",
        "line 4, phone: is not a usable Indonesian number (not a valid Indonesian number)",
      ],
      [
        4,
        "capacity_per_week",
        "INVALID_CAPACITY",
        "line 4, capacity_per_week: '201' is not a whole number from 1 to 200",
      ],
      [5, "desa", "INVALID_AREA", "line 5, desa: 75.72.010.001 is not in kecamatan 75.71.010"],
      [6, "", "WRONG_FIELD_COUNT", "line 6: 4 field(s), expected 7"],
    ]);
    expect(file.rejectedRows).toBe(4);
    expect(file.read).toBe(5);
    expect(file.byBranch.get("GORONTALO")?.map((k) => k.kaderId)).toEqual(["GTO-K01"]);
    const text = JSON.stringify(file.rejections);
    for (const secret of ["Yusuf", "12345", "0435", "Nurhayati", "082295953645"])
      expect(text).not.toContain(secret);
  });

  it("rejects a kader id given twice, on both lines, and keeps the others", async () => {
    const file = await read(
      "SMG-K01,Siti Rukayah,+6281275148374,SEMARANG,Tembalang,Mekarsari,20",
      "SMG-K02,Agus Santoso,+6285312712561,SEMARANG,Pedurungan,,30",
      "SMG-K01,Endang Lestari,085233527832,SEMARANG,Banyumanik,Karya Baru,18",
    );
    expect(file.rejections.map(where)).toEqual([
      [
        2,
        "kader_id",
        "DUPLICATE_KADER",
        "line 2, kader_id: 'SMG-K01' is also on line 4; neither row is imported",
      ],
      [
        4,
        "kader_id",
        "DUPLICATE_KADER",
        "line 4, kader_id: 'SMG-K01' is also on line 2; neither row is imported",
      ],
    ]);
    expect(file.byBranch.get("SEMARANG")?.map((k) => k.kaderId)).toEqual(["SMG-K02"]);
  });

  it("refuses a file whose header is not the roster's, naming the columns", async () => {
    await expect(readKaderFile(Readable.from(["kader_id,name,phone\n"]), SAMPLE_BRANCHES)).rejects.toThrow(
      ImportFileError,
    );
    await expect(readKaderFile(Readable.from(["kader_id,name,phone\n"]), SAMPLE_BRANCHES)).rejects.toThrow(
      "missing column(s) 'branch_code', 'kecamatan', 'desa', 'capacity_per_week'",
    );
    await expect(readKaderFile(Readable.from([""]), SAMPLE_BRANCHES)).rejects.toThrow("is empty");
  });

  it("data/sample-kader.csv is valid for the sample branches, leaving some kecamatan without a kader", async () => {
    const file = await readKaderFile("data/sample-kader.csv", SAMPLE_BRANCHES);
    expect(file.rejections).toEqual([]);
    expect([...file.byBranch.keys()]).toEqual(["GORONTALO", "SEMARANG", "SINGKAWANG", "JAYAPURA"]);
    expect(kaderPerKecamatan(file.byBranch.get("JAYAPURA") ?? [])).toEqual([
      ["Abepura", 2],
      ["Jayapura Utara", 1],
      ["Sentani", 2],
    ]);
  });
});
