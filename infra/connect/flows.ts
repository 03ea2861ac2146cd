import { GREETING_ATTRIBUTE } from "../../functions/domain/call-attributes";
import { GUIDE_FORM_FIELDS } from "../../functions/domain/disposition";
import { type ActionSpec, defineFlow, type FlowDocument, type FlowType } from "./flow-language";
import { GREETING_PROMPTS, type OutboundPrompts, type WhisperPrompts } from "./prompts";
import {
  CLOSE_ACTION,
  dispositionFormData,
  type FormNotice,
  formValuePath,
  SUBMIT_ACTION,
  savedData,
} from "./views";

/**
 * telecollect's contact flows. Everything they say is a recorded prompt (Amazon Polly has no
 * Indonesian voice); the agent sees the case in the contact attributes the dialer sets (the
 * contact panel's references and the step-by-step guide).
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
  /** Recorded prompts (ids or ARNs): the greetings, no agent, error. */
  prompts: OutboundPrompts;
}

export const OUTBOUND_FLOW_TYPE: FlowType = "CONTACT_FLOW";
export const AGENT_WHISPER_FLOW_TYPE: FlowType = "AGENT_WHISPER";
/** The agent UI's default flow is an inbound-type flow: ShowView runs only there. */
export const AGENT_GUIDE_FLOW_TYPE: FlowType = "CONTACT_FLOW";

/** Contact attribute the flows set: where the call stands (also in the contact record). */
export const CALL_STAGE_ATTRIBUTE = "callStage";

/** The outbound flow's actions, in the order they run. */
type OutboundAction =
  | "EnableLogging"
  | "SetRecording"
  | "SetAgentWhisper"
  | "SetAgentGuide"
  | "MarkAnswered"
  | "ChooseGreeting"
  | "GreetPagi"
  | "GreetSiang"
  | "GreetSore"
  | "GreetMalam"
  | "TransferToQueue"
  | "SayNoAgent"
  | "MarkNoAgent"
  | "SayError"
  | "MarkError"
  | "HangUp";
/** Some of the outbound flow's actions, each leading anywhere in the flow. */
type OutboundSteps<Own extends OutboundAction> = Record<Own, ActionSpec<OutboundAction>>;

/**
 * The flow StartOutboundVoiceContact runs when the participant answers: log, record, set the agent
 * whisper and the guide, mark the call answered, greet for the participant's local time (the
 * dialer's `greeting` attribute picks the recorded prompt; the greeting names BPJS Kesehatan and
 * asks to hold, nothing about premiums before the agent has confirmed who answered), transfer to
 * the queue. No free agent (queue at capacity): a polite message and hang up, which the contact
 * event reports as AGENT_UNAVAILABLE, so the dialer records it and calls again later. Any other
 * failure: an apology and hang up (retried the same way).
 */
export function outboundFlow(input: OutboundFlowInput): FlowDocument {
  return defineFlow("EnableLogging", {
    ...answeredCallSetUp(input),
    ...greeting(input.prompts),
    ...transferOrHangUp(input.prompts),
  });
}

/** Logging, recording, the agent's whisper and guide, and the call marked answered. */
function answeredCallSetUp(
  input: OutboundFlowInput,
): OutboundSteps<"EnableLogging" | "SetRecording" | "SetAgentWhisper" | "SetAgentGuide" | "MarkAnswered"> {
  return {
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
      attributes: { [CALL_STAGE_ATTRIBUTE]: "ANSWERED" },
      next: "ChooseGreeting",
      onError: "ChooseGreeting",
    },
  };
}

/** The recorded greeting for the participant's local time of day, then the queue. */
function greeting(
  prompts: OutboundPrompts,
): OutboundSteps<"ChooseGreeting" | "GreetPagi" | "GreetSiang" | "GreetSore" | "GreetMalam"> {
  const greet = (prompt: string) =>
    ({
      type: "MessageParticipantPrompt",
      promptArn: prompt,
      next: "TransferToQueue",
      onError: "TransferToQueue",
    }) as const;
  return {
    ChooseGreeting: {
      type: "Compare",
      value: `$.Attributes.${GREETING_ATTRIBUTE}`,
      equals: {
        PAGI: "GreetPagi",
        SIANG: "GreetSiang",
        SORE: "GreetSore",
        MALAM: "GreetMalam",
      },
      // No greeting chosen (a call started without it): the agent greets.
      otherwise: "TransferToQueue",
    },
    GreetPagi: greet(prompts[GREETING_PROMPTS.PAGI]),
    GreetSiang: greet(prompts[GREETING_PROMPTS.SIANG]),
    GreetSore: greet(prompts[GREETING_PROMPTS.SORE]),
    GreetMalam: greet(prompts[GREETING_PROMPTS.MALAM]),
  };
}

