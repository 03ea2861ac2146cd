import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { SAMPLE_BRANCHES } from "../../../functions/domain/branches";
import type { Participant } from "../../../functions/domain/participant";
import {
  ARREARS_COLUMNS,
  type ArrearsColumn,
  type ContactUpdate,
  formatImportSummary,
  type ImportArrearsInput,
  ImportFileError,
  ImportOptionsError,
  importArrears,
  REJECTION_REASONS,
  type RowRejection,
} from "../../../functions/import/arrears-import";
import { csvRecord } from "../../../functions/import/csv";
import type { ParticipantPage, ParticipantStore } from "../../../functions/store/participants";

/** In-memory ParticipantStore that records how putMany is called. */
class FakeParticipantStore implements ParticipantStore {
  readonly items = new Map<string, Participant>();
  /** Size of each putMany call, in call order. */
  readonly calls: number[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly options: { delayMs?: number; failOnCall?: number; error?: Error } = {}) {}

  async putMany(participants: readonly Participant[]): Promise<{ requests: number }> {
    const call = this.calls.push(participants.length);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, this.options.delayMs ?? 0));
      if (call === this.options.failOnCall)
        throw this.options.error ?? new Error(`putMany call ${call} failed`);
      for (const p of participants) this.items.set(p.participantId, structuredClone(p));
      return { requests: Math.ceil(participants.length / 25) };
    } finally {
      this.inFlight--;
    }
  }

  async get(participantId: string): Promise<Participant | undefined> {
    return this.items.get(participantId);
  }

  async pageInArrears(): Promise<ParticipantPage> {
    throw new Error("not used by the importer");
  }

  async countBelow(): Promise<number> {
    throw new Error("not used by the importer");
  }
}

type Row = Record<ArrearsColumn, string>;

const NOW = new Date("2026-12-01T02:00:00.000Z");
const HEADER = ARREARS_COLUMNS.join(",");
const ID = "0001234567890";

const VALID: Row = {
  participant_id: ID,
  name: "Budi Santoso",
  phone: "0812-3456-7890",
  branch_code: "SEMARANG",
  class: "3",
  months_in_arrears: "5",
  arrears_amount: "",
  last_paid_period: "2026-06",
  autodebet: "false",
  family_members: "2",
};

function line(overrides: Partial<Row> = {}, columns: readonly ArrearsColumn[] = ARREARS_COLUMNS): string {
  const row = { ...VALID, ...overrides };
  return csvRecord(columns.map((c) => row[c]));
}

function csv(...lines: string[]): string {
  return `${[HEADER, ...lines].join("\n")}\n`;
}

async function run(source: string | Buffer | Readable, options: Partial<ImportArrearsInput> = {}) {
  const store = (options.store as FakeParticipantStore | undefined) ?? new FakeParticipantStore();
  const rejections: RowRejection[] = [];
  const updates: ContactUpdate[] = [];
  const summary = await importArrears({
    source: source instanceof Readable ? source : Readable.from([source]),
    branches: SAMPLE_BRANCHES,
    now: NOW,
    onRejection: (r) => {
      rejections.push(r);
    },
    onContactUpdate: (u) => {
      updates.push(u);
    },
    ...options,
    store,
  });
  return { summary, store, rejections, updates };
}

