import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { csvField, csvRecord, embeddedLineBreaks, readCsvRecords } from "../../../functions/import/csv";

async function records(...chunks: (string | Buffer)[]) {
  const out: { fields: string[]; line: number }[] = [];
  for await (const r of readCsvRecords(Readable.from(chunks))) out.push(r);
  return out;
}

describe("readCsvRecords", () => {
  it("gives each record its starting physical line across quoted line breaks and blank lines", async () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n\r\n2,3\n"q\nr\ns",4\n5\n';
    expect(await records(text)).toEqual([
      { fields: ["a", "b"], line: 1 },
      { fields: ["1", "x\r\ny"], line: 2 },
      { fields: ["2", "3"], line: 5 },
      { fields: ["q\nr\ns", "4"], line: 6 },
      { fields: ["5"], line: 9 },
    ]);
  });

  it("strips a BOM, also when split over chunks", async () => {
    const bytes = Buffer.from("\ufeffa,b\n1,2", "utf8");
    expect(await records(bytes.subarray(0, 2), bytes.subarray(2))).toEqual([
      { fields: ["a", "b"], line: 1 },
      { fields: ["1", "2"], line: 2 },
    ]);
  });

  it("keeps quotes inside an unquoted field", async () => {
    expect(await records('a,b\nBudi "Obet" Santoso,2\n')).toEqual([
      { fields: ["a", "b"], line: 1 },
      { fields: ['Budi "Obet" Santoso', "2"], line: 2 },
    ]);
  });

  it("surfaces a source error", async () => {
    const source = new Readable({
      read() {
        this.destroy(new Error("gone"));
      },
    });
    await expect(async () => {
      for await (const _ of readCsvRecords(source)) {
        // drain
      }
    }).rejects.toThrow("gone");
  });

  it("destroys the source when the consumer stops early", async () => {
    const source = Readable.from(["a\n1\n2\n3\n"]);
    for await (const _ of readCsvRecords(source)) break;
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.destroyed).toBe(true);
  });
});

describe("csv output", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["", ""],
  ])("quotes %j as %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("joins a record and round-trips through the reader", async () => {
    const fields = ["1", 'Budi "Obet", Jr.', "x\r\ny", ""];
    const text = `${csvRecord(fields)}\n`;
    expect(await records(text)).toEqual([{ fields, line: 1 }]);
  });

  it("counts line breaks inside fields", () => {
    expect(embeddedLineBreaks(["a", "b\r\nc\nd", "e\rf"])).toBe(3);
    expect(embeddedLineBreaks(["a", "b"])).toBe(0);
  });
});
