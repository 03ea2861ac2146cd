import { DISPOSITION_FORM_FIELDS } from "../../functions/domain/disposition";
import { defineFlow, type FlowDocument, type FlowType } from "./flow-language";
import { CASE_CARD, CLOSE_ACTION, formValuePath, SUBMIT_ACTION, VIEW_MESSAGE_INPUT } from "./views";

/**
 * telecollect's contact flows. Amazon Polly has no Indonesian voice, so spoken text is short and
 * a recorded greeting (a prompt) can replace it; the agent sees the case in the contact attributes
 * the dialer sets (name, amount, months, virtual account) and in the step-by-step guide.
 */

/**
 * The answered call waits for an agent in the queue StartOutboundVoiceContact named (the
 * branch's own, or the deployment's): the flow sets no queue of its own, so branches with their
 * own queues reach their own agents.
 */
export interface OutboundFlowInput {
  /** The agent whisper flow to run when an agent takes the call (ARN). */
  agentWhisperFlowArn: string;
  /** The step-by-step guide's flow, run as the agent UI's default flow (ARN). */
  agentGuideFlowArn: string;
  /** Record agent and participant (a collection call: evidence of what was said). */
  recordCalls: boolean;
  /** A recorded greeting; otherwise the text below is spoken. */
  greetingPromptArn?: string;
}

/** Said to the participant once they answer; never a request for money to a person. */
export const GREETING_TEXT =
  "Halo, ini panggilan resmi dari BPJS Kesehatan mengenai iuran JKN Anda. " +
  "Panggilan ini direkam. Mohon tunggu, petugas kami akan segera berbicara dengan Anda.";

/** No agent could take the call: the dialer calls again later (outcome AGENT_UNAVAILABLE). */
export const NO_AGENT_TEXT =
  "Mohon maaf, semua petugas kami sedang melayani peserta lain. " +
  "Kami akan menghubungi Anda kembali. Terima kasih.";

/** Something failed in the flow: the call ends politely and is retried later. */
export const ERROR_TEXT =
  "Mohon maaf, sedang ada gangguan. Kami akan menghubungi Anda kembali. Terima kasih.";

/** Said to the agent before the participant is connected: the essentials, from the attributes. */
export const WHISPER_TEXT =
  "Panggilan telekolekting. Peserta $.Attributes.participantName, " +
  "kategori $.Attributes.bucket, tunggakan $.Attributes.countedMonths bulan.";

export const OUTBOUND_FLOW_TYPE: FlowType = "CONTACT_FLOW";
export const AGENT_WHISPER_FLOW_TYPE: FlowType = "AGENT_WHISPER";
/** The agent UI's default flow is an inbound-type flow: ShowView runs only there. */
export const AGENT_GUIDE_FLOW_TYPE: FlowType = "CONTACT_FLOW";

/** Contact attribute the flows set: where the call stands (also in the contact record). */
export const CALL_STAGE_ATTRIBUTE = "callStage";
/** Contact attribute with the voice contact's id, for the guide (which runs on its own contact). */
export const DIALED_CONTACT_ATTRIBUTE = "dialedContactId";

/**
 * The flow StartOutboundVoiceContact runs when the participant answers: log, record, set the agent
 * whisper and the guide, mark the call answered, greet, transfer to the queue. No free agent
 * (queue at capacity): a polite message and hang up, which the contact event reports as
 * AGENT_UNAVAILABLE, so the dialer records it and calls again later. Any other failure: an
 * apology and hang up (retried the same way).
 */
export function outboundFlow(input: OutboundFlowInput): FlowDocument {
  const greeting = input.greetingPromptArn
    ? ({
        type: "MessageParticipantPrompt",
        promptArn: input.greetingPromptArn,
        next: "TransferToQueue",
        onError: "TransferToQueue",
      } as const)
    : ({
        type: "MessageParticipant",
        text: GREETING_TEXT,
        next: "TransferToQueue",
        onError: "TransferToQueue",
      } as const);
  return defineFlow("EnableLogging", {
    EnableLogging: { type: "UpdateFlowLoggingBehavior", logging: "Enabled", next: "SetRecording" },
    SetRecording: {
      type: "UpdateContactRecordingBehavior",
      recorded: input.recordCalls ? ["Agent", "Customer"] : [],
      next: "SetAgentWhisper",
    },
    SetAgentWhisper: {
      type: "UpdateContactEventHooks",
      hook: "AgentWhisper",
      flow: input.agentWhisperFlowArn,
      next: "SetAgentGuide",
      // A whisper is a courtesy to the agent: without it the call still goes on.
      onError: "SetAgentGuide",
    },
    SetAgentGuide: {
      type: "UpdateContactEventHooks",
      hook: "DefaultAgentUI",
      flow: input.agentGuideFlowArn,
      next: "MarkAnswered",
      // Without the guide the agent still has the contact panel's references, and the CLI.
      onError: "MarkAnswered",
    },
    MarkAnswered: {
      type: "UpdateContactAttributes",
      attributes: { [CALL_STAGE_ATTRIBUTE]: "ANSWERED", [DIALED_CONTACT_ATTRIBUTE]: "$.ContactId" },
      next: "Greet",
      onError: "Greet",
    },
    Greet: greeting,
    TransferToQueue: {
      type: "TransferContactToQueue",
      next: "HangUp",
      onAtCapacity: "SayNoAgent",
      onError: "SayError",
    },
    SayNoAgent: {
      type: "MessageParticipant",
      text: NO_AGENT_TEXT,
      next: "MarkNoAgent",
      onError: "MarkNoAgent",
    },
    MarkNoAgent: {
      type: "UpdateContactAttributes",
      attributes: { [CALL_STAGE_ATTRIBUTE]: "NO_AGENT" },
      next: "HangUp",
      onError: "HangUp",
    },
    SayError: { type: "MessageParticipant", text: ERROR_TEXT, next: "MarkError", onError: "MarkError" },
    MarkError: {
      type: "UpdateContactAttributes",
      attributes: { [CALL_STAGE_ATTRIBUTE]: "FLOW_ERROR" },
      next: "HangUp",
      onError: "HangUp",
    },
    HangUp: { type: "DisconnectParticipant" },
  });
}

