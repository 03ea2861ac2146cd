import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { QUICK_REPLIES } from "../../../functions/domain/messaging";
import {
  indonesianDate,
  metaTemplateDefinitions,
  placeholderCount,
  renderTemplate,
  TEMPLATE_LIMITS,
  type TemplateCase,
  type TemplateOccasion,
  templateList,
  templateMessage,
} from "../../../functions/domain/whatsapp-templates";

const VA = "8888801000000005";
const NEVER_PERSONAL_ACCOUNT = "BPJS Kesehatan tidak pernah meminta transfer ke rekening pribadi.";
const CHANNELS = "bank, minimarket, Kantor Pos atau aplikasi Mobile JKN";

const base: TemplateCase = {
  name: "SITI AMINAH",
  monthsInArrears: 8,
  countedMonths: 8,
  amountDue: 280_000,
  amountPaid: 0,
  virtualAccount: VA,
  rehabEligible: false,
  rehabMaxInstalments: 0,
};

const OCCASIONS: [string, Partial<TemplateCase>, TemplateOccasion][] = [
  ["a reminder", {}, { purpose: "REMINDER" }],
  ["a REHAB reminder", { rehabEligible: true, rehabMaxInstalments: 4 }, { purpose: "REMINDER" }],
  [
    "a due-date reminder",
    { monthsInArrears: 1, countedMonths: 1 },
    { purpose: "DUE_SOON", dueDate: "2026-12-10", amount: 35_000 },
  ],
  [
    "a REHAB instalment reminder",
    { rehabEligible: true },
    { purpose: "REHAB_INSTALMENT", dueDate: "2026-12-10" },
  ],
  ["a promise's eve", {}, { purpose: "PROMISE_EVE", promiseDate: "2026-12-12", amount: 280_000 }],
  ["a missed call", {}, { purpose: "MISSED_CALL", callDate: "2026-12-06" }],
  ["a thank-you", {}, { purpose: "THANK_YOU", amountPaid: 280_000 }],
  ["how to pay, asked for in a call", {}, { purpose: "CALL_INFO", info: "PAYMENT" }],
  [
    "the REHAB plan, asked for in a call",
    { rehabEligible: true, rehabMaxInstalments: 4 },
    { purpose: "CALL_INFO", info: "REHAB" },
  ],
  ["autodebet, asked for in a call", {}, { purpose: "CALL_INFO", info: "AUTODEBET" }],
  // The worst realistic case: 24+ months, the largest amounts, a 20-digit VA, a long name.
  [
    "the longest reminder",
    {
      name: "Hj. Welhelmina Fransiska Latumahina-Pattiasina, S.Kep.",
      monthsInArrears: 99,
      countedMonths: 24,
      amountDue: 999_999_999,
      virtualAccount: "8".repeat(20),
      rehabEligible: true,
      rehabMaxInstalments: 12,
    },
    { purpose: "REMINDER" },
  ],
];