describe("importArrears: valid rows", () => {
  it("imports a row as a participant", async () => {
    const { summary, store, rejections } = await run(csv(line({ arrears_amount: "350000" })));
    expect(rejections).toEqual([]);
    expect(summary).toMatchObject({ read: 1, imported: 1, rejected: 0, notContactable: 0, requests: 1 });
    expect(store.items.get(ID)).toEqual({
      participantId: ID,
      name: "Budi Santoso",
      phone: "+6281234567890",
      phoneType: "MOBILE",
      phoneRaw: "0812-3456-7890",
      contactable: true,
      branchCode: "SEMARANG",
      premiumClass: 3,
      monthsInArrears: 5,
      arrearsAmount: 350_000,
      arrearsAmountSource: "IMPORTED",
      lastPaidPeriod: "2026-06",
      autodebet: false,
      familyMembers: 2,
      importedAt: "2026-12-01T02:00:00.000Z",
    } satisfies Participant);
  });

  it("keeps leading zeros of the participant id and trims cells", async () => {
    const { store } = await run(
      csv(line({ participant_id: " 0000000000001 ", name: "  Siti  Aminah ", branch_code: " SEMARANG" })),
    );
    expect(store.items.get("0000000000001")).toMatchObject({ name: "Siti  Aminah", branchCode: "SEMARANG" });
  });

  it("applies the defaults of blank cells", async () => {
    const { store, summary } = await run(
      csv(line({ arrears_amount: "", last_paid_period: "", autodebet: "", family_members: "" })),
    );
    expect(summary.imported).toBe(1);
    const p = store.items.get(ID);
    expect(p).toMatchObject({ autodebet: false, familyMembers: 1, arrearsAmountSource: "COMPUTED" });
    expect(p).not.toHaveProperty("lastPaidPeriod");
    expect(p?.arrearsAmount).toBe(5 * 35_000);
  });

  it.each(["TRUE", "True", "true"])("reads autodebet %j as true", async (autodebet) => {
    const { store } = await run(csv(line({ autodebet })));
    expect(store.items.get(ID)?.autodebet).toBe(true);
  });

  it.each([
    // Kelas III: 35,000 participant share (42,000 minus the 7,000 subsidy)
    ["3", "5", "1", 5 * 35_000],
    ["3", "24", "1", 24 * 35_000],
    ["3", "30", "3", 24 * 35_000 * 3], // months counted up to 24
    ["2", "12", "2", 12 * 100_000 * 2],
    ["1", "2", "", 2 * 150_000],
    ["3", "0", "4", 0],
  ])("computes a blank amount: class %s, %s months, family %j -> %i", async (cls, months, family, amount) => {
    const { store } = await run(
      csv(line({ class: cls, months_in_arrears: months, family_members: family, arrears_amount: "" })),
    );
    expect(store.items.get(ID)).toMatchObject({ arrearsAmount: amount, arrearsAmountSource: "COMPUTED" });
  });

  it.each([
    // class 3, family 2 (VALID): Rp35.000 x 2 a month, counted up to 24 months
    ["5", "350000"], // exactly the maximum
    ["5", "349000"], // less: an earlier partial payment
    ["30", "1680000"], // 24 months counted
    ["0", "0"], // paid up
  ])("keeps an imported amount the arrears explain: %s months, %s", async (months, amount) => {
    const { store, summary } = await run(csv(line({ months_in_arrears: months, arrears_amount: amount })));
    expect(summary.rejected).toBe(0);
    expect(store.items.get(ID)).toMatchObject({
      arrearsAmount: Number(amount),
      arrearsAmountSource: "IMPORTED",
    });
  });

  it("checks an imported amount against the configured premiums and months cap", async () => {
    const premiums = {
      1: { premium: 1, participantShare: 1 },
      2: { premium: 1, participantShare: 1 },
      3: { premium: 50_000, participantShare: 40_000 },
    };
    const text = csv(
      line({ participant_id: "0001000000001", months_in_arrears: "30", arrears_amount: "960000" }),
      line({ participant_id: "0001000000002", months_in_arrears: "30", arrears_amount: "960001" }),
    );
    const { summary, rejections } = await run(text, { premiums, monthsCap: 12 });
    expect(summary).toMatchObject({ imported: 1, rejected: 1 });
    expect(rejections[0]?.message).toBe(
      "line 3, arrears_amount: Rp960.001 is above the maximum Rp960.000 = min(30, 12) month(s) x " +
        "Rp40.000 (class 3 participant share) x 2 family member(s)",
    );
  });

  it("uses configured premiums and months cap for computed amounts", async () => {
    const { store } = await run(csv(line({ class: "3", months_in_arrears: "30", family_members: "1" })), {
      premiums: {
        1: { premium: 1, participantShare: 1 },
        2: { premium: 1, participantShare: 1 },
        3: { premium: 50_000, participantShare: 40_000 },
      },
      monthsCap: 12,
    });
    expect(store.items.get(ID)?.arrearsAmount).toBe(12 * 40_000);
  });

  it("accepts the header columns in any order", async () => {
    const columns = [...ARREARS_COLUMNS].reverse();
    const text = `${columns.join(",")}\n${line({ arrears_amount: "1000" }, columns)}\n`;
    const { store, summary } = await run(text);
    expect(summary.imported).toBe(1);
    expect(store.items.get(ID)).toMatchObject({
      name: "Budi Santoso",
      arrearsAmount: 1000,
      familyMembers: 2,
    });
  });

  it("records the given time, not the clock", async () => {
    const past = new Date("2001-02-03T04:05:06.000Z");
    const { store } = await run(csv(line()), { now: past });
    expect(store.items.get(ID)?.importedAt).toBe("2001-02-03T04:05:06.000Z");
  });
});

