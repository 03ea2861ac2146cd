import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotBody } from "../../cli/snapshot-upload";
import { readCsvRecords } from "../../functions/import/csv";
import { tempHome } from "./helpers";

// `import --branch` filters before the upload: the server must see every kept row on the line
// it has in the supervisor's file, or its rejections would point at the wrong rows.
let home: { home: string; remove(): Promise<void> };
let file: string;

const HEADER =
  "participant_id,name,phone,branch_code,class,months_in_arrears,arrears_amount,last_paid_period,autodebet,family_members";
const LINES = [
  HEADER, // 1
  "0001000000017,Rahmat Katili,+6281234567890,GORONTALO,3,4,,2026-07,false,1", // 2
  "", // 3
  '0001000000025,"Sitti\nKatili",+6281234567891,SEMARANG,3,4,,2026-07,false,1', // 4-5
  '0001000000033,"Budi\r\nSantoso",+6281234567892,GORONTALO,3,4,,2026-07,false,1', // 6-7
  "0001000000041,Too Few,+6281234567893,SEMARANG,3", // 8
  "0001000000058,Ani Lamato,+6281234567894, GORONTALO ,3,4,,2026-07,false,1", // 9
];

beforeAll(async () => {
  home = await tempHome();
  file = join(home.home, "arrears.csv");
  await writeFile(file, `\uFEFF${LINES.join("\n")}\n`);
});
afterAll(() => home.remove());

const records = async (body: Buffer) => {
  const found: { line: number; id: string | undefined }[] = [];
  for await (const r of readCsvRecords(Readable.from([body]))) found.push({ line: r.line, id: r.fields[0] });
  return found;
};

describe("import --branch before the upload", () => {
  it("keeps the other branches' rows out, every kept row on its own line", async () => {
    const { body, skippedByFilter } = await snapshotBody(file, ["GORONTALO"]);
    expect(skippedByFilter).toBe(1);
    expect(await records(body)).toEqual([
      { line: 1, id: "participant_id" },
      { line: 2, id: "0001000000017" },
      { line: 6, id: "0001000000033" },
      { line: 8, id: "0001000000041" },
      { line: 9, id: "0001000000058" },
    ]);
    expect(body.toString("utf8")).not.toContain("SEMARANG,3,4");
  });

  it("sends the file as it is without --branch", async () => {
    const { body, skippedByFilter } = await snapshotBody(file, []);
    expect(skippedByFilter).toBe(0);
    expect(body.toString("utf8")).toBe(`\uFEFF${LINES.join("\n")}\n`);
  });
});
