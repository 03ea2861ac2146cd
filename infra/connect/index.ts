export {
  type ActionSpec,
  assertValidFlow,
  defineFlow,
  FLOW_LANGUAGE_VERSION,
  type FlowAction,
  type FlowDocument,
  type FlowType,
  InvalidFlowError,
  MAX_ACTIONS,
  MAX_CONTENT_CHARS,
  transitionTargets,
  validateFlow,
} from "./flow-language";
export {
  AGENT_WHISPER_FLOW_TYPE,
  agentWhisperFlow,
  GREETING_TEXT,
  OUTBOUND_FLOW_TYPE,
  type OutboundFlowInput,
  outboundFlow,
  WHISPER_TEXT,
} from "./flows";
