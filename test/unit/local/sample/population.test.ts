import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvField } from "../../../../functions/import/csv";
import {
  type ArrearsRow,
  CSV_HEADER,
  DEFAULT_BRANCH_CODES,
  DEFAULT_SEED,
  expectedArrearsAmount,
  generateArrearsRows,
  generateBadRowCases,
  generateBadRows,
  iterateArrearsRows,
  mulberry32,
  PARTICIPANT_SHARE,
  toCsv,
  toCsvLine,
} from "../../../../local/sample/population";

const HEADER =
  "participant_id,name,phone,branch_code,class,months_in_arrears,arrears_amount,last_paid_period,autodebet,family_members,kabupaten,kecamatan,desa,address," +
  "preferred_channel,rehab_plan,rehab_instalments,deceased,do_not_contact_until,do_not_contact_reason,visit_requested";

const rows = generateArrearsRows({ seed: DEFAULT_SEED, count: 2000 });
const csv = toCsv(rows);

/** Minimal RFC 4180 parser for one line (no embedded line breaks). */
function parseLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (line[i] === '"') {
      i++;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote < 0) throw new Error(`unterminated quote in ${line}`);
        field += line.slice(i, quote);
        i = quote + 1;
        if (line[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
    } else {
      const comma = line.indexOf(",", i);
      const end = comma < 0 ? line.length : comma;
      field = line.slice(i, end);
      i = end;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    if (line[i] !== ",") throw new Error(`expected a comma at ${i} in ${line}`);
    i++;
  }
}

function rowValues(row: ArrearsRow): string[] {
  return [
    row.participantId,
    row.name,
    row.phone,
    row.branchCode,
    row.premiumClass,
    row.monthsInArrears,
    row.arrearsAmount,
    row.lastPaidPeriod,
    row.autodebet,
    row.familyMembers,
    row.kabupaten,
    row.kecamatan,
    row.desa,
    row.address,
    row.preferredChannel,
    row.rehabPlan,
    row.rehabInstalments,
    row.deceased,
    row.doNotContactUntil,
    row.doNotContactReason,
    row.visitRequested,
  ];
}

/** The sha256 of the 2,000 default rows' first 14 cells, as the sample had them before its status columns. */
const CELLS_BEFORE_STATUSES = "5b53306dd6bbf4cf16bbcaeb9877cce93eb9c5541862ae9e0399fb86aa00cee8";

function share(predicate: (row: ArrearsRow) => boolean): number {
  return rows.filter(predicate).length / rows.length;
}

describe("mulberry32", () => {
  it("is deterministic and stays in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it("does not truncate seeds beyond 32 bits", () => {
    expect(mulberry32(1)()).not.toBe(mulberry32(1 + 2 ** 32)());
  });

  it("rejects non-integer seeds", () => {
    expect(() => mulberry32(1.5)).toThrow(RangeError);
  });
});

describe("CSV format", () => {
  it("has the exact header, \\n line ends and a trailing newline", () => {
    expect(CSV_HEADER).toBe(HEADER);
    expect(toCsv([])).toBe(`${HEADER}\n`);
    expect(csv.split("\n")[0]).toBe(HEADER);
    expect(csv.endsWith("\n")).toBe(true);
    expect(csv.endsWith("\n\n")).toBe(false);
    expect(csv).not.toContain("\r");
    expect(csv.split("\n")).toHaveLength(rows.length + 2);
  });

  it("quotes only fields with a comma, quote or line break", () => {
    expect(csvField("Sukarti")).toBe("Sukarti");
    expect(csvField("Ma'ruf")).toBe("Ma'ruf");
    expect(csvField("")).toBe("");
    expect(csvField("Nainggolan, Robert")).toBe('"Nainggolan, Robert"');
    expect(csvField('Robert "Obet" Wenda')).toBe('"Robert ""Obet"" Wenda"');
    expect(csvField("a\nb")).toBe('"a\nb"');
  });

  it("round-trips quoted names through a manual parse", () => {
    const quotedLines = csv.split("\n").filter((line) => line.includes('"'));
    expect(quotedLines.length).toBeGreaterThan(0);
    expect(quotedLines.some((line) => line.includes('""'))).toBe(true); // an escaped quote too
    for (const line of quotedLines) {
      const fields = parseLine(line);
      expect(fields).toHaveLength(21);
      const row = rows.find((r) => r.participantId === fields[0]);
      expect(row).toBeDefined();
      if (row) expect(fields).toEqual(rowValues(row));
    }
    const tricky: ArrearsRow = { ...(rows[0] as ArrearsRow), name: 'Wenda, Robert "Obet", S.Pd.' };
    expect(parseLine(toCsvLine(tricky))[1]).toBe(tricky.name);
  });

  it("round-trips the whole file through csv-parse", () => {
    const records: string[][] = parse(csv);
    expect(records[0]?.join(",")).toBe(HEADER);
    expect(records.slice(1)).toEqual(rows.map(rowValues));
  });
});

