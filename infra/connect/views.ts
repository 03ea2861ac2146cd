import { DISPOSITION_CODES, DISPOSITION_FORM_FIELDS, SEND_INFO } from "../../functions/domain/disposition";

/**
 * The step-by-step guide's views (`AWS::Connect::View` templates), generated from typed components
 * so the disposition form's inputs are exactly the disposition contract's fields. Template shape
 * (Head/Body, `_id`, `Type`, `Props`, `Content`; form values returned as
 * `ViewResultData.FormData.<Name>` with the action name) follows the admin guide's custom-view and
 * Form-view pages; see docs/agents.md for what could not be checked without an instance.
 */

export interface ViewComponent {
  _id: string;
  Type: string;
  Props: Record<string, unknown>;
  Content?: ViewComponent[];
}

export interface ViewTemplate {
  Head: { Title: string; Configuration: { Layout: { Columns: string[] } } };
  Body: ViewComponent[];
}

export interface ViewDefinition {
  name: string;
  description: string;
  template: ViewTemplate;
  /** Every action a component of the template may end the view with. */
  actions: string[];
}

/** The action of the form's submit button: the guide flow's condition to save the disposition. */
export const SUBMIT_ACTION = "Submit";
export const CLOSE_ACTION = "Close";

/** Where the guide flow finds a submitted form field. */
export const formValuePath = (field: string) => `$.Views.ViewResultData.FormData.${field}`;

