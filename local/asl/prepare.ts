import { type AslState, isPlainObject, walkDefinition } from "./definition";

/**
 * Turns a validated definition into the copy `aws-local-stepfunctions` runs, moving into the
 * runner what the interpreter would get wrong, while keeping every other field as written:
 *
 * - Task states: `Retry`, `TimeoutSeconds`, `HeartbeatSeconds` are enforced by the runner (backoff
 *   and callback timeouts on the injected clock, per-attempt task tokens); the interpreter's own
 *   60-second default Task timeout (real time) is disabled.
 * - Wait states become Tasks routed to the runner, which waits on the injected clock (the
 *   interpreter compares Timestamp/TimestampPath with the wall clock and sleeps in real time).
 * - `ResultPath: "$"` is dropped (same meaning, the default): the interpreter would store the
 *   result under a key named "$".
 * - A Pass `Result` that is falsy (0, false, "", null) moves to `Parameters`: the interpreter
 *   ignores falsy Results and passes the input through.
 * - Choice type tests set to false (`"IsNull": false`, `"IsPresent": false`, ...) become `Not` of the
 *   true test: the interpreter evaluates `false && ...`, so they never match.
 * - `$$.Execution.StartTime` / `$$.Execution.Input` read runner-provided fields: the interpreter
 *   sets StartTime from the wall clock and, inside Map/Parallel, Input to the branch input.
 * - The top-level `TimeoutSeconds` is enforced by the runner on the injected clock.
 */

/** Resource of the Task states that stand for Wait states in the interpreted copy. */
export const LOCAL_WAIT_RESOURCE = "arn:aws:states:::local:wait";
/** Context fields (under `$$.Execution`) the rewritten paths read. */
export const CONTEXT_START_TIME = "LocalStartTime";
export const CONTEXT_INPUT = "LocalInput";
/** Largest Task timeout that does not overflow Node's setTimeout in the interpreter. */
const NO_TIMEOUT_SECONDS = 2_147_483;

export interface PreparedDefinition {
  /** What the interpreter runs. */
  interpreted: Record<string, unknown>;
  /** Original Task states, by state name (names are unique across the whole machine). */
  tasks: Map<string, AslState>;
  /** Original Wait states, by state name. */
  waits: Map<string, AslState>;
  /** Map and Parallel states with a Retry (their backoff stays with the interpreter). */
  retryingContainers: string[];
  /** Top-level TimeoutSeconds, enforced by the runner. */
  timeoutSeconds?: number;
}

const CONTEXT_FIELD = /\$\$\.Execution\.(StartTime|Input)(?![\w$])/g;

function rewriteContextPaths(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) rewriteContextPaths(item);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === "string") {
      if (key.endsWith(".$") || key.endsWith("Path") || key === "Variable") {
        value[key] = field.replace(CONTEXT_FIELD, (_, which: string) =>
          which === "StartTime" ? `$$.Execution.${CONTEXT_START_TIME}` : `$$.Execution.${CONTEXT_INPUT}`,
        );
      }
    } else {
      rewriteContextPaths(field);
    }
  }
}

const TYPE_TESTS = ["IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"] as const;

function fixChoiceRule(rule: unknown): unknown {
  if (!isPlainObject(rule)) return rule;
  if (Array.isArray(rule.And)) rule.And = rule.And.map(fixChoiceRule);
  if (Array.isArray(rule.Or)) rule.Or = rule.Or.map(fixChoiceRule);
  if (isPlainObject(rule.Not)) rule.Not = fixChoiceRule(rule.Not);
  for (const test of TYPE_TESTS) {
    if (rule[test] === false) {
      const { Next, ...condition } = rule;
      const negated: Record<string, unknown> = { Not: { ...condition, [test]: true } };
      if (Next !== undefined) negated.Next = Next;
      return negated;
    }
  }
  return rule;
}

const WAIT_KEPT_FIELDS = new Set(["Type", "Comment", "InputPath", "OutputPath", "Next", "End"]);

export function prepareDefinition(definition: Record<string, unknown>): PreparedDefinition {
  const tasks = new Map<string, AslState>();
  const waits = new Map<string, AslState>();
  const retryingContainers: string[] = [];
  walkDefinition(structuredClone(definition), {
    state: ({ name, state }) => {
      if (state.Type === "Task") tasks.set(name, state);
      if (state.Type === "Wait") waits.set(name, state);
      if ((state.Type === "Map" || state.Type === "Parallel") && Array.isArray(state.Retry)) {
        retryingContainers.push(name);
      }
    },
  });

  const interpreted = structuredClone(definition);
  rewriteContextPaths(interpreted);
  walkDefinition(interpreted, {
    state: ({ state }) => {
      if (state.ResultPath === "$") delete state.ResultPath;
      if (Array.isArray(state.Catch)) {
        for (const catcher of state.Catch) {
          if (isPlainObject(catcher) && catcher.ResultPath === "$") delete catcher.ResultPath;
        }
      }
      if (state.Type === "Task") {
        delete state.Retry;
        delete state.HeartbeatSeconds;
        state.TimeoutSeconds = NO_TIMEOUT_SECONDS;
      } else if (state.Type === "Wait") {
        for (const key of Object.keys(state)) if (!WAIT_KEPT_FIELDS.has(key)) delete state[key];
        state.Type = "Task";
        state.Resource = LOCAL_WAIT_RESOURCE;
        state.TimeoutSeconds = NO_TIMEOUT_SECONDS;
      } else if (state.Type === "Choice" && Array.isArray(state.Choices)) {
        state.Choices = state.Choices.map(fixChoiceRule);
      } else if (state.Type === "Pass" && "Result" in state && !state.Result && !("Parameters" in state)) {
        state.Parameters = state.Result;
        delete state.Result;
      }
    },
  });
  const timeoutSeconds =
    typeof interpreted.TimeoutSeconds === "number" ? interpreted.TimeoutSeconds : undefined;
  delete interpreted.TimeoutSeconds;
  return { interpreted, tasks, waits, retryingContainers, ...(timeoutSeconds ? { timeoutSeconds } : {}) };
}