/** Played to the agent as the call reaches them, then the participant is connected. */
export function agentWhisperFlow(): FlowDocument {
  return defineFlow("Announce", {
    Announce: { type: "MessageParticipant", text: WHISPER_TEXT, next: "Connect", onError: "Connect" },
    Connect: { type: "EndFlowExecution" },
  });
}

export interface AgentGuideFlowInput {
  dispositionViewArn: string;
  savedViewArn: string;
  /** record-disposition. */
  dispositionFunctionArn: string;
}

/** How long the form stays open for one answer (a call plus wrap-up). */
export const GUIDE_VIEW_SECONDS = 1800;
/** record-disposition's timeout is Connect's maximum: 8 seconds. */
export const DISPOSITION_LAMBDA_SECONDS = 8;

/** Shown above the form when a submission could not be saved (not the agent's fault). */
export const SAVE_FAILED_TEXT =
  "Gagal menyimpan karena gangguan sistem. Data Anda belum tersimpan: kirim lagi. " +
  "Jika tetap gagal, catat hasilnya dan lapor ke supervisor.";
export const REMIND_TEXT = "Hasil panggilan belum disimpan. Isi formulir lalu pilih Simpan.";

/** The case card for the view, from the contact attributes the dialer set. */
function caseCardData(message: string): Record<string, string> {
  return {
    ...Object.fromEntries(CASE_CARD.map(([key]) => [key, `$.Attributes.${key}`])),
    amountDueValue: "$.Attributes.amountDueValue",
    followUpUntil: "$.Attributes.followUpUntil",
    [VIEW_MESSAGE_INPUT]: message,
  };
}

/** What the guide sends to record-disposition: every form field, plus the case and the agent. */
export function dispositionParameters(): Record<string, string> {
  return {
    ...Object.fromEntries(DISPOSITION_FORM_FIELDS.map((field) => [field, formValuePath(field)])),
    caseId: "$.Attributes.caseId",
    // The voice contact (set by the outbound flow): the guide runs on a contact of its own.
    contactId: `$.Attributes.${DIALED_CONTACT_ATTRIBUTE}`,
    // The agent's ARN: the handler keeps its last segment, the id contact events carry.
    agentId: "$.Agent.ARN",
  };
}

/**
 * The agent UI's default flow (the step-by-step guide): the case card, the talking points and the
 * disposition form; submitting invokes record-disposition. A rejection shows what to correct and
 * the form again; a failure (timeout, error) says so and offers the form again; a recorded
 * disposition shows what happens next. Nothing the agent submits is dropped silently.
 */
export function agentGuideFlow(input: AgentGuideFlowInput): FlowDocument {
  const form = (message: string, next: "End" | "RemindToSubmit") =>
    ({
      type: "ShowView",
      viewArn: input.dispositionViewArn,
      data: caseCardData(message),
      timeoutSeconds: GUIDE_VIEW_SECONDS,
      onAction: { [SUBMIT_ACTION]: "SaveDisposition" },
      next,
      onTimeout: next,
      onError: "End",
    }) as const;
  return defineFlow("EnableLogging", {
    EnableLogging: { type: "UpdateFlowLoggingBehavior", logging: "Enabled", next: "ShowCase" },
    ShowCase: form("", "RemindToSubmit"),
    RemindToSubmit: form(REMIND_TEXT, "End"),
    SaveDisposition: {
      type: "InvokeLambdaFunction",
      functionArn: input.dispositionFunctionArn,
      timeoutSeconds: DISPOSITION_LAMBDA_SECONDS,
      parameters: dispositionParameters(),
      next: "CheckSaved",
      onError: "ShowFailed",
    },
    CheckSaved: {
      type: "Compare",
      value: "$.External.status",
      equals: { RECORDED: "ShowSaved", REJECTED: "ShowRejected" },
      otherwise: "ShowFailed",
    },
    ShowRejected: form("$.External.message", "End"),
    ShowFailed: form(SAVE_FAILED_TEXT, "End"),
    ShowSaved: {
      type: "ShowView",
      viewArn: input.savedViewArn,
      data: {
        [VIEW_MESSAGE_INPUT]: "$.External.message",
        nextAttemptAt: "$.External.nextAttemptAt",
        followUp: "$.External.followUp",
      },
      timeoutSeconds: 300,
      onAction: { [CLOSE_ACTION]: "End" },
      next: "End",
      onTimeout: "End",
      onError: "End",
    },
    End: { type: "DisconnectParticipant" },
  });
}
