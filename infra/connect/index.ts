export {
  type ActionSpec,
  defineFlow,
  FLOW_LANGUAGE_VERSION,
  type FlowAction,
  type FlowDocument,
  type FlowType,
  InvalidFlowError,
  MAX_ACTIONS,
  MAX_CONTENT_CHARS,
  MAX_LAMBDA_SECONDS,
} from "./flow-language";
export { assertValidFlow, transitionTargets, validateFlow } from "./flow-validation";
export {
  AGENT_GUIDE_FLOW_TYPE,
  AGENT_WHISPER_FLOW_TYPE,
  type AgentGuideFlowInput,
  agentGuideFlow,
  agentWhisperFlow,
  CALL_STAGE_ATTRIBUTE,
  dispositionParameters,
  OUTBOUND_FLOW_TYPE,
  type OutboundFlowInput,
  outboundFlow,
  REMIND_TEXT,
  SAVE_FAILED_TEXT,
} from "./flows";
export {
  GREETING_PROMPTS,
  OUTBOUND_PROMPTS,
  type OutboundPrompts,
  PROMPT_NAMES,
  PROMPTS,
  type PromptName,
  WHISPER_PROMPTS,
  type WhisperPrompts,
} from "./prompts";
export {
  MANAGED_VIEWS,
  type ManagedViewName,
  managedViewOf,
  showViewProblems,
  VIEW_CONTRACT_SOURCES,
  viewInputProblems,
} from "./view-contract";
export {
  CASE_CARD,
  CLOSE_ACTION,
  dispositionFormData,
  formValuePath,
  MANAGED_VIEW_VERSION,
  managedViewArn,
  SUBMIT_ACTION,
  savedData,
  TALKING_POINTS,
} from "./views";
