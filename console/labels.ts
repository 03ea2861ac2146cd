/** What the supervisor reads for the API's codes (phases, case statuses, refusals, rejections). */
import type { CallOutcome, DispositionCode } from "../functions/domain/case";
import type { HandoffReason, UnassignedReason } from "../functions/domain/kader-handoff";
import { CALLBACK_WINDOWS, QUICK_REPLIES } from "../functions/domain/quick-replies";

export const PHASE_LABELS: Record<string, string> = {
  STARTING: "Memulai",
  MAPPING: "Pemetaan",
  MAPPED: "Terpetakan",
  SMS: "Pengiriman pengingat",
  DIALING: "Penelponan",
  CLOSED: "Selesai",
  STOPPED: "Dihentikan",
  FAILED: "Gagal",
};

/** A phase in Indonesian; an unknown one as the API wrote it rather than nothing. */
export const phaseLabel = (phase: string) => PHASE_LABELS[phase] ?? phase;

/** The phases in which a campaign is running and can be stopped. */
const RUNNING = new Set(["STARTING", "MAPPING", "MAPPED", "SMS", "DIALING"]);
export const isRunning = (phase: string) => RUNNING.has(phase);

export const CASE_STATUS_LABELS: Record<string, string> = {
  OPEN: "Terbuka",
  PAID: "Lunas",
  CLOSED: "Ditutup",
};

export const caseStatusLabel = (status: string) => CASE_STATUS_LABELS[status] ?? status;

/** A case's last outcome: the call's result, or what the agent recorded after talking. */
const OUTCOME_LABELS: Record<CallOutcome | DispositionCode, string> = {
  ANSWERED: "Terjawab",
  NO_ANSWER: "Tidak diangkat",
  BUSY: "Sibuk",
  INVALID_NUMBER: "Nomor tidak valid",
  FAILED: "Gagal tersambung",
  AGENT_UNAVAILABLE: "Petugas tidak tersedia",
  PROMISE_TO_PAY: "Janji bayar",
  PAID_ALREADY: "Mengaku sudah bayar",
  REFUSES: "Menolak membayar",
  WRONG_NUMBER: "Salah sambung",
  CALL_BACK_LATER: "Minta ditelepon kembali",
  WANTS_REHAB: "Ingin ikut REHAB",
  UPDATED_PHONE: "Nomor telepon baru",
  OTHER: "Lainnya",
};

export const outcomeLabel = (outcome: string) =>
  (OUTCOME_LABELS as Record<string, string>)[outcome] ?? outcome;

const REFUSALS: Record<string, string> = {
  PERIOD_OVER: "Periode ini sudah berakhir; kampanye tidak dapat dimulai.",
  PERIOD_NOT_STARTED: "Periode ini belum dimulai; kampanye tidak dapat dimulai.",
  NO_CALLING_DAY_LEFT: "Tidak ada hari penelponan tersisa pada periode ini; kampanye tidak dapat dimulai.",
  NOT_RUNNING: "Kampanye tidak sedang berjalan.",
};

/** Why a start or stop was refused, in Indonesian; the API's own message for a reason not known here. */
export const refusalLabel = (refused: { reason?: string; message: string }) =>
  (refused.reason && REFUSALS[refused.reason]) || refused.message;

const START_OUTCOMES: Record<string, string> = {
  STARTED: "Kampanye dimulai.",
  RESUMED: "Kampanye dilanjutkan.",
  ALREADY_RUNNING: "Kampanye sudah berjalan.",
  ALREADY_COMPLETED: "Kampanye sudah selesai.",
};

export const startOutcomeLabel = (outcome: string) => START_OUTCOMES[outcome] ?? outcome;

const UPLOAD_STATUS: Record<string, string> = {
  PENDING: "Sedang diproses",
  DONE: "Selesai",
  FAILED: "Gagal",
};

export const uploadStatusLabel = (status: string) => UPLOAD_STATUS[status] ?? status;

const AUDIT_ACTIONS: Record<string, string> = {
  "campaign.dryRun": "Hitung rencana kampanye",
  "campaign.start": "Mulai kampanye",
  "campaign.stop": "Hentikan kampanye",
  "campaign.report": "Buka laporan",
  "campaign.cases": "Buka daftar kasus",
  "campaign.replies": "Buka balasan peserta",
  "kader.worklists": "Buka daftar kunjungan kader",
  "kader.results": "Kirim hasil kunjungan kader",
  "snapshot.upload": "Unggah data tunggakan",
  "snapshot.import": "Impor data tunggakan",
};

export const auditActionLabel = (action: string) => AUDIT_ACTIONS[action] ?? action;

/** A WhatsApp button as the participant pressed it (the words on the button, or the window chosen). */
const REPLIES: Record<string, string> = {
  ...QUICK_REPLIES,
  OTHER: "Pesan lain (bukan teks)",
  ...Object.fromEntries(
    Object.entries(CALLBACK_WINDOWS).map(([code, w]) => [`WINDOW_${code}`, `Minta ditelepon: ${w.label}`]),
  ),
};

export const replyLabel = (reply: string) => REPLIES[reply] ?? reply;

/** Why a case was handed to a kader for a visit. */
const VISIT_REASONS: Record<HandoffReason, string> = {
  NOT_CONTACTABLE: "Tidak ada nomor yang dapat dihubungi",
  WRONG_NUMBER: "Nomor telepon salah",
  NO_ANSWER_ALL_ATTEMPTS: "Tidak menjawab setelah semua panggilan",
  MONTHS_24_PLUS: "Menunggak 24 bulan atau lebih",
  VISIT_REQUESTED: "Peserta meminta dikunjungi",
};

export const visitReasonLabel = (reason: string) =>
  (VISIT_REASONS as Record<string, string>)[reason] ?? reason;

/** Why a line has no kader yet. */
const UNASSIGNED: Record<UnassignedReason, string> = {
  NO_AREA: "Wilayah peserta tidak diketahui",
  NO_KADER: "Belum ada kader di wilayah ini",
  AMBIGUOUS_KECAMATAN: "Nama kecamatan ada di lebih dari satu kabupaten/kota",
  OVER_CAPACITY: "Kapasitas kader minggu ini sudah penuh",
};

export const unassignedLabel = (reason: string) => (UNASSIGNED as Record<string, string>)[reason] ?? reason;

/** What the phone and messages tried before the visit, in a phrase. */
export function triedLabel(tried: {
  callAttempts: number;
  lastOutcome?: string;
  smsSent: number;
  whatsappSent: number;
}): string {
  const parts = [
    tried.callAttempts > 0
      ? `${tried.callAttempts} kali ditelepon${tried.lastOutcome ? ` (terakhir: ${outcomeLabel(tried.lastOutcome)})` : ""}`
      : "",
    tried.smsSent > 0 ? `${tried.smsSent} SMS` : "",
    tried.whatsappSent > 0 ? `${tried.whatsappSent} WhatsApp` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "Belum ada";
}
