import {
  DISPOSITION_CODES,
  GUIDE_DROPDOWN_FIELDS,
  GUIDE_FORM_FIELDS,
  type GuideFormField,
  SEND_INFO,
} from "../../functions/domain/disposition";
import type { ManagedViewName } from "./view-contract";

/**
 * The step-by-step guide's pages, shown with AWS managed views (no view resource of our own to
 * publish): the Form view for the case card, the talking points and the disposition form; the
 * Confirmation view once the disposition is recorded. Their input and results are documented in
 * the admin guide's "View resource" page; `view-contract.ts` holds every page to that documentation.
 */

/**
 * The version of an AWS managed view the guide shows. A view id may carry a version qualifier
 * (`<view>:<version>`, DescribeView in the Amazon Connect API reference), and AWS's own sample flows
 * show the managed Form view as `arn:aws:connect:<region>:aws:view/form:1`: version 1, pinned.
 */
export const MANAGED_VIEW_VERSION = 1;

export function managedViewArn(view: ManagedViewName, location: { partition: string; region: string }) {
  return `arn:${location.partition}:connect:${location.region}:aws:view/${view}:${MANAGED_VIEW_VERSION}`;
}

/**
 * The action the Form view's submit button (`Next`) and the Confirmation view's button end the view
 * with (`$.Views.Action`), which the ShowView's conditions compare.
 */
export const SUBMIT_ACTION = "Next";
export const CLOSE_ACTION = "Next";

/**
 * Where the guide flow finds a submitted form input: `$.Views.ViewResultData.FormData.<name>`; a
 * dropdown's value is a list, read as its first item (`.0`).
 */
export function formValuePath(field: GuideFormField): string {
  const dropdown = (GUIDE_DROPDOWN_FIELDS as readonly string[]).includes(field);
  return `$.Views.ViewResultData.FormData.${field}${dropdown ? ".0" : ""}`;
}

/** The case card: contact attribute -> label (Indonesian, for the agent). */
export const CASE_CARD: ReadonlyArray<[string, string]> = [
  ["participantName", "Peserta"],
  ["maskedCardNumber", "Nomor kartu"],
  ["premiumClass", "Kelas"],
  ["familyMembers", "Anggota keluarga"],
  ["bucket", "Kategori"],
  ["arrearsMonths", "Bulan tunggakan"],
  ["amountDue", "Total tagihan"],
  ["virtualAccount", "Nomor VA"],
  ["rehabEligible", "Boleh REHAB"],
  ["rehabMaxInstalments", "REHAB maks. cicilan"],
  ["autodebet", "Autodebet"],
  ["promiseStatus", "Janji bayar"],
  ["promiseDate", "Tanggal janji"],
  ["promiseAmount", "Nominal janji"],
  ["lastInteractions", "5 interaksi terakhir"],
];

/** The essentials above the page (the attribute bar). */
const ATTRIBUTE_BAR = ["participantName", "bucket", "arrearsMonths", "amountDue", "virtualAccount"];

const CODE_LABELS: Record<(typeof DISPOSITION_CODES)[number], string> = {
  PROMISE_TO_PAY: "Janji bayar (tanggal dan nominal)",
  PAID_ALREADY: "Mengaku sudah bayar",
  REFUSES: "Menolak membayar",
  WRONG_NUMBER: "Salah sambung / bukan peserta",
  CALL_BACK_LATER: "Minta ditelepon kembali (tanggal dan jam)",
  WANTS_REHAB: "Ingin ikut REHAB (cicilan)",
  UPDATED_PHONE: "Nomor telepon baru",
  OTHER: "Lainnya (tulis catatan)",
};

const SEND_INFO_LABELS: Record<(typeof SEND_INFO)[number], string> = {
  PAYMENT: "Rincian cara bayar dan nomor VA",
  REHAB: "Rincian langkah daftar REHAB",
  AUTODEBET: "Rincian cara daftar autodebet",
};