describe("importArrears: file format", () => {
  it("strips a UTF-8 BOM and reads CRLF line ends", async () => {
    const text = `\ufeff${HEADER}\r\n${line()}\r\n${line({ participant_id: "0001234567891" })}\r\n`;
    const { summary, store } = await run(Buffer.from(text, "utf8"));
    expect(summary).toMatchObject({ read: 2, imported: 2, rejected: 0 });
    expect(store.items.get(ID)?.familyMembers).toBe(2); // no stray "\r" on the last column
  });

  it("reads a file delivered in tiny chunks (BOM and CRLF split across them)", async () => {
    const text = Buffer.from(`\ufeff${HEADER}\r\n${line()}\r\n${line({ participant_id: "0001234567891" })}`);
    const pieces = Array.from({ length: Math.ceil(text.length / 3) }, (_, i) =>
      text.subarray(i * 3, i * 3 + 3),
    );
    const { summary } = await run(Readable.from(pieces));
    expect(summary).toMatchObject({ read: 2, imported: 2 });
  });

  it("reads quoted names with commas and doubled quotes, and bare quotes inside a name", async () => {
    const text = csv(
      line({ participant_id: "0001000000001", name: "Siregar, Hotman" }),
      line({ participant_id: "0001000000002", name: 'Budi "Obet" Santoso' }),
      `0001000000003,Budi "Ucok" Santoso,08123456789,SEMARANG,3,2,,,false,1`,
    );
    expect(text).toContain('"Siregar, Hotman"');
    expect(text).toContain('"Budi ""Obet"" Santoso"');
    const { store, summary } = await run(text);
    expect(summary.imported).toBe(3);
    expect(store.items.get("0001000000001")?.name).toBe("Siregar, Hotman");
    expect(store.items.get("0001000000002")?.name).toBe('Budi "Obet" Santoso');
    expect(store.items.get("0001000000003")?.name).toBe('Budi "Ucok" Santoso');
  });

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
  ])("gives the starting physical line of records after multi-line quoted fields (%s)", async (_, eol) => {
    const text = [
      HEADER, // 1
      line({ participant_id: "0001000000001", name: `Budi${eol}Santoso${eol}Jr.` }), // 2-4
      line({ participant_id: "0001000000002", class: "4" }), // 5
      "", // 6 (blank, skipped)
      line({ participant_id: "0001000000003", name: `Ani${eol}Lestari`, class: "9" }), // 7-8
      line({ participant_id: "0001000000004", class: "0" }), // 9
      "",
    ].join(eol);
    const { rejections, summary, store } = await run(text);
    expect(summary).toMatchObject({ read: 4, imported: 1, rejected: 3 });
    expect(store.items.get("0001000000001")?.name).toBe(`Budi${eol}Santoso${eol}Jr.`);
    expect(rejections.map((r) => r.line)).toEqual([5, 7, 9]);
    expect(rejections[1]?.message).toBe("line 7, class: '9' is not 1, 2 or 3");
  });

  it("counts blank lines, also at the start and between rows", async () => {
    const text = `\n${HEADER}\n\n${line({ class: "7" })}\n`;
    const { rejections } = await run(text);
    expect(rejections.map((r) => r.line)).toEqual([4]);
  });

  it("reads a header-only file as empty", async () => {
    const { summary, store } = await run(`${HEADER}\n`);
    expect(summary).toMatchObject({ read: 0, imported: 0, rejected: 0, requests: 0 });
    expect(store.calls).toEqual([]);
  });
});

