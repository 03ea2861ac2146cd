import type { Case } from "./case";
import type { SendInfo } from "./disposition";
import { type ButtonChoice, type MessagePurpose, QUICK_REPLIES, type QuickReply } from "./messaging";
import { formatRupiah } from "./money";
import { periodLabel } from "./period";
import { type FollowUpCase, friendlyFirstName, TemplateError, virtualAccount } from "./sms-template";

/*
 * The WhatsApp utility templates that go to Meta for approval, in formal Indonesian, one per
 * business-initiated purpose. Their texts are fixed once approved: only the body's {{1}}, {{2}}...
 * change per case. Never a link, never a person or private account to pay; every template says
 * that BPJS Kesehatan never asks for a transfer to a personal account.
 */

export type TemplatePurpose = Exclude<MessagePurpose, "REPLY">;

export interface WhatsAppTemplate {
  name: string;
  purpose: TemplatePurpose;
  category: "UTILITY";
  language: "id";
  /** With {{1}}, {{2}}... in order; never starting or ending with one, never two side by side (Meta's rules). */
  body: string;
  footer: string;
  /** One value per placeholder, for Meta's review. */
  example: readonly string[];
  /** Quick replies, in the order the participant sees them. */
  buttons: readonly QuickReply[];
}

/** Meta's limits: a body of 1024 characters, a quick reply's text of 25, a footer of 60. */
export const TEMPLATE_LIMITS = { body: 1024, buttonText: 25, footer: 60, quickReplies: 10 } as const;

const CHANNELS = "bank, minimarket, Kantor Pos atau aplikasi Mobile JKN";
const NEVER_PERSONAL_ACCOUNT = "BPJS Kesehatan tidak pernah meminta transfer ke rekening pribadi.";
const ALREADY_PAID = "Abaikan pesan ini bila Anda sudah membayar.";
const FOOTER = "BPJS Kesehatan - Care Center 165";
const PAY = `Pembayaran melalui nomor Virtual Account {{4}} di ${CHANNELS}.`;
const REMINDER_FACTS = "Yth. {{1}},\n\niuran JKN Anda tertunggak {{2}} dengan total {{3}}.";
const REACTIVATION = "Kartu JKN aktif kembali setelah tunggakan dan iuran bulan berjalan lunas.";
const EXAMPLE_ARREARS = ["Bapak/Ibu Siti", "8 bulan", "Rp280.000", "8888801000000005"];
/** Information the participant asked for in a call. */
const AS_DISCUSSED = "Yth. {{1}},\n\nsesuai pembicaraan dengan petugas kami";

const template = (t: Omit<WhatsAppTemplate, "category" | "language" | "footer">): WhatsAppTemplate => ({
  ...t,
  category: "UTILITY",
  language: "id",
  footer: FOOTER,
});

