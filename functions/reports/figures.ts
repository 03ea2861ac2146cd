import type { AreaFigures, CampaignReport, FunnelFigures } from "../domain/campaign-report";
import { formatRupiah } from "../domain/money";

/** What every renderer shows, with the supervisor-facing (id-ID) labels, defined once. */

/** `1.234.567`: Indonesian grouping, independent of the ICU data Node was built with. */
export const formatCount = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

/** `48,9%`; "-" when the rate's denominator is 0 (nothing to divide, not a zero result). */
export function formatRate(rate: number, denominator: number): string {
  if (denominator === 0) return "-";
  return `${(rate * 100).toFixed(1).replace(".", ",")}%`;
}

/** `1 j 05 m`: hours and minutes of call time. */
export function formatDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} j ${String(minutes % 60).padStart(2, "0")} m`;
}

export interface RateDefinition {
  key: keyof FunnelFigures;
  label: string;
  denominator: (f: FunnelFigures) => number;
}

/** Each rate with the denominator that decides whether it can be shown (docs/reports.md). */
export const RATES: readonly RateDefinition[] = [
  { key: "contactRate", label: "Tingkat kontak", denominator: (f) => f.called },
  { key: "rightPartyContactRate", label: "Kontak tepat sasaran", denominator: (f) => f.contacted },
  { key: "promiseToPayRate", label: "Janji bayar", denominator: (f) => f.rightPartyContacted },
  { key: "promiseKeptRate", label: "Janji ditepati", denominator: (f) => f.promisesKept + f.promisesBroken },
  { key: "collectionRate", label: "Tingkat lunas", denominator: (f) => f.targeted },
  { key: "amountCollectedRate", label: "Nominal tertagih", denominator: (f) => f.amountDue },
];

export const rateOf = (f: FunnelFigures, key: RateDefinition["key"]) => {
  const def = RATES.find((r) => r.key === key) as RateDefinition;
  return formatRate(f[key], def.denominator(f));
};

/** A column of the per-category table: its header, and how a category's figures read in it. */
export interface CategoryColumn {
  header: string;
  cell: (f: FunnelFigures) => string;
}

const countColumn = (header: string, key: keyof FunnelFigures): CategoryColumn => ({
  header,
  cell: (f) => formatCount(f[key]),
});
const rupiahColumn = (header: string, key: keyof FunnelFigures): CategoryColumn => ({
  header,
  cell: (f) => formatRupiah(f[key]),
});

/** Every column a per-category table may show; each renderer picks its own, in its order. */
export const CATEGORY_COLUMNS = {
  targeted: countColumn("Sasaran", "targeted"),
  reminded: countColumn("Pengingat", "reminded"),
  smsSent: countColumn("SMS", "smsSent"),
  smsFailed: countColumn("SMS gagal", "smsFailed"),
  smsUnconfirmed: countColumn("SMS belum terkonfirmasi", "smsUnconfirmed"),
  called: countColumn("Ditelepon", "called"),
  callAttempts: countColumn("Panggilan", "callAttempts"),
  contacted: countColumn("Terhubung", "contacted"),
  promised: countColumn("Janji", "promised"),
  paid: countColumn("Lunas", "paid"),
  promisesKept: countColumn("Ditepati", "promisesKept"),
  promisesBroken: countColumn("Ingkar", "promisesBroken"),
  amountCollected: rupiahColumn("Terkumpul", "amountCollected"),
  amountDue: rupiahColumn("Tunggakan", "amountDue"),
} satisfies Record<string, CategoryColumn>;

/** One column per rate, in RATES' order. */
export const RATE_COLUMNS: readonly CategoryColumn[] = RATES.map((r) => ({
  header: r.label,
  cell: (f) => rateOf(f, r.key),
}));

export interface Headline {
  /** Stable name, also the `data-figure` attribute of the HTML report. */
  figure: string;
  label: string;
  value: number;
  text: string;
}

/** The headline figures of a report, in display order. */
export function headlines(report: CampaignReport): Headline[] {
  const t = report.total;
  const count = (figure: string, label: string, value: number) => ({
    figure,
    label,
    value,
    text: formatCount(value),
  });
  const rate = (key: RateDefinition["key"]) => {
    const def = RATES.find((r) => r.key === key) as RateDefinition;
    return { figure: key, label: def.label, value: t[key], text: formatRate(t[key], def.denominator(t)) };
  };
  return [
    count("targeted", "Peserta sasaran", t.targeted),
    { figure: "amountDue", label: "Total tunggakan", value: t.amountDue, text: formatRupiah(t.amountDue) },
    {
      figure: "amountCollected",
      label: "Terkumpul",
      value: t.amountCollected,
      text: formatRupiah(t.amountCollected),
    },
    rate("amountCollectedRate"),
    count("paid", "Kasus lunas", t.paid),
    rate("collectionRate"),
    count("reminded", "Pengingat terkirim", t.reminded),
    count("smsSent", "SMS terkirim", t.smsSent),
    count("callAttempts", "Panggilan", t.callAttempts),
    rate("contactRate"),
    rate("rightPartyContactRate"),
    rate("promiseToPayRate"),
    rate("promiseKeptRate"),
    count("promisesBroken", "Janji ingkar", t.promisesBroken),
    count("notContactable", "Perlu pembaruan kontak", t.notContactable),
  ];
}

/** Funnel steps per category, in order: targeted -> reminded -> called -> contacted -> promised -> paid. */
export const FUNNEL_STEPS: readonly { key: keyof FunnelFigures; label: string }[] = [
  { key: "targeted", label: "Sasaran" },
  { key: "reminded", label: "Pengingat terkirim" },
  { key: "called", label: "Ditelepon" },
  { key: "contacted", label: "Terhubung" },
  { key: "promised", label: "Janji bayar" },
  { key: "paid", label: "Lunas" },
];

export const CONTACT_UPDATE_LABELS: Record<keyof CampaignReport["contactUpdates"], string> = {
  NO_PHONE: "Tanpa nomor telepon yang sah",
  INVALID_NUMBER: "Nomor tidak aktif/tidak valid",
  WRONG_NUMBER: "Bukan nomor peserta",
};

export const bucketLabel = (report: CampaignReport, bucketId: string) =>
  report.byBucket.find((b) => b.bucketId === bucketId)?.label ?? bucketId;

/** A table every renderer shows the same: its column labels and its rows, as text. */
export interface ReportTable {
  columns: string[];
  rows: string[][];
}

export function agentTable(report: CampaignReport): ReportTable {
  return {
    columns: [
      "Petugas",
      "Panggilan dijawab",
      "Durasi",
      "Kontak",
      "Tepat sasaran",
      "Janji",
      "Ditepati",
      "Ingkar",
      "Janji bayar",
      "Janji ditepati",
      "Terkumpul setelah janji",
    ],
    rows: report.byAgent.map((a) => [
      a.agentId,
      formatCount(a.callsHandled),
      formatDuration(a.callSeconds),
      formatCount(a.contacts),
      formatCount(a.rightPartyContacts),
      formatCount(a.promises),
      formatCount(a.promisesKept),
      formatCount(a.promisesBroken),
      formatRate(a.promiseToPayRate, a.rightPartyContacts),
      formatRate(a.promiseKeptRate, a.promisesKept + a.promisesBroken),
      formatRupiah(a.amountCollectedAfterPromise),
    ]),
  };
}

/** Per kader: visits, promises at the visit, and the payments that followed a visit. */
export function kaderTable(report: CampaignReport): ReportTable {
  return {
    columns: ["Kader", "Kunjungan", "Janji bayar", "Pembayaran sesudah kunjungan", "Nominal"],
    rows: (report.byKader ?? []).map((k) => [
      k.kaderId,
      formatCount(k.visits),
      formatCount(k.promises),
      formatCount(k.paymentsAfterVisit),
      formatRupiah(k.amountAfterVisit),
    ]),
  };
}

/** What a case with no area (or no kecamatan) is listed under. */
export const NO_AREA = "Tanpa wilayah";

const areaFigures = (a: AreaFigures) => [
  formatCount(a.targeted),
  formatRupiah(a.amountDue),
  formatCount(a.paid),
  formatRupiah(a.amountCollected),
  formatCount(a.contacted),
  formatRate(a.amountCollectedRate, a.amountDue),
];
const AREA_FIGURE_COLUMNS = ["Kasus", "Tunggakan", "Lunas", "Terkumpul", "Terhubung", "Nominal tertagih"];

/** Arrears and outcomes per kabupaten/kota, most arrears first, "Tanpa wilayah" last. */
export function kabupatenTable(report: CampaignReport): ReportTable {
  return {
    columns: ["Kabupaten/Kota", ...AREA_FIGURE_COLUMNS],
    rows: report.byArea.byKabupaten.map((a) => [a.kabupaten ?? NO_AREA, ...areaFigures(a)]),
  };
}

/** The same per kecamatan, each with its kabupaten/kota. */
export function kecamatanTable(report: CampaignReport): ReportTable {
  return {
    columns: ["Kabupaten/Kota", "Kecamatan", ...AREA_FIGURE_COLUMNS],
    rows: report.byArea.byKecamatan.map((a) => [
      a.kabupaten ?? NO_AREA,
      a.kecamatan ?? NO_AREA,
      ...areaFigures(a),
    ]),
  };
}

export function dayTable(report: CampaignReport): ReportTable {
  return {
    columns: ["Tanggal", "SMS", "WhatsApp", "Panggilan", "Terhubung", "Janji", "Pembayaran", "Nominal"],
    rows: report.byDay.map((d) => [
      d.date,
      formatCount(d.smsSent),
      formatCount(d.whatsappSent),
      formatCount(d.callAttempts),
      formatCount(d.contacts),
      formatCount(d.promises),
      formatCount(d.payments),
      formatRupiah(d.amountPaid),
    ]),
  };
}

/** The SMS waves' reminders and their length in segments (what SNS bills; at most two by design). */
export function reminderTable(report: CampaignReport): ReportTable {
  const r = report.reminders;
  return {
    columns: ["SMS pengingat", "Nilai"],
    rows: [
      ["Pengingat terkirim", formatCount(r.sent)],
      ["Total segmen", formatCount(r.segments)],
      ["Segmen per pengingat", r.sent === 0 ? "-" : r.segmentsPerReminder.toFixed(2).replace(".", ",")],
      ["Segmen terbanyak per pengingat", formatCount(r.maxSegments)],
    ],
  };
}

const CHANNEL_LABELS = { WHATSAPP: "WhatsApp", SMS: "SMS" } as const;

/** Messages per channel and what followed them; SMS reports no delivery, shown as "-". */
export function channelTable(report: CampaignReport): ReportTable {
  return {
    columns: [
      "Saluran",
      "Terkirim",
      "Jatuh tempo",
      "Cicilan REHAB",
      "Pengingat ulang",
      "Diterima",
      "Dibaca",
      "Dibalas",
      "Gagal",
      "Pembayaran sesudahnya",
      "Nominal",
    ],
    rows: report.channels.map((c) => {
      const whatsapp = c.channel === "WHATSAPP";
      const ifWhatsApp = (n: number) => (whatsapp ? formatCount(n) : "-");
      return [
        CHANNEL_LABELS[c.channel],
        formatCount(c.sent),
        formatCount(c.dueSoon),
        // A report stored before the instalment reminder has no such figure.
        formatCount(c.rehabInstalment ?? 0),
        // Nor one stored before the reminder was sent again.
        formatCount(c.reminderAgain ?? 0),
        ifWhatsApp(c.delivered),
        ifWhatsApp(c.read),
        ifWhatsApp(c.replied),
        formatCount(c.failed),
        formatCount(c.paymentsAfter),
        formatRupiah(c.amountAfter),
      ];
    }),
  };
}

export function contactUpdateTable(report: CampaignReport): ReportTable {
  return {
    columns: ["Alasan", "Peserta"],
    rows: Object.entries(CONTACT_UPDATE_LABELS).map(([reason, label]) => [
      label,
      formatCount(report.contactUpdates[reason as keyof typeof CONTACT_UPDATE_LABELS]),
    ]),
  };
}

const C = CATEGORY_COLUMNS;
/** The per-category columns of the HTML report and the console, in their order. */
export const REPORT_CATEGORY_COLUMNS = [
  C.targeted,
  C.reminded,
  C.smsSent,
  C.smsFailed,
  C.smsUnconfirmed,
  C.callAttempts,
  ...RATE_COLUMNS,
  C.promisesKept,
  C.promisesBroken,
  C.amountCollected,
  C.amountDue,
];