/** The queue; no free agent or an error: say so, mark why, hang up. */
function transferOrHangUp(
  prompts: OutboundPrompts,
): OutboundSteps<"TransferToQueue" | "SayNoAgent" | "MarkNoAgent" | "SayError" | "MarkError" | "HangUp"> {
  return {
    TransferToQueue: {
      type: "TransferContactToQueue",
      next: "HangUp",
      onAtCapacity: "SayNoAgent",
      onError: "SayError",
    },
    SayNoAgent: {
      type: "MessageParticipantPrompt",
      promptArn: prompts.noAgent,
      next: "MarkNoAgent",
      onError: "MarkNoAgent",
    },
    MarkNoAgent: {
      type: "UpdateContactAttributes",
      attributes: { [CALL_STAGE_ATTRIBUTE]: "NO_AGENT" },
      next: "HangUp",
      onError: "HangUp",
    },
    SayError: {
      type: "MessageParticipantPrompt",
      promptArn: prompts.flowError,
      next: "MarkError",
      onError: "MarkError",
    },
    MarkError: {
      type: "UpdateContactAttributes",
      attributes: { [CALL_STAGE_ATTRIBUTE]: "FLOW_ERROR" },
      next: "HangUp",
      onError: "HangUp",
    },
    HangUp: { type: "DisconnectParticipant" },
  };
}

/**
 * Played to the agent as the call reaches them, then the participant is connected: a short
 * recorded prompt; the details are on the screen (references and the guide).
 */
export function agentWhisperFlow(prompts: WhisperPrompts): FlowDocument {
  return defineFlow("Announce", {
    Announce: {
      type: "MessageParticipantPrompt",
      promptArn: prompts.agentWhisper,
      next: "Connect",
      onError: "Connect",
    },
    Connect: { type: "EndFlowExecution" },
  });
}

export interface AgentGuideFlowInput {
  /** The AWS managed Form view (qualified ARN). */
  formViewArn: string;
  /** The AWS managed Confirmation view (qualified ARN). */
  confirmationViewArn: string;
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
export const REMIND_TEXT = "Hasil panggilan belum disimpan. Isi formulir lalu pilih Simpan hasil panggilan.";

/**
 * What the guide sends to record-disposition: every form input, plus the case and the agent. The
 * voice contact is not a parameter: record-disposition reads it from the event's RelatedContactId.
 */
export function dispositionParameters(): Record<string, string> {
  return {
    ...Object.fromEntries(GUIDE_FORM_FIELDS.map((field) => [field, formValuePath(field)])),
    caseId: "$.Attributes.caseId",
    // The agent's ARN: the handler keeps its last segment, the id contact events carry.
    agentId: "$.Agent.ARN",
  };
}

/**
 * The agent UI's default flow (the step-by-step guide): the case card, the talking points and the
 * disposition form; submitting invokes record-disposition. A rejection shows what to correct and
 * the form again; a failure (timeout, error) says so and offers the form again; a recorded
 * disposition shows what happens next. Nothing the agent submits is dropped silently: the form has
 * one button, so any action it ends with is a submission (record-disposition checks every field).
 */
export function agentGuideFlow(input: AgentGuideFlowInput): FlowDocument {
  const form = (notice: FormNotice, onTimeout: "End" | "RemindToSubmit") =>
    ({
      type: "ShowView",
      viewArn: input.formViewArn,
      data: dispositionFormData(notice),
      // New phone numbers and notes stay out of the guide's transcript.
      hideResponseInTranscript: true,
      timeoutSeconds: GUIDE_VIEW_SECONDS,
      onAction: { [SUBMIT_ACTION]: "SaveDisposition" },
      next: "SaveDisposition",
      onTimeout,
      onError: "End",
    }) as const;
  return defineFlow("EnableLogging", {
    EnableLogging: { type: "UpdateFlowLoggingBehavior", logging: "Enabled", next: "ShowCase" },
    ShowCase: form({}, "RemindToSubmit"),
    RemindToSubmit: form({ subHeading: REMIND_TEXT }, "End"),
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
    ShowRejected: form({ error: "$.External.message" }, "End"),
    ShowFailed: form({ error: SAVE_FAILED_TEXT }, "End"),
    ShowSaved: {
      type: "ShowView",
      viewArn: input.confirmationViewArn,
      data: savedData(),
      timeoutSeconds: 300,
      onAction: { [CLOSE_ACTION]: "End" },
      next: "End",
      onTimeout: "End",
      onError: "End",
    },
    End: { type: "DisconnectParticipant" },
  });
}