export const WHATSAPP_TEMPLATES = {
  telecollect_pengingat: template({
    name: "telecollect_pengingat",
    purpose: "REMINDER",
    body: [
      REMINDER_FACTS,
      `${PAY} ${REACTIVATION}`,
      `${NEVER_PERSONAL_ACCOUNT} ${ALREADY_PAID} Silakan pilih tombol di bawah untuk menjawab pesan ini.`,
    ].join("\n\n"),
    example: EXAMPLE_ARREARS,
    buttons: ["PAID", "CALL_ME", "STOP"],
  }),
  telecollect_pengingat_rehab: template({
    name: "telecollect_pengingat_rehab",
    purpose: "REMINDER",
    body: [
      REMINDER_FACTS,
      `${PAY} Tunggakan ini dapat dicicil hingga {{5}} kali melalui program REHAB; pilih "Info REHAB" untuk langkah-langkahnya.`,
      `${NEVER_PERSONAL_ACCOUNT} ${ALREADY_PAID}`,
    ].join("\n\n"),
    example: [...EXAMPLE_ARREARS, "4"],
    buttons: ["PAID", "CALL_ME", "REHAB_INFO", "STOP"],
  }),
  telecollect_jatuh_tempo: template({
    name: "telecollect_jatuh_tempo",
    purpose: "DUE_SOON",
    body: [
      "Yth. {{1}},\n\niuran JKN Anda sebesar {{2}} belum terbayar. Mohon dibayar paling lambat tanggal {{3}} agar tidak menjadi tunggakan dan kartu JKN tetap aktif.",
      `${PAY} Agar tidak terlewat, daftarkan autodebet melalui aplikasi Mobile JKN.`,
      `${NEVER_PERSONAL_ACCOUNT} ${ALREADY_PAID}`,
    ].join("\n\n"),
    example: ["Bapak/Ibu Siti", "Rp35.000", "10 Desember 2026", "8888801000000005"],
    buttons: ["PAID", "CALL_ME", "STOP"],
  }),
  telecollect_cicilan_rehab: template({
    name: "telecollect_cicilan_rehab",
    purpose: "REHAB_INSTALMENT",
    // The plan's instalment amount is BPJS's, not ours: the participant finds it in Mobile JKN or at 165.
    body: [
      "Yth. {{1}},\n\nkami mengingatkan pembayaran cicilan program REHAB (Rencana Pembayaran Bertahap) iuran JKN Anda paling lambat tanggal {{2}}. Besar cicilan, yang dibayar bersama iuran bulan berjalan, dapat dilihat di aplikasi Mobile JKN atau ditanyakan ke Care Center 165.",
      `Cicilan dibayar melalui nomor Virtual Account {{3}} di ${CHANNELS}. Status kepesertaan JKN Anda aktif kembali setelah cicilan terakhir dibayar.`,
      `${NEVER_PERSONAL_ACCOUNT} ${ALREADY_PAID}`,
    ].join("\n\n"),
    example: ["Bapak/Ibu Siti", "10 Desember 2026", "8888801000000005"],
    buttons: ["PAID", "STOP"],
  }),
  telecollect_janji_bayar: template({
    name: "telecollect_janji_bayar",
    purpose: "PROMISE_EVE",
    body: [
      "Yth. {{1}},\n\nsesuai pembicaraan dengan petugas kami, Anda bersedia membayar iuran JKN pada {{2}} sebesar {{3}}. Terima kasih atas kesediaan Anda.",
      PAY,
      `${NEVER_PERSONAL_ACCOUNT} ${ALREADY_PAID}`,
    ].join("\n\n"),
    example: ["Bapak/Ibu Siti", "12 Desember 2026", "Rp280.000", "8888801000000005"],
    buttons: ["PAID", "CALL_ME", "STOP"],
  }),
  telecollect_panggilan_tak_terjawab: template({
    name: "telecollect_panggilan_tak_terjawab",
    purpose: "MISSED_CALL",
    body: [
      "Yth. {{1}},\n\npetugas BPJS Kesehatan mencoba menghubungi Anda pada {{2}} mengenai iuran JKN Anda.",
      'Untuk memastikan panggilan tersebut resmi, silakan hubungi Care Center 165. Pilih "Minta ditelepon" bila Anda ingin kami menelepon kembali.',
      NEVER_PERSONAL_ACCOUNT,
    ].join("\n\n"),
    example: ["Bapak/Ibu Siti", "6 Desember 2026"],
    buttons: ["CALL_ME", "PAID", "STOP"],
  }),
  telecollect_terima_kasih: template({
    name: "telecollect_terima_kasih",
    purpose: "THANK_YOU",
    body: [
      "Yth. {{1}},\n\nterima kasih, pembayaran iuran JKN Anda sebesar {{2}} telah kami terima.",
      "Agar iuran tidak tertunggak lagi, daftarkan autodebet melalui aplikasi Mobile JKN, kantor cabang BPJS Kesehatan atau Care Center 165.",
      NEVER_PERSONAL_ACCOUNT,
    ].join("\n\n"),
    example: ["Bapak/Ibu Siti", "Rp280.000"],
    buttons: ["STOP"],
  }),
  telecollect_info_pembayaran: template({
    name: "telecollect_info_pembayaran",
    purpose: "CALL_INFO",
    body: [
      `${AS_DISCUSSED}, berikut informasi pembayaran iuran JKN Anda: tunggakan {{2}} dengan total {{3}}.`,
      `${PAY} ${REACTIVATION}`,
      `${NEVER_PERSONAL_ACCOUNT} ${ALREADY_PAID}`,
    ].join("\n\n"),
    example: EXAMPLE_ARREARS,
    buttons: ["PAID", "CALL_ME", "STOP"],
  }),
  telecollect_info_rehab: template({
    name: "telecollect_info_rehab",
    purpose: "CALL_INFO",
    body: [
      `${AS_DISCUSSED}, tunggakan iuran JKN Anda sebesar {{2}} dapat dicicil hingga {{3}} kali melalui program REHAB (Rencana Pembayaran Bertahap). Pendaftaran melalui aplikasi Mobile JKN atau Care Center 165.`,
      `Cicilan dibayar melalui nomor Virtual Account {{4}} di ${CHANNELS}.`,
      NEVER_PERSONAL_ACCOUNT,
    ].join("\n\n"),
    example: ["Bapak/Ibu Siti", "Rp840.000", "4", "8888801000000005"],
    buttons: ["REHAB_INFO", "CALL_ME", "STOP"],
  }),
  telecollect_info_autodebet: template({
    name: "telecollect_info_autodebet",
    purpose: "CALL_INFO",
    body: [
      `${AS_DISCUSSED}, agar iuran JKN tidak menunggak, daftarkan autodebet melalui aplikasi Mobile JKN, kantor cabang BPJS Kesehatan atau Care Center 165.`,
      `Tagihan saat ini sebesar {{2}} dapat dibayar melalui nomor Virtual Account {{3}} di ${CHANNELS}.`,
      NEVER_PERSONAL_ACCOUNT,
    ].join("\n\n"),
    example: ["Bapak/Ibu Siti", "Rp280.000", "8888801000000005"],
    buttons: ["PAID", "STOP"],
  }),
} as const satisfies Record<string, WhatsAppTemplate>;

