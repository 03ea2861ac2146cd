import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Kader } from "../../../functions/domain/kader";
import { ImportFileError } from "../../../functions/import/import-errors";
import { readKaderResultsFile } from "../../../functions/import/kader-results-import";

const NOW = new Date("2026-12-02T02:00:00.000Z");
const HEADER = "kader_id,participant_id,visited_at,outcome,promise_date,reason,new_phone,text";
const roster: Kader[] = [
  {
    kaderId: "GTO-K01",
    name: "A",
    phone: "+6281200000000",
    branchCode: "GORONTALO",
    kecamatan: "Kota Barat",
    capacityPerWeek: 5,
  },
  {
    kaderId: "SMG-K01",
    name: "B",
    phone: "+6281200000001",
    branchCode: "SEMARANG",
    kecamatan: "Tugu",
    capacityPerWeek: 5,
  },
];
const read = (lines: string[]) =>
  readKaderResultsFile(Readable.from([lines.join("\n")]), roster, "GORONTALO", NOW);

describe("reading a kader results file", () => {
  it("refuses a file with an amount column: kader never collect money", async () => {
    const file = read([
      `${HEADER},amount`,
      "GTO-K01,0001000000001,2026-12-01,VISITED_PROMISED,2026-12-10,,,,50000",
    ]);
    await expect(file).rejects.toThrow(ImportFileError);
    await expect(read([`${HEADER},jumlah_bayar`])).rejects.toThrow(/kader never collect money/);
  });

  it("rejects each bad row with its line, field and reason, keeping the good ones", async () => {
    const file = await read([
      HEADER,
      "GTO-K01,0001000000001,2026-12-01,VISITED_PROMISED,2026-12-10,,,",
      "SMG-K01,0001000000002,2026-12-01,NOT_HOME,,,,",
      "GTO-K01,12,2026-12-01,NOT_HOME,,,,",
      "GTO-K01,0001000000003,2027-01-01,NOT_HOME,,,,",
      "GTO-K01,0001000000004,2026-12-01,VISITED_REFUSED,,,,",
      "GTO-K01,0001000000005,2026-12-01,PHONE_UPDATED,,,12ab,",
      "GTO-K01,0001000000006,2026-12-01,COMPLAINT,,,,",
      "GTO-K01,0001000000007,2026-12-01,PAID,,,,",
      "GTO-K01,0001000000008,2026-12-01,PHONE_UPDATED,,,0812-9999-8888,",
    ]);
    expect(file.read).toBe(9);
    expect(file.results.map((r) => [r.participantId, r.outcome, r.newPhone ?? r.promiseDate])).toEqual([
      ["0001000000001", "VISITED_PROMISED", "2026-12-10"],
      ["0001000000008", "PHONE_UPDATED", "+6281299998888"],
    ]);
    expect(file.rejections.map((r) => [r.line, r.field, r.reason])).toEqual([
      [3, "kader_id", "KADER_OF_ANOTHER_BRANCH"],
      [4, "participant_id", "INVALID_PARTICIPANT_ID"],
      [5, "visited_at", "INVALID_VISITED_AT"],
      [6, "reason", "MISSING_REASON"],
      [7, "new_phone", "INVALID_PHONE"],
      [8, "text", "MISSING_TEXT"],
      [9, "outcome", "INVALID_OUTCOME"],
    ]);
    expect(file.rejections[0]?.message).toBe("line 3, kader_id: 'SMG-K01' serves SEMARANG, not GORONTALO");
  });
});
