/**
 * A typed subset of the Amazon Connect flow language (Version 2019-10-30), the JSON that
 * `AWS::Connect::ContactFlow` takes as `Content` (a console export is not this format).
 * Flows are written with `defineFlow`, whose action ids are a closed string union, so a
 * transition to an action that does not exist does not compile; `validateFlow` (flow-validation.ts)
 * checks the rendered JSON again (and any JSON someone brings), as the infra tests do.
 * Reference: https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html
 */

export const FLOW_LANGUAGE_VERSION = "2019-10-30";
/** Service limits of one flow. */
export const MAX_ACTIONS = 250;
export const MAX_CONTENT_CHARS = 256_000;

export type FlowType =
  | "CONTACT_FLOW"
  | "CUSTOMER_QUEUE"
  | "CUSTOMER_HOLD"
  | "CUSTOMER_WHISPER"
  | "AGENT_HOLD"
  | "AGENT_WHISPER"
  | "OUTBOUND_WHISPER"
  | "AGENT_TRANSFER"
  | "QUEUE_TRANSFER";

export interface FlowError {
  NextAction: string;
  ErrorType: string;
}

export interface FlowCondition {
  NextAction: string;
  Condition: {
    Operator: "Equals" | "NumberGreaterThan" | "NumberLessThan" | "TextContains";
    /** Operands are strings, also when compared as numbers. */
    Operands: string[];
  };
}

export interface FlowTransitions {
  NextAction?: string;
  Errors?: FlowError[];
  Conditions?: FlowCondition[];
}

export interface FlowAction {
  Identifier: string;
  Type: string;
  Parameters: Record<string, unknown>;
  Transitions: FlowTransitions;
}

export interface FlowDocument {
  Version: typeof FLOW_LANGUAGE_VERSION;
  StartAction: string;
  Actions: FlowAction[];
}

/** The actions telecollect's flows use, each with its parameters and the exits it has. */
export type ActionSpec<K extends string> =
  | { type: "UpdateFlowLoggingBehavior"; logging: "Enabled" | "Disabled"; next: K }
  | {
      type: "UpdateContactRecordingBehavior";
      recorded: ReadonlyArray<"Agent" | "Customer">;
      next: K;
    }
  | { type: "UpdateContactAttributes"; attributes: Record<string, string>; next: K; onError: K }
  | {
      type: "UpdateContactEventHooks";
      hook:
        | "AgentWhisper"
        | "CustomerWhisper"
        | "CustomerQueue"
        | "CustomerHold"
        | "AgentHold"
        | "CustomerRemaining"
        /** The flow run for the agent's UI when the contact reaches them (step-by-step guide). */
        | "DefaultAgentUI";
      /** Flow ARN (or id) run on that event. */
      flow: string;
      next: K;
      onError: K;
    }
  | { type: "TransferContactToQueue"; next: K; onAtCapacity: K; onError: K }
  | { type: "MessageParticipant"; text: string; next: K; onError: K }
  | { type: "MessageParticipantPrompt"; promptArn: string; next: K; onError: K }
  | {
      type: "InvokeLambdaFunction";
      functionArn: string;
      /** Connect waits at most 8 seconds. */
      timeoutSeconds: number;
      /** Sent as `Details.Parameters` (strings; `$.` references are resolved by Connect). */
      parameters: Record<string, string>;
      next: K;
      onError: K;
    }
  | {
      type: "Compare";
      /** e.g. `$.External.status`: the Lambda function's result. */
      value: string;
      equals: Record<string, K>;
      /** No case matched. */
      otherwise: K;
    }
  | {
      type: "ShowView";
      /** The view's ARN with its version qualifier (`…/view/<name>:<version>`). */
      viewArn: string;
      /** Passed to the view as its input (`$.` references resolved by Connect). */
      data: Record<string, unknown>;
      /** Keep what the agent submits out of the guide contact's transcript. */
      hideResponseInTranscript?: boolean;
      timeoutSeconds: number;
      /** The view's actions (buttons) and where each leads. */
      onAction: Record<string, K>;
      /** An action not listed above. */
      next: K;
      onTimeout: K;
      onError: K;
    }
  | { type: "DisconnectParticipant" }
  | { type: "EndFlowExecution" };

/** Connect's limit on how long a flow waits for a Lambda function. */
export const MAX_LAMBDA_SECONDS = 8;

const noMatch = (next: string): FlowError[] => [{ NextAction: next, ErrorType: "NoMatchingError" }];

type ActionType = ActionSpec<string>["type"];
type SpecOf<T extends ActionType> = Extract<ActionSpec<string>, { type: T }>;
/** A rendered action but its identifier. */
type ActionBody = Omit<FlowAction, "Identifier">;

const body = (
  Type: string,
  Parameters: Record<string, unknown>,
  Transitions: FlowTransitions,
): ActionBody => ({
  Type,
  Parameters,
  Transitions,
});