export type WhatsAppTemplateName = keyof typeof WHATSAPP_TEMPLATES;

/** Every template, in the order above. */
export const templateList = (): WhatsAppTemplate[] => Object.values(WHATSAPP_TEMPLATES);

/** How many placeholders a body has: {{1}}..{{n}}. */
export const placeholderCount = (body: string) => new Set(body.match(/\{\{\d+\}\}/g) ?? []).size;

/** The body as the participant reads it. */
export function renderTemplate(t: WhatsAppTemplate, parameters: readonly string[]): string {
  if (parameters.length !== placeholderCount(t.body))
    throw new TemplateError(
      `${t.name} takes ${placeholderCount(t.body)} parameters, got ${parameters.length}`,
    );
  return t.body.replace(/\{\{(\d+)\}\}/g, (_, n: string) => parameters[Number(n) - 1] ?? "");
}

// ---------------------------------------------------------------------------------------------
// A case's parameters
// ---------------------------------------------------------------------------------------------

/** What a template names of a case: the same figures as an SMS follow-up. */
export type TemplateCase = FollowUpCase;

/** What a follow-up is about; dates are local dates (YYYY-MM-DD) in the participant's zone. */
export type TemplateOccasion =
  | { purpose: "REMINDER" }
  /** One month behind: the month's premium, due on `dueDate` (the 10th). */
  | { purpose: "DUE_SOON"; dueDate: string; amount: number }
  /** On a REHAB plan: the instalment due on `dueDate`, its amount unknown here. */
  | { purpose: "REHAB_INSTALMENT"; dueDate: string }
  | { purpose: "PROMISE_EVE"; promiseDate: string; amount: number }
  | { purpose: "MISSED_CALL"; callDate: string }
  | { purpose: "THANK_YOU"; amountPaid: number }
  | { purpose: "CALL_INFO"; info: SendInfo };

export interface TemplateMessage {
  template: WhatsAppTemplate;
  parameters: string[];
  buttons: ButtonChoice[];
}

/** "Bapak/Ibu Siti", or "Peserta JKN" when no name greets anyone (a parameter is never empty). */
const addressee = (name: string) => {
  const first = friendlyFirstName(name);
  return first ? `Bapak/Ibu ${first}` : "Peserta JKN";
};

/** `8 bulan`; beyond the 24 counted, `30 bulan (dihitung 24 bulan)`, as the SMS says it. */
const monthsPhrase = (c: Pick<Case, "monthsInArrears" | "countedMonths">) =>
  c.monthsInArrears > c.countedMonths
    ? `${c.monthsInArrears} bulan (dihitung ${c.countedMonths} bulan)`
    : `${c.countedMonths} bulan`;