describe("importArrears: header", () => {
  it.each([
    [
      "a missing column",
      ARREARS_COLUMNS.filter((c) => c !== "autodebet").join(","),
      ["missing column(s) 'autodebet'"],
    ],
    ["an unknown column", `${HEADER},nik`, ["unknown column(s) 'nik'"]],
    [
      "both",
      HEADER.replace("class", "kelas").replace(",phone", ""),
      ["missing column(s) 'phone', 'class'", "unknown column(s) 'kelas'"],
    ],
    ["a repeated column", `${HEADER},name`, ["repeated column(s) 'name'"]],
    ["a trailing comma", `${HEADER},`, ["unknown column(s) (blank)"]],
  ])("fails on %s, naming it, and writes nothing", async (_, header, parts) => {
    const store = new FakeParticipantStore();
    const rejections: RowRejection[] = [];
    const result = importArrears({
      source: Readable.from([`${header}\n${line()}\n`]),
      branches: SAMPLE_BRANCHES,
      store,
      now: NOW,
      onRejection: (r) => {
        rejections.push(r);
      },
    });
    await expect(result).rejects.toBeInstanceOf(ImportFileError);
    const error = (await result.catch((e: unknown) => e)) as Error;
    for (const part of parts) expect(error.message).toContain(part);
    expect(error.message).toContain("line 1");
    expect(store.calls).toEqual([]);
    expect(rejections).toEqual([]);
  });

  it("fails on an empty file", async () => {
    await expect(run("")).rejects.toThrow(ImportFileError);
    await expect(run("\n\n")).rejects.toThrow(/empty: a header line is required/);
  });
});

