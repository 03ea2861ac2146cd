/**
 * Checks of a rendered flow document against the flow language's rules and Amazon Connect's
 * limits: what `defineFlow`'s types cannot catch, and any JSON someone brings.
 */
import {
  FLOW_LANGUAGE_VERSION,
  type FlowAction,
  type FlowDocument,
  type FlowType,
  InvalidFlowError,
  MAX_ACTIONS,
  MAX_CONTENT_CHARS,
} from "./flow-language";

/** Actions that end a flow: they have no transitions. */
const TERMINAL = new Set(["DisconnectParticipant", "EndFlowExecution"]);
/** Only whisper and customer-queue flows may end without disconnecting. */
const END_FLOW_TYPES = new Set<FlowType>([
  "CUSTOMER_QUEUE",
  "CUSTOMER_WHISPER",
  "AGENT_WHISPER",
  "OUTBOUND_WHISPER",
]);
/** A flow run for a contact with no queue behind it cannot transfer to one. */
const QUEUE_TRANSFER_TYPES = new Set<FlowType>(["CONTACT_FLOW", "AGENT_TRANSFER", "QUEUE_TRANSFER"]);

/** Every action id a transition points to. */
export function transitionTargets(action: FlowAction): string[] {
  const t = action.Transitions ?? {};
  return [
    ...(t.NextAction !== undefined ? [t.NextAction] : []),
    ...(t.Errors ?? []).map((e) => e.NextAction),
    ...(t.Conditions ?? []).map((c) => c.NextAction),
  ];
}

const FORBIDDEN_ID_CHARS = /[%:(\\/)=$,;[\]{}]/;
const FORBIDDEN_IDS = new Set([
  "__proto__",
  "constructor",
  "__defineGetter__",
  "__defineSetter__",
  "toString",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "valueOf",
]);

/**
 * Checks a flow document (an object or its JSON): version, start action, unique and legal
 * identifiers, limits, every transition pointing to an existing action, terminal actions without
 * exits and the others with a next action, actions allowed in the flow type, nothing unreachable.
 * Returns the problems found, empty when the flow is valid.
 */
export function validateFlow(input: FlowDocument | string, type: FlowType): string[] {
  const parsed = parseFlowDocument(input);
  if (!parsed.doc) return parsed.problems;
  const { doc, problems } = parsed;
  const ids = actionsById(doc.Actions, problems);
  if (!ids.has(doc.StartAction)) problems.push(`StartAction '${doc.StartAction}' is not an action`);
  for (const action of doc.Actions) problems.push(...actionProblems(action, ids, type));
  problems.push(...unreachableActions(doc.StartAction, ids));
  return problems;
}

/** The document and the problems of its whole (size, version, actions); no document when nothing more can be checked. */
function parseFlowDocument(input: FlowDocument | string): { doc?: FlowDocument; problems: string[] } {
  const problems: string[] = [];
  const content = typeof input === "string" ? input : JSON.stringify(input);
  if (content.length > MAX_CONTENT_CHARS)
    problems.push(`content is ${content.length} characters, over ${MAX_CONTENT_CHARS}`);
  let doc: FlowDocument;
  try {
    doc = JSON.parse(content) as FlowDocument;
  } catch (error) {
    return { problems: [`not JSON: ${(error as Error).message}`] };
  }
  if (doc.Version !== FLOW_LANGUAGE_VERSION) problems.push(`Version must be ${FLOW_LANGUAGE_VERSION}`);
  if (!Array.isArray(doc.Actions) || doc.Actions.length === 0)
    return { problems: [...problems, "Actions must be a non-empty list"] };
  if (doc.Actions.length > MAX_ACTIONS) problems.push(`${doc.Actions.length} actions, over ${MAX_ACTIONS}`);
  return { doc, problems };
}

/** The actions by identifier; each illegal or repeated identifier is added to `problems`. */
function actionsById(actions: readonly FlowAction[], problems: string[]): Map<string, FlowAction> {
  const ids = new Map<string, FlowAction>();
  for (const action of actions) {
    const id = action.Identifier;
    if (typeof id !== "string" || id.length === 0 || id.length > 50) {
      problems.push(`action identifier ${JSON.stringify(id)} must be 1-50 characters`);
      continue;
    }
    if (FORBIDDEN_ID_CHARS.test(id) || FORBIDDEN_IDS.has(id))
      problems.push(`action identifier '${id}' is not allowed`);
    if (ids.has(id)) problems.push(`action identifier '${id}' is used twice`);
    ids.set(id, action);
  }
  return ids;
}

/** One action's problems: its shape, its transitions, and whether the flow type allows it. */
function actionProblems(action: FlowAction, ids: ReadonlyMap<string, FlowAction>, type: FlowType): string[] {
  const problems: string[] = [];
  const id = action.Identifier;
  if (typeof action.Type !== "string" || !action.Type) problems.push(`action '${id}' has no Type`);
  if (typeof action.Parameters !== "object" || action.Parameters === null) {
    problems.push(`action '${id}' has no Parameters object`);
  }
  const targets = transitionTargets(action);
  for (const target of targets) {
    if (!ids.has(target))
      problems.push(`action '${id}' (${action.Type}) transitions to '${target}', which does not exist`);
    if (target === id) problems.push(`action '${id}' transitions to itself`);
  }
  if (TERMINAL.has(action.Type)) {
    if (targets.length > 0)
      problems.push(`action '${id}' (${action.Type}) ends the flow and must have no transitions`);
  } else if (action.Transitions?.NextAction === undefined) {
    problems.push(`action '${id}' (${action.Type}) has no NextAction`);
  }
  if (action.Type === "EndFlowExecution" && !END_FLOW_TYPES.has(type)) {
    problems.push(`action '${id}': EndFlowExecution is not allowed in a ${type} flow`);
  }
  if (action.Type === "ShowView" && type !== "CONTACT_FLOW") {
    problems.push(`action '${id}': ShowView is only allowed in a CONTACT_FLOW flow`);
  }
  if (action.Type === "InvokeLambdaFunction" && typeof action.Parameters?.LambdaFunctionARN !== "string") {
    problems.push(`action '${id}': InvokeLambdaFunction needs a LambdaFunctionARN`);
  }
  if (action.Type === "TransferContactToQueue" && !QUEUE_TRANSFER_TYPES.has(type)) {
    problems.push(`action '${id}': TransferContactToQueue is not allowed in a ${type} flow`);
  }
  return problems;
}

/** Everything should be reachable from the start: an orphan is a mistake in the flow. */
function unreachableActions(start: string, ids: ReadonlyMap<string, FlowAction>): string[] {
  const seen = new Set<string>();
  const stack = ids.has(start) ? [start] : [];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const action = ids.get(id);
    if (action) for (const t of transitionTargets(action)) if (ids.has(t)) stack.push(t);
  }
  return [...ids.keys()]
    .filter((id) => !seen.has(id))
    .map((id) => `action '${id}' is unreachable from StartAction`);
}

/** Throws one error naming every problem of the flow. */
export function assertValidFlow(name: string, doc: FlowDocument | string, type: FlowType): void {
  const problems = validateFlow(doc, type);
  if (problems.length > 0)
    throw new InvalidFlowError(`contact flow ${name}:\n  - ${problems.join("\n  - ")}`);
}