/** `2026-12-10` -> "10 Desember 2026". */
export function indonesianDate(localDate: string): string {
  const m = /^(\d{4}-\d{2})-(\d{2})$/.exec(localDate);
  if (!m) throw new TemplateError("a date must be YYYY-MM-DD");
  return `${Number(m[2])} ${periodLabel(m[1] as string)}`;
}

function parametersOf(c: TemplateCase, occasion: TemplateOccasion): [WhatsAppTemplateName, string[]] {
  const who = addressee(c.name);
  switch (occasion.purpose) {
    case "REMINDER": {
      const arrears = [who, monthsPhrase(c), formatRupiah(c.amountDue), virtualAccount(c.virtualAccount)];
      return c.rehabEligible && c.rehabMaxInstalments > 1
        ? ["telecollect_pengingat_rehab", [...arrears, String(c.rehabMaxInstalments)]]
        : ["telecollect_pengingat", arrears];
    }
    case "DUE_SOON":
      return [
        "telecollect_jatuh_tempo",
        [
          who,
          formatRupiah(occasion.amount),
          indonesianDate(occasion.dueDate),
          virtualAccount(c.virtualAccount),
        ],
      ];
    case "REHAB_INSTALMENT":
      return [
        "telecollect_cicilan_rehab",
        [who, indonesianDate(occasion.dueDate), virtualAccount(c.virtualAccount)],
      ];
    case "PROMISE_EVE":
      return [
        "telecollect_janji_bayar",
        [
          who,
          indonesianDate(occasion.promiseDate),
          formatRupiah(occasion.amount),
          virtualAccount(c.virtualAccount),
        ],
      ];
    case "MISSED_CALL":
      return ["telecollect_panggilan_tak_terjawab", [who, indonesianDate(occasion.callDate)]];
    case "THANK_YOU":
      return ["telecollect_terima_kasih", [who, formatRupiah(occasion.amountPaid)]];
    case "CALL_INFO":
      return callInfoParameters(c, occasion.info, who);
  }
}

/** What is still owed, as the SMS of the same information names it. */
function callInfoParameters(c: TemplateCase, info: SendInfo, who: string): [WhatsAppTemplateName, string[]] {
  const outstanding = formatRupiah(Math.max(0, c.amountDue - c.amountPaid));
  const va = virtualAccount(c.virtualAccount);
  switch (info) {
    case "PAYMENT":
      return ["telecollect_info_pembayaran", [who, monthsPhrase(c), outstanding, va]];
    case "REHAB":
      if (!c.rehabEligible) throw new TemplateError("case is not eligible for REHAB");
      return ["telecollect_info_rehab", [who, outstanding, String(c.rehabMaxInstalments), va]];
    case "AUTODEBET":
      return ["telecollect_info_autodebet", [who, outstanding, va]];
  }
}

/**
 * The template, parameters and buttons of a message to this case: the REHAB reminder for a case
 * eligible for REHAB instalments, the plain one otherwise.
 */
export function templateMessage(c: TemplateCase, occasion: TemplateOccasion): TemplateMessage {
  const [name, parameters] = parametersOf(c, occasion);
  const t: WhatsAppTemplate = WHATSAPP_TEMPLATES[name];
  return {
    template: t,
    parameters,
    buttons: t.buttons.map((reply) => ({ kind: "QUICK_REPLY", reply })),
  };
}

// ---------------------------------------------------------------------------------------------
// Submission to Meta
// ---------------------------------------------------------------------------------------------

/**
 * A template as Meta's template API takes it (CreateWhatsAppMessageTemplate's templateDefinition,
 * or the WhatsApp Manager's JSON): positional parameters with their examples, quick-reply buttons.
 */
export function metaTemplateDefinition(t: WhatsAppTemplate) {
  return {
    name: t.name,
    language: t.language,
    category: t.category,
    components: [
      { type: "BODY", text: t.body, example: { body_text: [[...t.example]] } },
      { type: "FOOTER", text: t.footer },
      { type: "BUTTONS", buttons: t.buttons.map((b) => ({ type: "QUICK_REPLY", text: QUICK_REPLIES[b] })) },
    ],
  };
}

/** Every template's definition: templates/whatsapp/<name>.json holds each (a unit test keeps them equal). */
export const metaTemplateDefinitions = () => templateList().map(metaTemplateDefinition);
