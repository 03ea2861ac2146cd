import { describe, expect, it } from "vitest";
import {
  branchIndex,
  branchSchema,
  branchTimeZone,
  contactWindowSchema,
  FRIDAY_PRAYERS,
  parseBranches,
  SAMPLE_BRANCHES,
} from "../../../functions/domain/branches";

const jakarta = { code: "SEMARANG", name: "Kantor Cabang Semarang", timeZone: "Asia/Jakarta" };

describe("contactWindowSchema", () => {
  it("defaults to Monday-Saturday 08:00-20:00, the national calendar, no contact during Friday prayers", () => {
    expect(contactWindowSchema.parse({})).toEqual({
      days: [1, 2, 3, 4, 5, 6],
      start: "08:00",
      end: "20:00",
      nationalCalendar: "HOLIDAYS_AND_CUTI_BERSAMA",
      holidays: [],
      blocked: {
        weekly: [{ days: [5], start: "11:30", end: "13:00" }],
        dated: [],
      },
    });
  });

  it("keeps Friday prayers when only dated blocks are given", () => {
    const w = contactWindowSchema.parse({
      blocked: { dated: [{ from: "2027-02-07", to: "2027-03-10", start: "17:45", end: "19:00" }] },
    });
    expect(w.blocked.weekly).toEqual([FRIDAY_PRAYERS]);
    expect(w.blocked.dated).toHaveLength(1);
  });

  it.each([
    [{ start: "20:00", end: "08:00" }, "end must be after start"],
    [{ start: "09:00", end: "09:00" }, "end must be after start"],
    [{ start: "8:00" }, "expected HH:MM"],
    [{ end: "24:00" }, "expected HH:MM"],
    [{ days: [0] }, "days"],
    [{ days: [1, 1] }, "days must not repeat"],
    [{ days: [] }, "days"],
    [{ holidays: ["2026-02-30"] }, "expected a calendar date"],
    [{ holidays: ["25-12-2026"] }, "expected a calendar date"],
    [{ nationalCalendar: "ALL" }, "nationalCalendar"],
    [{ blocked: { weekly: [{ days: [5], start: "13:00", end: "11:30" }] } }, "end must be after start"],
    [{ blocked: { weekly: [{ days: [8], start: "11:30", end: "13:00" }] } }, "days"],
    [
      { blocked: { dated: [{ from: "2026-03-20", to: "2026-02-18", start: "17:45", end: "19:00" }] } },
      "to must not be before from",
    ],
    [
      { blocked: { dated: [{ from: "2026-02-30", to: "2026-03-01", start: "17:45", end: "19:00" }] } },
      "expected a calendar date",
    ],
  ])("rejects %j", (input, message) => {
    expect(() => contactWindowSchema.parse(input)).toThrow(message);
  });
});

describe("branchSchema", () => {
  it("fills defaults", () => {
    const branch = branchSchema.parse(jakarta);
    expect(branch.agentsOnShift).toBe(3);
    expect(branch.contactWindow.start).toBe("08:00");
  });

  it("fills window defaults around a partial window", () => {
    const branch = branchSchema.parse({ ...jakarta, contactWindow: { end: "17:00" } });
    expect(branch.contactWindow).toMatchObject({ start: "08:00", end: "17:00", days: [1, 2, 3, 4, 5, 6] });
  });
});

describe("parseBranches", () => {
  it("names the path of an unknown time zone", () => {
    const input = [
      jakarta,
      { code: "GORONTALO", name: "Kantor Cabang Gorontalo", timeZone: "Asia/Makassar" },
      { code: "JAKARTA_PUSAT", name: "Kantor Cabang Jakarta Pusat", timeZone: "Asia/Jakrta" },
    ];
    expect(() => parseBranches(input)).toThrow("branches[2].timeZone: unknown IANA time zone 'Asia/Jakrta'");
  });

  it("rejects duplicate codes", () => {
    expect(() => parseBranches([jakarta, jakarta])).toThrow(
      "branches[1].code: duplicate branch code 'SEMARANG'",
    );
  });

  it.each([
    [{ ...jakarta, code: "semarang" }, "branches[0].code"],
    [{ ...jakarta, code: "S" }, "branches[0].code"],
    [{ ...jakarta, name: " " }, "branches[0].name"],
    [{ ...jakarta, agentsOnShift: 0 }, "branches[0].agentsOnShift"],
    [
      { ...jakarta, contactWindow: { start: "21:00" } },
      "branches[0].contactWindow.end: end must be after start",
    ],
  ])("names the field of %j", (branch, path) => {
    expect(() => parseBranches([branch])).toThrow(path);
  });

  it("rejects a non-array", () => {
    expect(() => parseBranches({ branches: [] })).toThrow(/^branches: /);
  });
});

describe("SAMPLE_BRANCHES", () => {
  it("covers WIB, WITA and WIT with Indonesian names, the national calendar and the iftar hour", () => {
    const index = branchIndex(SAMPLE_BRANCHES);
    expect(index.get("GORONTALO")?.timeZone).toBe("Asia/Makassar");
    expect(index.get("SEMARANG")?.timeZone).toBe("Asia/Jakarta");
    expect(index.get("SINGKAWANG")?.timeZone).toBe("Asia/Pontianak");
    expect(index.get("JAYAPURA")?.timeZone).toBe("Asia/Jayapura");
    expect(index.get("GORONTALO")?.name).toBe("Kantor Cabang Gorontalo");
    for (const branch of SAMPLE_BRANCHES) {
      const w = branch.contactWindow;
      expect(w.nationalCalendar).toBe("HOLIDAYS_AND_CUTI_BERSAMA");
      expect(w.blocked.weekly).toEqual([FRIDAY_PRAYERS]);
      expect(w.blocked.dated.map((b) => [b.from, b.to, b.start, b.end])).toEqual([
        ["2026-02-18", "2026-03-20", "17:45", "19:00"],
        ["2027-02-07", "2027-03-10", "17:45", "19:00"],
      ]);
    }
  });

  it("round-trips through parseBranches", () => {
    expect(parseBranches(SAMPLE_BRANCHES)).toEqual(SAMPLE_BRANCHES);
  });
});

describe("branchTimeZone", () => {
  it("is the branch's zone, and WIB for a branch no longer configured", () => {
    const branches = branchIndex(SAMPLE_BRANCHES);
    expect(branchTimeZone(branches, "GORONTALO")).toBe("Asia/Makassar");
    expect(branchTimeZone(branches, "CLOSED_BRANCH")).toBe("Asia/Jakarta");
  });
});