describe("areas and addresses", () => {
  it("most rows name a kabupaten, kecamatan and desa of their branch's region and an address", () => {
    expect(share((r) => r.kecamatan !== "")).toBeGreaterThan(0.93);
    expect(share((r) => r.desa !== "")).toBeGreaterThan(0.85);
    expect(share((r) => r.address !== "")).toBeGreaterThan(0.85);
    expect(share((r) => r.kabupaten === "" && r.kecamatan === "")).toBeGreaterThan(0.01);
    const gorontalo = new Set(rows.filter((r) => r.branchCode === "GORONTALO").map((r) => r.kabupaten));
    expect(gorontalo).toEqual(
      new Set(["Kota Gorontalo", "Kabupaten Gorontalo", "Kabupaten Bone Bolango", ""]),
    );
    expect(rows.find((r) => r.kecamatan === "Abepura")?.branchCode).toBe("JAYAPURA");
  });

  it("left the other cells of the seed as they were (areas draw from their own stream)", () => {
    const first = rows[0] as ArrearsRow;
    expect([first.participantId, first.branchCode, first.arrearsAmount]).toEqual([
      "0001442261431",
      "SEMARANG",
      "280000",
    ]);
  });
});

describe("status columns", () => {
  it("a small share of rows each: every preferred channel, REHAB plans, deaths, holds, visits", () => {
    for (const channel of ["WHATSAPP", "SMS", "CALL", "VISIT"]) {
      expect(share((r) => r.preferredChannel === channel)).toBeGreaterThan(0.01);
      expect(share((r) => r.preferredChannel === channel)).toBeLessThan(0.03);
    }
    expect(share((r) => r.rehabPlan === "Y")).toBeCloseTo(0.02, 2);
    expect(rows.some((r) => r.rehabPlan === "Y" && r.rehabInstalments === "")).toBe(true);
    expect(rows.every((r) => r.rehabInstalments === "" || r.rehabPlan === "Y")).toBe(true);
    expect(rows.every((r) => /^(|[3-9]|1[0-2])$/.test(r.rehabInstalments))).toBe(true);
    expect(share((r) => r.deceased === "Y")).toBeCloseTo(0.01, 2);
    expect(share((r) => r.visitRequested === "Y")).toBeCloseTo(0.015, 2);
    const held = rows.filter((r) => r.doNotContactUntil !== "");
    expect(held.length / rows.length).toBeCloseTo(0.015, 2);
    expect(new Set(held.map((r) => r.doNotContactReason))).toEqual(
      new Set(["REFUSED", "COMPLAINT_UNDER_REVIEW"]),
    );
    // After any import up to 2027-10-01 (npm start of September 2027), within 366 days of 2026-11-01.
    for (const r of held) expect(r.doNotContactUntil).toMatch(/^2027-10-(0[2-9]|1\d|2[0-8])$/);
    expect(rows.every((r) => (r.doNotContactUntil === "") === (r.doNotContactReason === ""))).toBe(true);
  });

  it("left every other cell of the seed as it was (the statuses draw from their own stream)", () => {
    const before = rows.map((r) => rowValues(r).slice(0, 14).join("|")).join("\n");
    expect(createHash("sha256").update(before).digest("hex")).toBe(CELLS_BEFORE_STATUSES);
  });
});