describe("importArrears: rejected rows", () => {
  it.each<[ArrearsColumn, string, string, string]>([
    ["participant_id", "000123456789", "INVALID_PARTICIPANT_ID", "'000123456789' is not exactly 13 digits"],
    ["participant_id", "O001234567890", "INVALID_PARTICIPANT_ID", "'O001234567890' is not exactly 13 digits"],
    [
      "participant_id",
      "00012345678901",
      "INVALID_PARTICIPANT_ID",
      "'00012345678901' is not exactly 13 digits",
    ],
    ["participant_id", "1.23457E+12", "INVALID_PARTICIPANT_ID", "'1.23457E+12' is not exactly 13 digits"],
    ["participant_id", "", "INVALID_PARTICIPANT_ID", "is blank; expected 13 digits"],
    ["name", "", "MISSING_NAME", "is blank"],
    ["name", "   ", "MISSING_NAME", "is blank"],
    ["branch_code", "CABANG-X", "UNKNOWN_BRANCH", "'CABANG-X' is not a configured branch"],
    ["branch_code", "semarang", "UNKNOWN_BRANCH", "'semarang' is not a configured branch"],
    ["branch_code", "", "UNKNOWN_BRANCH", "is blank"],
    ["class", "4", "INVALID_CLASS", "'4' is not 1, 2 or 3"],
    ["class", "III", "INVALID_CLASS", "'III' is not 1, 2 or 3"],
    ["class", "", "INVALID_CLASS", "'' is not 1, 2 or 3"],
    ["months_in_arrears", "-1", "INVALID_MONTHS", "'-1' is not a whole number >= 0"],
    ["months_in_arrears", "abc", "INVALID_MONTHS", "'abc' is not a whole number >= 0"],
    ["months_in_arrears", "1.5", "INVALID_MONTHS", "'1.5' is not a whole number >= 0"],
    ["months_in_arrears", "", "INVALID_MONTHS", "'' is not a whole number >= 0"],
    ["arrears_amount", "1.5", "INVALID_AMOUNT", "'1.5' is not whole rupiah >= 0 (digits only) or blank"],
    [
      "arrears_amount",
      "-35000",
      "INVALID_AMOUNT",
      "'-35000' is not whole rupiah >= 0 (digits only) or blank",
    ],
    [
      "arrears_amount",
      "1.050.000",
      "INVALID_AMOUNT",
      "'1.050.000' is not whole rupiah >= 0 (digits only) or blank",
    ],
    ["arrears_amount", "99999999999999999999", "INVALID_AMOUNT", "'99999999999999999999' is not whole"],
    [
      "arrears_amount",
      "0",
      "ZERO_AMOUNT",
      "0 with 5 month(s) in arrears; give the amount owed, or leave it blank to compute it",
    ],
    [
      "arrears_amount",
      "350001",
      "AMOUNT_ABOVE_MAXIMUM",
      "Rp350.001 is above the maximum Rp350.000 = min(5, 24) month(s) x Rp35.000 (class 3 participant share) x 2 family member(s)",
    ],
    ["arrears_amount", "1050000", "AMOUNT_ABOVE_MAXIMUM", "Rp1.050.000 is above the maximum Rp350.000"],
    ["last_paid_period", "2026-13", "INVALID_PERIOD", "'2026-13' is not YYYY-MM (month 01-12) or blank"],
    ["last_paid_period", "2026-00", "INVALID_PERIOD", "'2026-00' is not YYYY-MM"],
    ["last_paid_period", "2026-1", "INVALID_PERIOD", "'2026-1' is not YYYY-MM"],
    ["last_paid_period", "06/2026", "INVALID_PERIOD", "'06/2026' is not YYYY-MM"],
    ["autodebet", "ya", "INVALID_AUTODEBET", "'ya' is not true, false or blank"],
    ["autodebet", "1", "INVALID_AUTODEBET", "'1' is not true, false or blank"],
    ["family_members", "0", "INVALID_FAMILY_MEMBERS", "'0' is not a whole number >= 1 or blank"],
    ["family_members", "-2", "INVALID_FAMILY_MEMBERS", "'-2' is not a whole number >= 1 or blank"],
    ["family_members", "dua", "INVALID_FAMILY_MEMBERS", "'dua' is not a whole number >= 1 or blank"],
    ["family_members", "9007199254740991", "INVALID_FAMILY_MEMBERS", "'9007199254740991' is too large"],
  ])("rejects %s %j as %s", async (field, value, reason, detail) => {
    const text = csv(line({ participant_id: "0001000000001" }), line({ [field]: value }));
    const { summary, rejections, store } = await run(text);
    expect(summary).toMatchObject({ read: 2, imported: 1, rejected: 1 });
    expect(summary.rejectedByReason).toMatchObject({ [reason]: 1 });
    expect(rejections).toHaveLength(1);
    const [rejection] = rejections;
    expect(rejection).toMatchObject({
      line: 3,
      participantId: field === "participant_id" ? value.trim() : ID,
      field,
      reason,
      raw: line({ [field]: value }),
    });
    expect(rejection?.message.startsWith(`line 3, ${field}: ${detail}`)).toBe(true);
    expect([...store.items.keys()]).toEqual(["0001000000001"]);
  });

  it.each([
    ["too few", line().split(",").slice(0, 9).join(","), 9],
    ["too many", `${line()},extra`, 11],
    ["one", "just one field", 1],
  ])("rejects a row with %s fields as WRONG_FIELD_COUNT", async (_, text, count) => {
    const { summary, rejections } = await run(csv(text));
    expect(summary).toMatchObject({ read: 1, imported: 0, rejected: 1 });
    expect(rejections).toEqual([
      {
        line: 2,
        participantId: count >= 1 && text !== "just one field" ? ID : "just one field",
        field: "",
        reason: "WRONG_FIELD_COUNT",
        message: `line 2: ${count} field(s), expected 10`,
        raw: text,
      },
    ]);
  });

  it("reports every problem of a row, counting the row once", async () => {
    const { summary, rejections } = await run(
      csv(line({ name: "", class: "4", months_in_arrears: "x", autodebet: "ya", family_members: "0" })),
    );
    expect(summary.rejected).toBe(1);
    expect(rejections.map((r) => [r.line, r.field, r.reason])).toEqual([
      [2, "name", "MISSING_NAME"],
      [2, "class", "INVALID_CLASS"],
      [2, "months_in_arrears", "INVALID_MONTHS"],
      [2, "autodebet", "INVALID_AUTODEBET"],
      [2, "family_members", "INVALID_FAMILY_MEMBERS"],
    ]);
    expect(summary.rejectedByReason).toEqual({
      ...Object.fromEntries(REJECTION_REASONS.map((r) => [r, 0])),
      MISSING_NAME: 1,
      INVALID_CLASS: 1,
      INVALID_MONTHS: 1,
      INVALID_AUTODEBET: 1,
      INVALID_FAMILY_MEMBERS: 1,
    });
  });

  it("keeps the first valid occurrence of a participant and rejects later ones, naming the first line", async () => {
    const text = csv(
      line({ months_in_arrears: "5" }), // 2: kept
      line({ participant_id: "0001000000002" }), // 3
      line({ months_in_arrears: "9" }), // 4: duplicate
      line({ months_in_arrears: "7", class: "4" }), // 5: duplicate and bad class
    );
    const { summary, rejections, store } = await run(text);
    expect(summary).toMatchObject({ read: 4, imported: 2, rejected: 2 });
    expect(store.items.get(ID)?.monthsInArrears).toBe(5);
    expect(rejections.map((r) => [r.line, r.reason, r.message])).toEqual([
      [
        4,
        "DUPLICATE_PARTICIPANT",
        "line 4, participant_id: duplicate of line 2 (the first occurrence is kept)",
      ],
      [5, "INVALID_CLASS", "line 5, class: '4' is not 1, 2 or 3"],
    ]);
  });

  it("does not let an invalid first occurrence block a valid later one", async () => {
    const text = csv(line({ class: "4" }), line({ class: "2" }), line({ class: "1" }));
    const { summary, rejections, store } = await run(text);
    expect(summary).toMatchObject({ imported: 1, rejected: 2 });
    expect(store.items.get(ID)?.premiumClass).toBe(2);
    expect(rejections.map((r) => [r.line, r.reason])).toEqual([
      [2, "INVALID_CLASS"],
      [4, "DUPLICATE_PARTICIPANT"],
    ]);
    expect(rejections[1]?.message).toContain("duplicate of line 3");
  });

  it("never puts a name or phone number into a message", async () => {
    const { rejections } = await run(
      csv(line({ name: "Rahasia Sekali", phone: "081299998888", class: "4", months_in_arrears: "x" })),
    );
    for (const r of rejections) {
      expect(r.message).not.toContain("Rahasia");
      expect(r.message).not.toContain("99998888");
    }
  });
});

