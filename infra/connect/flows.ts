import { defineFlow, type FlowDocument, type FlowType } from "./flow-language";

/**
 * telecollect's contact flows. Amazon Polly has no Indonesian voice, so spoken text is short and
 * a recorded greeting (a prompt) can replace it; the agent sees the case in the contact attributes
 * the dialer sets (name, amount, months, virtual account), not in speech.
 */

export interface OutboundFlowInput {
  /** The queue the answered call waits in for a free agent. */
  queueArn: string;
  /** The agent whisper flow to run when an agent takes the call (ARN). */
  agentWhisperFlowArn: string;
  /** Record agent and participant (a collection call: evidence of what was said). */
  recordCalls: boolean;
  /** A recorded greeting; otherwise the text below is spoken. */
  greetingPromptArn?: string;
}

/** Said to the participant once they answer; never a request for money to a person. */
export const GREETING_TEXT =
  "Halo, ini panggilan resmi dari BPJS Kesehatan mengenai iuran JKN Anda. " +
  "Panggilan ini direkam. Mohon tunggu, petugas kami akan segera berbicara dengan Anda.";

/** Said to the agent before the participant is connected. */
export const WHISPER_TEXT = "Panggilan telekolekting. Data peserta ada di layar.";

export const OUTBOUND_FLOW_TYPE: FlowType = "CONTACT_FLOW";
export const AGENT_WHISPER_FLOW_TYPE: FlowType = "AGENT_WHISPER";

/**
 * The flow StartOutboundVoiceContact runs when the participant answers: log, record, set the
 * agent whisper and the queue, greet, transfer to the queue; any failure hangs up (the contact
 * event DISCONNECTED tells the dialer, which retries within its limits).
 */
export function outboundFlow(input: OutboundFlowInput): FlowDocument {
  const greeting = input.greetingPromptArn
    ? ({
        type: "MessageParticipantPrompt",
        promptArn: input.greetingPromptArn,
        next: "SetQueue",
        onError: "SetQueue",
      } as const)
    : ({ type: "MessageParticipant", text: GREETING_TEXT, next: "SetQueue", onError: "SetQueue" } as const);
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
      next: "Greet",
      // A whisper is a courtesy to the agent: without it the call still goes on.
      onError: "Greet",
    },
    Greet: greeting,
    SetQueue: {
      type: "UpdateContactTargetQueue",
      queueArn: input.queueArn,
      next: "TransferToQueue",
      onError: "HangUp",
    },
    TransferToQueue: {
      type: "TransferContactToQueue",
      next: "HangUp",
      onAtCapacity: "HangUp",
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