/** How each action type is written in the flow language (its parameters, its exits). */
const RENDERERS: { [T in ActionType]: (spec: SpecOf<T>, id: string) => ActionBody } = {
  UpdateFlowLoggingBehavior: (spec) =>
    body(spec.type, { FlowLoggingBehavior: spec.logging }, { NextAction: spec.next }),
  UpdateContactRecordingBehavior: (spec) =>
    body(
      spec.type,
      { RecordingBehavior: { RecordedParticipants: [...spec.recorded] } },
      { NextAction: spec.next },
    ),
  UpdateContactAttributes: (spec) =>
    body(
      spec.type,
      { Attributes: { ...spec.attributes }, TargetContact: "Current" },
      { NextAction: spec.next, Errors: noMatch(spec.onError) },
    ),
  UpdateContactEventHooks: (spec) =>
    body(
      spec.type,
      { EventHooks: { [spec.hook]: spec.flow } },
      { NextAction: spec.next, Errors: noMatch(spec.onError) },
    ),
  TransferContactToQueue: (spec) =>
    body(
      spec.type,
      {},
      {
        NextAction: spec.next,
        Errors: [
          { NextAction: spec.onAtCapacity, ErrorType: "QueueAtCapacity" },
          { NextAction: spec.onError, ErrorType: "NoMatchingError" },
        ],
      },
    ),
  MessageParticipant: (spec) =>
    body(spec.type, { Text: spec.text }, { NextAction: spec.next, Errors: noMatch(spec.onError) }),
  MessageParticipantPrompt: (spec) =>
    body(
      "MessageParticipant",
      { PromptId: spec.promptArn },
      { NextAction: spec.next, Errors: noMatch(spec.onError) },
    ),
  InvokeLambdaFunction: (spec, id) => {
    if (spec.timeoutSeconds < 1 || spec.timeoutSeconds > MAX_LAMBDA_SECONDS)
      throw new InvalidFlowError(`${id}: a Lambda function may take 1-${MAX_LAMBDA_SECONDS} seconds`);
    return body(
      spec.type,
      {
        LambdaFunctionARN: spec.functionArn,
        InvocationTimeLimitSeconds: String(spec.timeoutSeconds),
        LambdaInvocationAttributes: { ...spec.parameters },
        // A flat string map: its keys are then `$.External.<key>`.
        ResponseValidation: { ResponseType: "STRING_MAP" },
      },
      { NextAction: spec.next, Errors: noMatch(spec.onError) },
    );
  },
  Compare: (spec) =>
    body(
      spec.type,
      { ComparisonValue: spec.value },
      {
        NextAction: spec.otherwise,
        Conditions: equalsConditions(spec.equals),
        Errors: [{ NextAction: spec.otherwise, ErrorType: "NoMatchingCondition" }],
      },
    ),
  ShowView: (spec) =>
    body(
      spec.type,
      {
        ViewResource: { Id: spec.viewArn },
        InvocationTimeLimitSeconds: String(spec.timeoutSeconds),
        ViewData: spec.data,
        ...(spec.hideResponseInTranscript
          ? { SensitiveDataConfiguration: { HideResponseOn: ["TRANSCRIPT"] } }
          : {}),
      },
      {
        NextAction: spec.next,
        Conditions: equalsConditions(spec.onAction),
        Errors: [
          { NextAction: spec.next, ErrorType: "NoMatchingCondition" },
          { NextAction: spec.onTimeout, ErrorType: "TimeLimitExceeded" },
          { NextAction: spec.onError, ErrorType: "NoMatchingError" },
        ],
      },
    ),
  DisconnectParticipant: (spec) => body(spec.type, {}, {}),
  EndFlowExecution: (spec) => body(spec.type, {}, {}),
};

/** One condition per value: equal to it, go to its action. */
function equalsConditions(nextByValue: Record<string, string>): FlowCondition[] {
  return Object.entries(nextByValue).map(([value, next]) => ({
    NextAction: next,
    Condition: { Operator: "Equals" as const, Operands: [value] },
  }));
}

function render(id: string, spec: ActionSpec<string>): FlowAction {
  const renderer = RENDERERS[spec.type] as (spec: ActionSpec<string>, id: string) => ActionBody;
  return { Identifier: id, ...renderer(spec, id) };
}

/**
 * A flow from typed actions. `K` is the set of action ids: every `next`/`on…` must be one of them,
 * so a dangling transition is a compile error. Actions are emitted in the order given.
 */
export function defineFlow<const K extends string>(
  start: NoInfer<K>,
  actions: Record<K, ActionSpec<NoInfer<K>>>,
) {
  const rendered = (Object.entries(actions) as [K, ActionSpec<K>][]).map(([id, spec]) => render(id, spec));
  const doc: FlowDocument = { Version: FLOW_LANGUAGE_VERSION, StartAction: start, Actions: rendered };
  return doc;
}

export class InvalidFlowError extends Error {
  override name = "InvalidFlowError";
}