/** The guide's talking points: docs/call-script.md in brief (step, what to do). */
export const TALKING_POINTS: ReadonlyArray<[string, string]> = [
  [
    "1. Salam",
    "Selamat pagi/siang/sore/malam (malam mulai 18.00 waktu peserta). Sebut nama Anda dan bahwa ini panggilan resmi BPJS Kesehatan; panggilan direkam.",
  ],
  [
    "2. Pastikan peserta",
    "Sebut nama peserta, minta konfirmasi. Bukan peserta: jangan bahas tunggakan. JANGAN minta nomor kartu, NIK, PIN atau password.",
  ],
  [
    "3. Keaslian panggilan",
    "Bapak/Ibu dapat memastikan panggilan ini melalui Care Center 165. BPJS Kesehatan tidak pernah meminta transfer ke rekening pribadi.",
  ],
  [
    "4. Tunggakan",
    "Sampaikan bulan tunggakan (yang sebenarnya, mis. 40 bulan; yang ditagih dihitung maks. 24 bulan) dan total tagihan di kartu kasus.",
  ],
  [
    "5. Edukasi",
    "Iuran dibayar walau sehat. Kartu aktif kembali setelah tunggakan (dihitung maks. 24 bulan) DAN iuran bulan berjalan dibayar. Denda pelayanan bila rawat inap dalam 45 hari setelah aktif kembali.",
  ],
  [
    "6. Cara bayar",
    "Hanya melalui nomor VA di bank/ATM, Indomaret/Alfamart, Kantor Pos, Mobile JKN. Petugas tidak pernah menerima uang.",
  ],
  ["7. REHAB", "Tunggakan 4-24 bulan: tawarkan REHAB (cicilan) melalui Mobile JKN atau Care Center 165."],
  ["8. Autodebet", "Tawarkan autodebet agar tidak menunggak lagi."],
  ["9. Penutup", "Ulangi janji (tanggal, nominal), tawarkan kiriman rincian, ucapkan terima kasih."],
  [
    "Dilarang",
    "Mengancam, mempermalukan, meminta transfer ke rekening pribadi, membahas tunggakan dengan orang lain.",
  ],
];

/** One form input per guide field, named as the disposition contract's guide fields are. */
const FORM_INPUTS: Record<GuideFormField, Record<string, unknown>> = {
  code: {
    Type: "Dropdown",
    Name: "code",
    Label: "Hasil panggilan",
    Required: true,
    MultiSelect: false,
    Options: DISPOSITION_CODES.map((code) => ({ Label: CODE_LABELS[code], Value: code })),
  },
  promiseDate: {
    Type: "DatePicker",
    Name: "promiseDate",
    Label: "Tanggal janji bayar (paling lambat 30 hari setelah bulan kampanye)",
  },
  promiseAmount: {
    Type: "FormInput",
    InputType: "text",
    Name: "promiseAmount",
    Label: "Nominal janji (Rp, paling banyak total tagihan)",
  },
  callbackDate: { Type: "DatePicker", Name: "callbackDate", Label: "Telepon kembali: tanggal" },
  callbackTime: {
    Type: "TimeInput",
    Name: "callbackTime",
    Label: "Telepon kembali: jam (waktu peserta, 08.00-20.00)",
  },
  newPhone: {
    Type: "FormInput",
    InputType: "text",
    Name: "newPhone",
    Label: "Nomor telepon baru (+62 atau 08...)",
  },
  sendInfo: {
    Type: "Dropdown",
    Name: "sendInfo",
    Label: "Kirim rincian (jika peserta minta)",
    Required: false,
    MultiSelect: false,
    Clearable: true,
    Options: SEND_INFO.map((value) => ({ Label: SEND_INFO_LABELS[value], Value: value })),
  },
  notes: {
    Type: "FormInput",
    InputType: "text",
    Name: "notes",
    Label: "Catatan (tanpa nomor kartu/NIK)",
  },
};

const attribute = (key: string, label: string) => ({ Label: label, Value: `$.Attributes.${key}` });
const labelOf = (key: string) => CASE_CARD.find(([k]) => k === key)?.[1] ?? key;

/** What the page says above the form: a reminder, or why the last submission was not saved. */
export interface FormNotice {
  subHeading?: string;
  error?: string;
}

export const FORM_SUB_HEADING = "Isi hasil panggilan, lalu pilih Simpan hasil panggilan.";

/**
 * The Form view's input: the case card (from the contact attributes the dialer set), the talking
 * points and the disposition form, submitted with one button.
 */
export function dispositionFormData(notice: FormNotice = {}): Record<string, unknown> {
  return {
    Heading: "Telekolekting BPJS Kesehatan",
    SubHeading: notice.subHeading ?? FORM_SUB_HEADING,
    ...(notice.error !== undefined ? { ErrorText: notice.error } : {}),
    AttributeBar: ATTRIBUTE_BAR.map((key) => attribute(key, labelOf(key))),
    Sections: [
      {
        Type: "DataSection",
        Heading: "Kartu kasus",
        Items: CASE_CARD.map(([key, label]) => attribute(key, label)),
      },
      {
        Type: "DataSection",
        Heading: "Poin bicara",
        Items: TALKING_POINTS.map(([label, value]) => ({ Label: label, Value: value })),
      },
      {
        Type: "FormSection",
        Heading: "Hasil panggilan",
        Items: GUIDE_FORM_FIELDS.map((f) => structuredClone(FORM_INPUTS[f])),
      },
    ],
    Next: { Label: "Simpan hasil panggilan" },
  };
}

/** The Confirmation view's input once the disposition is recorded: what happens next. */
export function savedData(): Record<string, unknown> {
  return {
    Heading: "$.External.message",
    SubHeading: "$.External.nextStep",
    AttributeBar: [attribute("participantName", labelOf("participantName"))],
    Next: { Label: "Selesai" },
  };
}
