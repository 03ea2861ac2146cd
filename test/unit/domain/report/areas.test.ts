import { describe, expect, it } from "vitest";
import type { Area } from "../../../../functions/domain/area";
import { campaignReport } from "../../../../functions/domain/campaign-report";
import { renderReportCsv, renderReportTable } from "../../../../functions/reports";
import { renderHtmlReport } from "../../../../functions/reports/html";
import { reportCases, sampleReportInput } from "../../../fixtures/campaign-report";

const KOTA = "Kota Gorontalo";
const KAB = "Kabupaten Gorontalo";
/** Cases 1-3 in Kota Gorontalo, 4 and 6 in Limboto, 5 and 7 with no area (see the fixture's amounts). */
const AREAS: Record<number, Area> = {
  1: { kabupaten: KOTA, kecamatan: "Kota Selatan", desa: "Limba B" },
  2: { kabupaten: KOTA, kecamatan: "Kota Selatan" },
  3: { kabupaten: KOTA, kecamatan: "Dungingi" },
  4: { kabupaten: KAB, kecamatan: "Limboto" },
  6: { kabupaten: KAB, kecamatan: "Limboto" },
};
const cases = reportCases.map((c, i) => {
  const area = AREAS[i + 1];
  return area ? { ...c, area } : c;
});
const report = campaignReport(sampleReportInput({ cases }));
const figures = (f: {
  targeted: number;
  amountDue: number;
  paid: number;
  amountCollected: number;
  contacted: number;
}) => [f.targeted, f.amountDue, f.paid, f.amountCollected, f.contacted];

describe("campaign report by area", () => {
  it("per kabupaten: cases, amount due, paid, collected, contacted; most arrears first, no area last", () => {
    expect(report.byArea.byKabupaten.map((a) => [a.kabupaten, ...figures(a)])).toEqual([
      [KOTA, 3, 600_000, 1, 100_000, 3],
      [KAB, 2, 550_000, 0, 50_000, 1],
      [null, 2, 640_000, 0, 70_000, 1],
    ]);
  });

  it("per kecamatan within its kabupaten", () => {
    expect(report.byArea.byKecamatan.map((a) => [a.kabupaten, a.kecamatan, ...figures(a)])).toEqual([
      [KAB, "Limboto", 2, 550_000, 0, 50_000, 1],
      [KOTA, "Dungingi", 1, 300_000, 0, 0, 1],
      [KOTA, "Kota Selatan", 2, 300_000, 1, 100_000, 2],
      [null, null, 2, 640_000, 0, 70_000, 1],
    ]);
  });

  it("a campaign with no areas has one row, Tanpa wilayah, holding every case", () => {
    const plain = campaignReport(sampleReportInput());
    expect(plain.byArea.byKabupaten).toHaveLength(1);
    expect(plain.byArea.byKabupaten[0]).toMatchObject({ kabupaten: null, targeted: 7, amountDue: 1_790_000 });
    expect(renderReportTable(plain)).toMatch(/Per kabupaten\/kota\n(.*\n){2}Tanpa wilayah {2}/);
  });
});

describe("rendered by area, in Indonesian", () => {
  it("the terminal table", () => {
    const text = renderReportTable(report);
    expect(text).toContain("Per kabupaten/kota");
    expect(text).toContain("Per kecamatan");
    const limboto = text.split("\n").find((l) => l.includes("Limboto"));
    expect(limboto?.split(/\s{2,}/).filter(Boolean)).toEqual([
      KAB,
      "Limboto",
      "2",
      "Rp550.000",
      "0",
      "Rp50.000",
      "1",
      "9,1%",
    ]);
  });

  it("the HTML report", () => {
    const html = renderHtmlReport(report);
    expect(html).toContain("<h2>Per kabupaten/kota</h2>");
    expect(html).toContain(
      "<tr><td>Kota Gorontalo</td><td>3</td><td>Rp600.000</td><td>1</td><td>Rp100.000</td><td>3</td><td>16,7%</td></tr>",
    );
    expect(html).toContain("<td>Tanpa wilayah</td><td>Tanpa wilayah</td><td>2</td>");
  });

  it("the CSV", () => {
    const csv = renderReportCsv(report);
    expect(csv).toContain("kabupaten,Kota Gorontalo,amountDue,600000\n");
    expect(csv).toContain("kecamatan,Kabupaten Gorontalo/Limboto,targeted,2\n");
    expect(csv).toContain("kabupaten,,targeted,2\n");
  });
});