describe("importArrears: phones", () => {
  it.each([
    ["", "PHONE_MISSING"],
    ["-", "PHONE_INVALID"],
    ["tidak ada", "PHONE_UNEXPECTED_CHARACTERS"],
    ["08123", "PHONE_INVALID"],
    ["0", "PHONE_INVALID"],
    ["+1 212 555 0100", "PHONE_NOT_INDONESIAN"],
  ])("imports a row with phone %j as not contactable (%s)", async (phone, reason) => {
    const { summary, store, updates, rejections } = await run(csv(line({ phone })));
    expect(rejections).toEqual([]);
    expect(summary).toMatchObject({ imported: 1, notContactable: 1 });
    expect(summary.byBranch.SEMARANG).toEqual({ imported: 1, notContactable: 1 });
    const p = store.items.get(ID);
    expect(p).toMatchObject({ contactable: false, phoneRaw: phone });
    expect(p).not.toHaveProperty("phone");
    expect(p).not.toHaveProperty("phoneType");
    expect(updates).toEqual([
      { line: 2, participantId: ID, branchCode: "SEMARANG", phoneRaw: phone, reason },
    ]);
  });

  it("imports a landline as contactable FIXED_LINE", async () => {
    const { store, updates, summary } = await run(csv(line({ phone: "(024) 7654321" })));
    expect(store.items.get(ID)).toMatchObject({
      contactable: true,
      phone: "+62247654321",
      phoneType: "FIXED_LINE",
      phoneRaw: "(024) 7654321",
    });
    expect(updates).toEqual([]);
    expect(summary.notContactable).toBe(0);
  });

  it.each([
    ["+62 812-3456-7890", "+6281234567890"],
    ["6281234567890", "+6281234567890"],
    ["0812 3456 7890", "+6281234567890"],
  ])("normalises %j to E.164", async (phone, e164) => {
    const { store } = await run(csv(line({ phone })));
    expect(store.items.get(ID)).toMatchObject({ phone: e164, phoneType: "MOBILE", contactable: true });
  });
});