/** The case card: view input key -> label (Indonesian, for the agent). Values come from attributes. */
export const CASE_CARD: ReadonlyArray<[string, string]> = [
  ["participantName", "Peserta"],
  ["maskedCardNumber", "Nomor kartu"],
  ["premiumClass", "Kelas"],
  ["familyMembers", "Anggota keluarga"],
  ["bucket", "Kategori"],
  ["countedMonths", "Bulan tunggakan (maks. 24)"],
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

/** View inputs besides the case card: the notice above the form (a rejection, a failure). */
export const VIEW_MESSAGE_INPUT = "message";

const CODE_LABELS: Record<(typeof DISPOSITION_CODES)[number], string> = {
  PROMISE_TO_PAY: "Janji bayar (tanggal dan nominal)",
  PAID_ALREADY: "Mengaku sudah bayar",
  REFUSES: "Menolak membayar",
  WRONG_NUMBER: "Salah sambung / bukan peserta",
  CALL_BACK_LATER: "Minta ditelepon kembali (waktu)",
  WANTS_REHAB: "Ingin ikut REHAB (cicilan)",
  UPDATED_PHONE: "Nomor telepon baru",
  OTHER: "Lainnya (tulis catatan)",
};

const SEND_INFO_LABELS: Record<(typeof SEND_INFO)[number], string> = {
  PAYMENT: "SMS cara bayar dan nomor VA",
  REHAB: "SMS langkah daftar REHAB",
  AUTODEBET: "SMS cara daftar autodebet",
};

/** The guide's talking points: docs/call-script.md in brief. */
export const TALKING_POINTS = [
  "Salam: sebut nama Anda dan bahwa ini panggilan resmi BPJS Kesehatan; panggilan direkam.",
  "Pastikan berbicara dengan peserta: sebut nama peserta, minta konfirmasi. JANGAN minta nomor kartu, NIK, PIN atau password.",
  "Sampaikan tunggakan: jumlah bulan dan total tagihan di kartu kasus.",
  "Edukasi: iuran dibayar walau sehat; kartu nonaktif selama menunggak; tunggakan dihitung maks. 24 bulan; denda pelayanan rawat inap dalam 45 hari setelah aktif kembali.",
  "Cara bayar: hanya ke nomor VA di bank/ATM, Indomaret/Alfamart, Kantor Pos, Mobile JKN, autodebet. Petugas tidak pernah menerima uang.",
  "Tunggakan 4-24 bulan: tawarkan REHAB (cicilan) lewat Mobile JKN atau Care Center 165.",
  "Tawarkan autodebet agar tidak menunggak lagi.",
  "Tutup: ulangi janji (tanggal, nominal), tawarkan SMS rincian, ucapkan terima kasih.",
  "Dilarang: mengancam, mempermalukan, meminta transfer ke rekening pribadi, membahas tunggakan dengan orang lain.",
];

/** One form input per disposition field, named as the contract names it. */
const FORM_INPUTS: Record<(typeof DISPOSITION_FORM_FIELDS)[number], ViewComponent> = {
  code: {
    _id: "code",
    Type: "FormSelect",
    Props: {
      Name: "code",
      Label: "Hasil panggilan",
      Required: true,
      Options: DISPOSITION_CODES.map((code) => ({ Value: code, Label: CODE_LABELS[code] })),
    },
  },
  promiseDate: {
    _id: "promiseDate",
    Type: "DatePicker",
    Props: {
      Name: "promiseDate",
      Label: "Tanggal janji bayar (dalam periode kampanye)",
      Max: "$.followUpUntil",
    },
  },
  promiseAmount: {
    _id: "promiseAmount",
    Type: "FormInput",
    Props: {
      Name: "promiseAmount",
      Label: "Nominal janji (Rp, paling banyak total tagihan)",
      InputType: "number",
      Min: "1",
      Max: "$.amountDueValue",
    },
  },
  callbackAt: {
    _id: "callbackAt",
    Type: "FormInput",
    Props: {
      Name: "callbackAt",
      Label: "Telepon kembali pada (tanggal dan jam, zona peserta)",
      InputType: "datetime-local",
    },
  },
  newPhone: {
    _id: "newPhone",
    Type: "FormInput",
    Props: {
      Name: "newPhone",
      Label: "Nomor telepon baru (+62 atau 08...)",
      InputType: "tel",
      Pattern: "^(\\+62|62|0)8[0-9]{7,11}$",
    },
  },
  sendInfo: {
    _id: "sendInfo",
    Type: "FormSelect",
    Props: {
      Name: "sendInfo",
      Label: "Kirim SMS rincian (jika peserta minta)",
      Options: SEND_INFO.map((value) => ({ Value: value, Label: SEND_INFO_LABELS[value] })),
    },
  },
  notes: {
    _id: "notes",
    Type: "TextArea",
    Props: { Name: "notes", Label: "Catatan (tanpa nomor kartu/NIK)", MaxLength: 1000 },
  },
};

const layout = { Layout: { Columns: ["12"] } };
const input = (key: string) => `$.${key}`;

/** The case card, the talking points and the disposition form, submitted with one button. */
export function dispositionView(): ViewDefinition {
  return {
    name: "telecollect disposition",
    description: "Case card, talking points and the disposition form of a telecollecting call",
    actions: [SUBMIT_ACTION],
    template: {
      Head: { Title: "Telekolekting BPJS Kesehatan", Configuration: layout },
      Body: [
        {
          _id: "CaseCard",
          Type: "AttributeBar",
          Props: {
            Attributes: CASE_CARD.map(([key, label]) => ({ Label: label, Value: input(key) })),
          },
        },
        {
          _id: "Notice",
          Type: "TextContent",
          Props: { Content: input(VIEW_MESSAGE_INPUT) },
        },
        {
          _id: "TalkingPoints",
          Type: "TextContent",
          Props: {
            Content: `<TextContent><ol>${TALKING_POINTS.map((p) => `<li>${p}</li>`).join("")}</ol></TextContent>`,
          },
        },
        {
          _id: "DispositionForm",
          Type: "Form",
          Props: { Heading: "Hasil panggilan" },
          Content: DISPOSITION_FORM_FIELDS.map((field) => FORM_INPUTS[field]),
        },
        {
          _id: "SubmitButton",
          Type: "ConnectAction",
          Props: { Action: SUBMIT_ACTION, Label: "Simpan hasil panggilan" },
        },
      ],
    },
  };
}

/** Shown once the disposition is recorded: what happens next, and a button to finish. */
export function savedView(): ViewDefinition {
  return {
    name: "telecollect disposition saved",
    description: "Confirms a recorded disposition and what happens next",
    actions: [CLOSE_ACTION],
    template: {
      Head: { Title: "Hasil tersimpan", Configuration: layout },
      Body: [
        { _id: "Saved", Type: "TextContent", Props: { Content: input(VIEW_MESSAGE_INPUT) } },
        { _id: "Next", Type: "TextContent", Props: { Content: input("nextAttemptAt") } },
        { _id: "FollowUp", Type: "TextContent", Props: { Content: input("followUp") } },
        { _id: "CloseButton", Type: "Button", Props: { Action: CLOSE_ACTION, Label: "Selesai" } },
      ],
    },
  };
}

/** Every component of a template, depth first. */
export function componentsOf(template: ViewTemplate): ViewComponent[] {
  const out: ViewComponent[] = [];
  const walk = (cs: ViewComponent[]) => {
    for (const c of cs) {
      out.push(c);
      if (c.Content) walk(c.Content);
    }
  };
  walk(template.Body);
  return out;
}

/** The `$.<key>` inputs a template reads: the flow's ViewData must provide each. */
export function viewInputs(template: ViewTemplate): string[] {
  const found = new Set<string>();
  const visit = (value: unknown) => {
    if (typeof value === "string") {
      const m = /^\$\.([A-Za-z0-9_]+)$/.exec(value);
      if (m?.[1]) found.add(m[1]);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") Object.values(value).forEach(visit);
  };
  for (const c of componentsOf(template)) visit(c.Props);
  return [...found].sort();
}

/** Problems of a view definition: ids unique, actions declared, valid JSON; empty when fine. */
export function validateView(view: ViewDefinition): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const c of componentsOf(view.template)) {
    if (ids.has(c._id)) problems.push(`component id '${c._id}' is used twice`);
    ids.add(c._id);
    const action = c.Props.Action;
    if (typeof action === "string" && !view.actions.includes(action))
      problems.push(`component '${c._id}' ends with action '${action}', not in Actions`);
  }
  if (view.actions.length === 0) problems.push("a view needs at least one action");
  try {
    JSON.parse(JSON.stringify(view.template));
  } catch (error) {
    problems.push(`template is not JSON: ${(error as Error).message}`);
  }
  return problems;
}