describe("the WhatsApp templates", () => {
  it.each(OCCASIONS)(
    "renders %s for a case: every placeholder filled, no link, the warning",
    (_, over, occasion) => {
      const { template, parameters, buttons } = templateMessage({ ...base, ...over }, occasion);
      expect(template.purpose).toBe(occasion.purpose);
      expect(parameters).toHaveLength(placeholderCount(template.body));
      const text = renderTemplate(template, parameters);
      expect(text).not.toMatch(/\{\{|\}\}/);
      expect(text.length).toBeLessThanOrEqual(TEMPLATE_LIMITS.body);
      expect(`${text} ${template.footer}`).not.toMatch(/https?:|www\.|:\/\/|\.com|\.id\b|wa\.me/i);
      expect(text).toContain(NEVER_PERSONAL_ACCOUNT);
      expect(text.replace(NEVER_PERSONAL_ACCOUNT, "")).not.toMatch(/rekening|transfer/i);
      // A parameter may hold no newline, tab or run of spaces (Meta refuses the send).
      for (const p of parameters) expect(p).toMatch(/^\S(?:.*\S)?$/);
      for (const p of parameters) expect(p).not.toMatch(/[\n\t]| {5}/);
      expect(buttons.map((b) => (b.kind === "QUICK_REPLY" ? b.reply : ""))).toEqual(template.buttons);
    },
  );

  it("asks for money only with the VA and the official channels beside it", () => {
    for (const [, over, occasion] of OCCASIONS) {
      const { template, parameters } = templateMessage({ ...base, ...over }, occasion);
      const text = renderTemplate(template, parameters);
      if (/membayar iuran|belum terbayar|tertunggak \d/.test(text)) {
        expect(text).toContain(`Virtual Account ${over.virtualAccount ?? VA} di ${CHANNELS}.`);
      }
    }
  });

  it("writes the reminder a participant reads, in formal Indonesian", () => {
    const { template, parameters } = templateMessage(base, { purpose: "REMINDER" });
    expect(template.name).toBe("telecollect_pengingat");
    expect(renderTemplate(template, parameters)).toBe(
      "Yth. Bapak/Ibu Siti,\n\niuran JKN Anda tertunggak 8 bulan dengan total Rp280.000.\n\n" +
        `Pembayaran melalui nomor Virtual Account ${VA} di ${CHANNELS}. ` +
        "Kartu JKN aktif kembali setelah tunggakan dan iuran bulan berjalan lunas.\n\n" +
        `${NEVER_PERSONAL_ACCOUNT} Abaikan pesan ini bila Anda sudah membayar. ` +
        "Silakan pilih tombol di bawah untuk menjawab pesan ini.",
    );
  });

  it("offers REHAB to a case eligible for it, with the instalments, and keeps Berhenti", () => {
    const { template, parameters } = templateMessage(
      {
        ...base,
        monthsInArrears: 30,
        countedMonths: 24,
        amountDue: 840_000,
        rehabEligible: true,
        rehabMaxInstalments: 12,
      },
      { purpose: "REMINDER" },
    );
    expect(template.name).toBe("telecollect_pengingat_rehab");
    const text = renderTemplate(template, parameters);
    expect(text).toContain("tertunggak 30 bulan (dihitung 24 bulan) dengan total Rp840.000.");
    expect(text).toContain("dapat dicicil hingga 12 kali melalui program REHAB");
    expect(template.buttons.map((b) => QUICK_REPLIES[b])).toEqual([
      "Sudah bayar",
      "Minta ditelepon",
      "Info REHAB",
      "Berhenti",
    ]);
  });

  it("greets by first name, or as a participant when the name greets no one", () => {
    expect(templateMessage({ ...base, name: "李小龙" }, { purpose: "REMINDER" }).parameters[0]).toBe(
      "Peserta JKN",
    );
    expect(
      templateMessage({ ...base, name: "H. MUHAMMAD HERU" }, { purpose: "REMINDER" }).parameters[0],
    ).toBe("Bapak/Ibu Muhammad");
  });

  it("names the due date, the promise date and the call date in Indonesian", () => {
    expect(indonesianDate("2026-12-10")).toBe("10 Desember 2026");
    const due = templateMessage(base, { purpose: "DUE_SOON", dueDate: "2027-01-10", amount: 35_000 });
    expect(renderTemplate(due.template, due.parameters)).toContain(
      "iuran JKN Anda sebesar Rp35.000 belum terbayar. Mohon dibayar paling lambat tanggal 10 Januari 2027",
    );
    const eve = templateMessage(base, { purpose: "PROMISE_EVE", promiseDate: "2026-12-12", amount: 100_000 });
    expect(renderTemplate(eve.template, eve.parameters)).toContain(
      "pada 12 Desember 2026 sebesar Rp100.000.",
    );
    const missed = templateMessage(base, { purpose: "MISSED_CALL", callDate: "2026-12-06" });
    const text = renderTemplate(missed.template, missed.parameters);
    expect(text).toContain("mencoba menghubungi Anda pada 6 Desember 2026");
    expect(text).toContain("hubungi Care Center 165");
    expect(text).not.toMatch(/Rp/);
  });

  it("reminds a participant on a REHAB plan of the instalment's due date and VA, naming no amount", () => {
    const { template, parameters } = templateMessage(
      { ...base, amountDue: 840_000 },
      { purpose: "REHAB_INSTALMENT", dueDate: "2027-01-10" },
    );
    expect(template.name).toBe("telecollect_cicilan_rehab");
    expect(parameters).toEqual(["Bapak/Ibu Siti", "10 Januari 2027", VA]);
    const text = renderTemplate(template, parameters);
    expect(text).toBe(
      "Yth. Bapak/Ibu Siti,\n\nkami mengingatkan pembayaran cicilan program REHAB (Rencana Pembayaran " +
        "Bertahap) iuran JKN Anda paling lambat tanggal 10 Januari 2027. Besar cicilan, yang dibayar " +
        "bersama iuran bulan berjalan, dapat dilihat di aplikasi Mobile JKN atau ditanyakan ke Care " +
        `Center 165.\n\nCicilan dibayar melalui nomor Virtual Account ${VA} di ${CHANNELS}. Status ` +
        "kepesertaan JKN Anda aktif kembali setelah cicilan terakhir dibayar.\n\n" +
        `${NEVER_PERSONAL_ACCOUNT} Abaikan pesan ini bila Anda sudah membayar.`,
    );
    expect(text).not.toMatch(/Rp/);
    // Never called as a debtor: no "call me" to offer.
    expect(template.buttons.map((b) => QUICK_REPLIES[b])).toEqual(["Sudah bayar", "Berhenti"]);
  });

  it("thanks for a payment in full and invites autodebet", () => {
    const { template, parameters } = templateMessage(base, { purpose: "THANK_YOU", amountPaid: 280_000 });
    const text = renderTemplate(template, parameters);
    expect(text).toContain("pembayaran iuran JKN Anda sebesar Rp280.000 telah kami terima.");
    expect(text).toContain("daftarkan autodebet melalui aplikasi Mobile JKN");
  });

  it("sends what the participant asked for in a call: what is still owed, the VA, the REHAB instalments", () => {
    const partly = { ...base, amountPaid: 80_000, rehabEligible: true, rehabMaxInstalments: 4 };
    const pay = templateMessage(partly, { purpose: "CALL_INFO", info: "PAYMENT" });
    expect(pay.template.name).toBe("telecollect_info_pembayaran");
    expect(renderTemplate(pay.template, pay.parameters)).toContain(
      `sesuai pembicaraan dengan petugas kami, berikut informasi pembayaran iuran JKN Anda: tunggakan 8 bulan dengan total Rp200.000.`,
    );
    const rehab = templateMessage(partly, { purpose: "CALL_INFO", info: "REHAB" });
    expect(renderTemplate(rehab.template, rehab.parameters)).toContain("dapat dicicil hingga 4 kali");
    expect(() =>
      templateMessage({ ...base, rehabEligible: false }, { purpose: "CALL_INFO", info: "REHAB" }),
    ).toThrow("not eligible for REHAB");
  });

  it("refuses a virtual account that is not digits", () => {
    expect(() => templateMessage({ ...base, virtualAccount: "VA-1" }, { purpose: "REMINDER" })).toThrow(
      "virtualAccount must be digits",
    );
  });

  it("keeps every template within Meta's rules", () => {
    const names = templateList().map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const t of templateList()) {
      expect(t.name).toMatch(/^[a-z0-9_]{1,512}$/);
      const n = placeholderCount(t.body);
      // {{1}}..{{n}}, each once, in order; not at either end, never two side by side.
      expect(t.body.match(/\{\{\d+\}\}/g)).toEqual(Array.from({ length: n }, (_, i) => `{{${i + 1}}}`));
      expect(t.body).not.toMatch(/^\{\{|\}\}$|\}\}\s*\{\{/);
      expect(t.example).toHaveLength(n);
      expect(t.buttons.length).toBeLessThanOrEqual(TEMPLATE_LIMITS.quickReplies);
      for (const b of t.buttons)
        expect(QUICK_REPLIES[b].length).toBeLessThanOrEqual(TEMPLATE_LIMITS.buttonText);
      expect(t.footer.length).toBeLessThanOrEqual(TEMPLATE_LIMITS.footer);
      expect(renderTemplate(t, t.example).length).toBeLessThanOrEqual(TEMPLATE_LIMITS.body);
    }
    // Every business-initiated purpose has its template; "Berhenti" is offered on every one.
    expect(new Set(templateList().map((t) => t.purpose))).toEqual(
      new Set([
        "REMINDER",
        "DUE_SOON",
        "REHAB_INSTALMENT",
        "PROMISE_EVE",
        "MISSED_CALL",
        "THANK_YOU",
        "CALL_INFO",
      ]),
    );
    for (const t of templateList()) expect(t.buttons).toContain("STOP");
  });

  it("exports the definitions as Meta's template submission takes them", () => {
    const definitions = metaTemplateDefinitions();
    expect(definitions.map((d) => d.name)).toEqual([
      "telecollect_pengingat",
      "telecollect_pengingat_rehab",
      "telecollect_jatuh_tempo",
      "telecollect_cicilan_rehab",
      "telecollect_janji_bayar",
      "telecollect_panggilan_tak_terjawab",
      "telecollect_terima_kasih",
      "telecollect_info_pembayaran",
      "telecollect_info_rehab",
      "telecollect_info_autodebet",
    ]);
    expect(definitions[0]).toEqual({
      name: "telecollect_pengingat",
      language: "id",
      category: "UTILITY",
      components: [
        {
          type: "BODY",
          text: expect.stringContaining("Yth. {{1}},"),
          example: { body_text: [["Bapak/Ibu Siti", "8 bulan", "Rp280.000", VA]] },
        },
        { type: "FOOTER", text: "BPJS Kesehatan - Care Center 165" },
        {
          type: "BUTTONS",
          buttons: [
            { type: "QUICK_REPLY", text: "Sudah bayar" },
            { type: "QUICK_REPLY", text: "Minta ditelepon" },
            { type: "QUICK_REPLY", text: "Berhenti" },
          ],
        },
      ],
    });
    // Plain JSON: what the submission and the docs print.
    expect(JSON.parse(JSON.stringify(definitions))).toEqual(definitions);
  });

  it("ships each definition as templates/whatsapp/<name>.json, the file submitted to Meta", () => {
    const dir = new URL("../../../templates/whatsapp/", import.meta.url);
    const definitions = metaTemplateDefinitions();
    expect(readdirSync(dir).sort()).toEqual(definitions.map((d) => `${d.name}.json`).sort());
    for (const d of definitions)
      expect(JSON.parse(readFileSync(new URL(`${d.name}.json`, dir), "utf8"))).toEqual(d);
  });
});
