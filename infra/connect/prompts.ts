import type { Greeting } from "../../functions/domain/call-attributes";

/**
 * Everything a telecollect flow says is a recorded prompt: Amazon Polly has no Indonesian voice, so
 * text-to-speech would mispronounce it. Each prompt is recorded once (the text below, formal
 * Indonesian), uploaded to the Connect instance and named in the config (`connect.prompts`).
 * Before the agent has confirmed who answered, nothing is said about premiums, arrears or amounts.
 */
export interface RecordedPrompt {
  /** Who hears it. */
  heardBy: "participant" | "agent";
  /** When it plays. */
  when: string;
  /** What the recording says, word for word. */
  text: string;
}

const greeting = (part: string, hours: string): RecordedPrompt => ({
  heardBy: "participant",
  when: `the participant answers, ${hours} their local time`,
  text: `Selamat ${part}, ini panggilan resmi BPJS Kesehatan. Mohon tunggu, petugas kami akan berbicara dengan Anda.`,
});

export const PROMPTS = {
  greetingPagi: greeting("pagi", "before 11:00"),
  greetingSiang: greeting("siang", "11:00-15:00"),
  greetingSore: greeting("sore", "15:00-18:00"),
  greetingMalam: greeting("malam", "from 18:00"),
  noAgent: {
    heardBy: "participant",
    when: "no agent is free to take the answered call (the dialer calls again later)",
    text: "Mohon maaf, semua petugas kami sedang melayani peserta lain. Kami akan menghubungi Anda kembali. Terima kasih.",
  },
  flowError: {
    heardBy: "participant",
    when: "the call cannot go on because of a system error (the dialer calls again later)",
    text: "Mohon maaf, sedang ada gangguan. Kami akan menghubungi Anda kembali. Terima kasih.",
  },
  agentWhisper: {
    heardBy: "agent",
    when: "to the agent, just before the participant is connected",
    text: "Panggilan telekolekting BPJS Kesehatan. Rincian peserta ada di layar.",
  },
} as const satisfies Record<string, RecordedPrompt>;

export type PromptName = keyof typeof PROMPTS;
export const PROMPT_NAMES = Object.keys(PROMPTS) as PromptName[];

/** The prompt played for each greeting the dialer chose (contact attribute `greeting`). */
export const GREETING_PROMPTS = {
  PAGI: "greetingPagi",
  SIANG: "greetingSiang",
  SORE: "greetingSore",
  MALAM: "greetingMalam",
} as const satisfies Record<Greeting, PromptName>;

/** Prompts of telecollect's outbound flow (not needed when the config brings its own flow). */
export const OUTBOUND_PROMPTS = [
  ...Object.values(GREETING_PROMPTS),
  "noAgent",
  "flowError",
] as const satisfies readonly PromptName[];
/** Prompts of telecollect's agent whisper flow. */
export const WHISPER_PROMPTS = ["agentWhisper"] as const satisfies readonly PromptName[];

export type OutboundPrompts = Record<(typeof OUTBOUND_PROMPTS)[number], string>;
export type WhisperPrompts = Record<(typeof WHISPER_PROMPTS)[number], string>;