describe("importArrears: branch filter", () => {
  it("imports only the filtered branches and counts the others as skipped", async () => {
    const text = csv(
      line({ participant_id: "0001000000001", branch_code: "SEMARANG" }),
      line({ participant_id: "0001000000002", branch_code: "GORONTALO" }),
      line({ participant_id: "0001000000003", branch_code: "GORONTALO", class: "9" }),
      line({ participant_id: "0001000000004", branch_code: "SEMARANG", class: "9" }),
      line({ participant_id: "0001000000005", branch_code: "CABANG-X" }),
    );
    const { summary, store, rejections } = await run(text, { branchFilter: ["SEMARANG"] });
    expect(summary).toMatchObject({ read: 5, imported: 1, rejected: 1, skippedByFilter: 3 });
    expect(summary.byBranch).toEqual({ SEMARANG: { imported: 1, notContactable: 0 } });
    expect([...store.items.keys()]).toEqual(["0001000000001"]);
    expect(rejections.map((r) => r.line)).toEqual([5]);
  });

  it("refuses a filter naming an unknown branch", async () => {
    await expect(run(csv(line()), { branchFilter: ["SEMARANG", "ATLANTIS"] })).rejects.toThrow(
      ImportOptionsError,
    );
    await expect(run(csv(line()), { branchFilter: ["ATLANTIS"] })).rejects.toThrow(/ATLANTIS/);
  });
});

describe("importArrears: writing", () => {
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => line({ participant_id: String(i + 1).padStart(13, "0") }));

  it("writes in chunks as it streams, with at most two chunks in flight", async () => {
    const store = new FakeParticipantStore({ delayMs: 5 });
    const { summary } = await run(csv(...rows(2_345)), { store });
    expect(store.calls).toEqual([500, 500, 500, 500, 345]);
    expect(store.maxInFlight).toBe(2);
    expect(store.items.size).toBe(2_345);
    expect(summary).toMatchObject({ read: 2_345, imported: 2_345, requests: 4 * 20 + 14 });
  });

  it("honours chunkSize and maxChunksInFlight", async () => {
    const store = new FakeParticipantStore({ delayMs: 5 });
    await run(csv(...rows(100)), { store, chunkSize: 30, maxChunksInFlight: 1 });
    expect(store.calls).toEqual([30, 30, 30, 10]);
    expect(store.maxInFlight).toBe(1);
  });

  it.each([
    ["chunkSize", { chunkSize: 0 }],
    ["maxChunksInFlight", { maxChunksInFlight: 1.5 }],
    ["now", { now: new Date(Number.NaN) }],
  ])("refuses a bad %s", async (_, options) => {
    await expect(run(csv(line()), options)).rejects.toThrow(ImportOptionsError);
  });

  it("fails with the store's error when a write fails, after the writes in flight end", async () => {
    const error = new Error("throttled for good");
    const store = new FakeParticipantStore({ delayMs: 2, failOnCall: 2, error });
    await expect(run(csv(...rows(3_000)), { store })).rejects.toBe(error);
    expect(store.inFlight).toBe(0);
    expect(store.calls.length).toBeLessThan(6);
  });

  it("fails with the store's error when the last write fails", async () => {
    const error = new Error("boom");
    const store = new FakeParticipantStore({ failOnCall: 1, error });
    await expect(run(csv(line()), { store })).rejects.toBe(error);
  });

  it("upserts on re-import: the later snapshot replaces the earlier", async () => {
    const store = new FakeParticipantStore();
    await run(csv(line({ months_in_arrears: "5", last_paid_period: "2026-06" })), { store });
    await run(csv(line({ months_in_arrears: "6", last_paid_period: "" })), { store });
    expect(store.items.size).toBe(1);
    const p = store.items.get(ID);
    expect(p?.monthsInArrears).toBe(6);
    expect(p).not.toHaveProperty("lastPaidPeriod");
  });
});