describe("generateArrearsRows", () => {
  it("gives identical CSV for the same seed and different CSV for another", () => {
    expect(toCsv(generateArrearsRows({ seed: DEFAULT_SEED, count: 2000 }))).toBe(csv);
    expect(toCsv(generateArrearsRows({ seed: DEFAULT_SEED + 1, count: 2000 }))).not.toBe(csv);
  });

  it("streams the same rows it returns as an array", () => {
    expect(Array.from(iterateArrearsRows({ seed: DEFAULT_SEED, count: 2000 }))).toEqual(rows);
  });

  it("gives a prefix of the same rows for a smaller count", () => {
    expect(generateArrearsRows({ seed: DEFAULT_SEED, count: 50 })).toEqual(rows.slice(0, 50));
  });

  it("gives unique 13-digit ids, mostly JKN-style 000 prefixes", () => {
    const ids = rows.map((r) => r.participantId);
    for (const id of ids) expect(id).toMatch(/^\d{13}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(share((r) => r.participantId.startsWith("0001"))).toBeGreaterThan(0.7);
    const many = generateArrearsRows({ seed: 7, count: 50_000 }).map((r) => r.participantId);
    expect(new Set(many).size).toBe(many.length);
  });

  it("covers every branch, unevenly, and every class with Kelas III most common", () => {
    const branches = new Set(rows.map((r) => r.branchCode));
    expect([...branches].sort()).toEqual([...DEFAULT_BRANCH_CODES].sort());
    const counts = DEFAULT_BRANCH_CODES.map((code) => rows.filter((r) => r.branchCode === code).length);
    expect(Math.max(...counts)).toBeGreaterThan(1.5 * Math.min(...counts));
    expect(new Set(rows.map((r) => r.premiumClass))).toEqual(new Set(["1", "2", "3"]));
    expect(share((r) => r.premiumClass === "3")).toBeCloseTo(0.6, 1);
    expect(share((r) => r.premiumClass === "2")).toBeCloseTo(0.25, 1);
    expect(share((r) => r.premiumClass === "1")).toBeCloseTo(0.15, 1);
  });

  it("spans months 0..30, skewed to 0-3 with a bump at 24+", () => {
    const months = rows.map((r) => Number(r.monthsInArrears));
    expect(new Set(months)).toEqual(new Set(Array.from({ length: 31 }, (_, m) => m)));
    const count = (m: number) => months.filter((x) => x === m).length;
    expect(share((r) => Number(r.monthsInArrears) <= 3)).toBeGreaterThan(0.3);
    expect(count(24)).toBeGreaterThan(count(23));
  });

  it("keeps last_paid_period, arrears_amount and family_members consistent", () => {
    for (const row of rows) {
      const months = Number(row.monthsInArrears);
      if (row.lastPaidPeriod !== "") {
        const [year, month] = row.lastPaidPeriod.split("-").map(Number);
        expect(2026 * 12 + 10 - ((year ?? 0) * 12 + (month ?? 0) - 1)).toBe(months);
      }
      expect(row.familyMembers).toMatch(/^([1-6]|)$/);
      expect(["true", "false", ""]).toContain(row.autodebet);
      if (row.arrearsAmount !== "") {
        expect(row.arrearsAmount).toMatch(/^\d+$/);
        const cls = Number(row.premiumClass) as 1 | 2 | 3;
        // The importer reads a blank family_members as one member.
        const family = row.familyMembers === "" ? 1 : Number(row.familyMembers);
        const full = expectedArrearsAmount(cls, months, family);
        const amount = Number(row.arrearsAmount);
        expect(amount).toBeLessThanOrEqual(full);
        expect(amount).toBeGreaterThan(full - PARTICIPANT_SHARE[cls] * family);
        // Months in arrears always cost something.
        if (months > 0) expect(amount).toBeGreaterThan(0);
      }
    }
    expect(rows.some((r) => r.arrearsAmount !== "" && r.familyMembers === "")).toBe(true);
    expect(share((r) => r.arrearsAmount !== "")).toBeCloseTo(0.3, 1);
    expect(rows.some((r) => r.monthsInArrears === "30" && r.arrearsAmount !== "")).toBe(true);
  });

  it("caps the amount at 24 months", () => {
    expect(expectedArrearsAmount(3, 30, 2)).toBe(24 * 35_000 * 2);
    expect(expectedArrearsAmount(1, 5, 1)).toBe(750_000);
  });

  it("mixes phone formats: mostly mobiles, a few landlines, a few unusable", () => {
    const mobile = (p: string) => /^(\+62|62|0)8\d{7,11}$/.test(p.replace(/[\s-]/g, ""));
    const landline = (p: string) => /^(\(0[2-79]\d{1,2}\) |0[2-79]\d{1,2}-?)\d{6,8}$/.test(p);
    expect(share((r) => mobile(r.phone))).toBeGreaterThan(0.92);
    expect(share((r) => landline(r.phone))).toBeGreaterThan(0.015);
    expect(share((r) => landline(r.phone))).toBeLessThan(0.05);
    expect(share((r) => !mobile(r.phone) && !landline(r.phone))).toBeLessThan(0.04);
    for (const format of [
      /^08\d+$/,
      /^08\d{2}-\d{4}-\d+$/,
      /^\+628\d+$/,
      /^628\d+$/,
      /^08\d{2} \d{4} \d+$/,
    ]) {
      expect(rows.some((r) => format.test(r.phone))).toBe(true);
    }
    expect(rows.some((r) => r.phone === "")).toBe(true);
  });

  it("has realistic names: titles, apostrophes, single names", () => {
    const names = rows.map((r) => r.name);
    expect(names.some((n) => /^(Hj?\.|HJ?\.) /.test(n))).toBe(true);
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(names.some((n) => !n.includes(" "))).toBe(true);
    expect(names.every((n) => n.trim() === n && n !== "")).toBe(true);
  });

  it("honours branch codes, weights and the reference period", () => {
    const custom = generateArrearsRows({
      seed: 1,
      count: 500,
      branchCodes: ["MERAUKE", "PASURUAN"],
      branchWeights: [1, 3],
      referencePeriod: "2025-01",
    });
    expect(new Set(custom.map((r) => r.branchCode))).toEqual(new Set(["MERAUKE", "PASURUAN"]));
    expect(custom.filter((r) => r.branchCode === "PASURUAN").length).toBeGreaterThan(300);
    const current = custom.find((r) => r.monthsInArrears === "2" && r.lastPaidPeriod !== "");
    expect(current?.lastPaidPeriod).toBe("2024-11");
  });

  it("rejects bad options", () => {
    expect(() => generateArrearsRows({ seed: 1, count: -1 })).toThrow(RangeError);
    expect(() => generateArrearsRows({ seed: 1, count: 1, referencePeriod: "2026-13" })).toThrow(RangeError);
    expect(() => generateArrearsRows({ seed: 1, count: 1, branchCodes: [] })).toThrow(RangeError);
    expect(() => generateArrearsRows({ seed: 1, count: 1, branchWeights: [1] })).toThrow(RangeError);
  });
});

describe("generateBadRows", () => {
  const cases = generateBadRowCases(DEFAULT_SEED);

  it("returns a dozen deterministic rows, one defect each", () => {
    expect(cases).toHaveLength(12);
    expect(generateBadRows(DEFAULT_SEED)).toEqual(cases.map((c) => c.row));
    expect(generateBadRows(DEFAULT_SEED)).toEqual(generateBadRows(DEFAULT_SEED));
    expect(generateBadRows(DEFAULT_SEED + 1)).not.toEqual(generateBadRows(DEFAULT_SEED));
  });

  it("contains each listed defect", () => {
    const bad = cases.map((c) => c.row);
    expect(bad.some((r) => /^\d{12}$/.test(r.participantId))).toBe(true);
    expect(bad.some((r) => /[A-Za-z]/.test(r.participantId) && r.participantId.length === 13)).toBe(true);
    expect(bad.some((r) => !DEFAULT_BRANCH_CODES.includes(r.branchCode))).toBe(true);
    expect(bad.map((r) => r.premiumClass)).toContain("4");
    expect(bad.map((r) => r.monthsInArrears)).toEqual(expect.arrayContaining(["-1", "abc"]));
    expect(bad.map((r) => r.arrearsAmount)).toContain("1.5");
    expect(cases.find((c) => c.reason === "ZERO_AMOUNT")?.row).toMatchObject({
      monthsInArrears: "5",
      arrearsAmount: "0",
    });
    const above = cases.find((c) => c.reason === "AMOUNT_ABOVE_MAXIMUM")?.row;
    const family = above?.familyMembers ? Number(above.familyMembers) : 1;
    expect(Number(above?.arrearsAmount)).toBeGreaterThan(
      expectedArrearsAmount(Number(above?.premiumClass) as 1 | 2 | 3, Number(above?.monthsInArrears), family),
    );
    expect(bad.some((r) => r.lastPaidPeriod.endsWith("-13"))).toBe(true);
    expect(bad.map((r) => r.autodebet)).toContain("ya");
    expect(bad.map((r) => r.familyMembers)).toContain("0");
  });

  it("can be appended without id collisions", () => {
    const ids = new Set(rows.map((r) => r.participantId));
    for (const { row } of cases) expect(ids.has(row.participantId)).toBe(false);
    const combined = parse(toCsv([...rows, ...cases.map((c) => c.row)])) as string[][];
    expect(combined).toHaveLength(rows.length + cases.length + 1);
  });
});

describe("data/sample-arrears.csv", () => {
  it("matches the generator's defaults (regenerate with npm run generate-sample)", () => {
    const file = readFileSync(new URL("../../../../data/sample-arrears.csv", import.meta.url), "utf8");
    expect(file).toBe(csv);
  });
});