describe("importArrears: unreadable input", () => {
  it("turns a failing stream into ImportFileError with the cause", async () => {
    const cause = new Error("disk on fire");
    const source = new Readable({
      read() {
        this.destroy(cause);
      },
    });
    const error = await run(source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toContain("disk on fire");
    expect((error as Error).cause).toBe(cause);
  });

  it("fails on an unclosed quote without quoting the cells", async () => {
    const text = csv(
      line({ participant_id: "0001000000001" }),
      `${ID},"Rahasia Sekali,0812,SEMARANG,3,1,,,,1`,
    );
    const error = await run(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(
      /^malformed CSV in arrears stream near line \d+: a quoted field is never closed \(CSV_QUOTE_NOT_CLOSED\)$/,
    );
    expect((error as Error).message).not.toContain("Rahasia");
  });
});

describe("formatImportSummary", () => {
  it("summarises counts, reasons, branches and files", async () => {
    const text = csv(
      line({ participant_id: "0001000000001", phone: "" }),
      line({ participant_id: "0001000000002", name: "Rahasia Sekali", phone: "081299998888" }),
      line({ participant_id: "0001000000003", class: "4" }),
      line({ participant_id: "0001000000002" }),
    );
    const { summary } = await run(text);
    const out = formatImportSummary({ ...summary, rejectedRowsPath: "out/rejected.csv" });
    expect(out).toContain("Arrears import: 4 row(s) read");
    expect(out).toMatch(/imported: +2/);
    expect(out).toMatch(/not contactable: +1/);
    expect(out).toMatch(/rejected: +2/);
    expect(out).toMatch(/INVALID_CLASS +1/);
    expect(out).toMatch(/DUPLICATE_PARTICIPANT +1/);
    expect(out).not.toContain("INVALID_MONTHS");
    expect(out).toMatch(/SEMARANG +2 imported, 1 not contactable/);
    expect(out).toContain("rejected rows:       out/rejected.csv");
    expect(out).not.toContain("contact updates:");
    expect(out).not.toContain("Rahasia");
    expect(out).not.toContain("9999");
  });

  it("groups thousands", () => {
    const out = formatImportSummary({
      read: 1_234_567,
      imported: 1_234_000,
      rejected: 567,
      rejectedByReason: {
        ...Object.fromEntries(REJECTION_REASONS.map((r) => [r, 0])),
        INVALID_CLASS: 567,
      } as Record<(typeof REJECTION_REASONS)[number], number>,
      notContactable: 0,
      skippedByFilter: 0,
      byBranch: {},
      requests: 49_360,
    });
    expect(out).toContain("1,234,567 row(s) read");
    expect(out).toMatch(/write requests: +49,360/);
  });
});

describe("importArrears: a supervisor's upload (allowedBranches)", () => {
  it("rejects rows of branches the uploader does not hold with their line, and imports the rest", async () => {
    const { summary, store, rejections } = await run(
      csv(
        line({ participant_id: "0001000000001", branch_code: "SEMARANG" }),
        line({ participant_id: "0001000000002", branch_code: "JAYAPURA" }),
        line({ participant_id: "0001000000003", branch_code: "ATLANTIS" }),
      ),
      { allowedBranches: ["SEMARANG"] },
    );
    expect([...store.items.keys()]).toEqual(["0001000000001"]);
    expect(rejections.map(({ line, field, reason, message }) => ({ line, field, reason, message }))).toEqual([
      {
        line: 3,
        field: "branch_code",
        reason: "BRANCH_NOT_ALLOWED",
        message: "line 3, branch_code: 'JAYAPURA' is not one of your branches (SEMARANG)",
      },
      expect.objectContaining({ line: 4, field: "branch_code", reason: "UNKNOWN_BRANCH" }),
    ]);
    expect(summary).toMatchObject({ read: 3, imported: 1, rejected: 2 });
    expect(Object.keys(summary.byBranch)).toEqual(["SEMARANG"]);
  });
});
