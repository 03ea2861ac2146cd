import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  AWS_TRANSIENT_ERRORS,
  CHILD_EXECUTION_ALREADY_RAN,
  CHILD_EXECUTION_RETRY,
  FATAL_ERRORS,
  FatalError,
  LAMBDA_TASK_RETRY,
  RetryableError,
  TASK_RETRYABLE_ERRORS,
} from "../../functions/errors";
import { FUNCTION_CATALOG, FUNCTION_SUBSTITUTIONS } from "../../infra/function-catalog";
import { type AslState, isPlainObject, walkDefinition } from "../../local/asl/definition";
import { ROOT, reachableFrom } from "../support/import-graph";

/**
 * The error contract (functions/errors.ts) against what really runs: every Task of both ASL files,
 * and every error class the Tasks' handlers can throw.
 */
const CAMPAIGN = "workflows/campaign.asl.json";
const DIALING_DAY = "workflows/dialing-day.asl.json";
const CHILD_EXECUTION = "arn:aws:states:::states:startExecution.sync:2";

interface Task {
  file: string;
  name: string;
  state: AslState;
}

function tasksOf(file: string): { tasks: Task[]; states: Record<string, AslState> } {
  const definition = JSON.parse(readFileSync(join(ROOT, file), "utf8")) as Record<string, unknown>;
  const tasks: Task[] = [];
  walkDefinition(definition, {
    state: ({ name, state }) => {
      if (state.Type === "Task") tasks.push({ file, name, state });
    },
  });
  return { tasks, states: definition.States as Record<string, AslState> };
}

const campaign = tasksOf(CAMPAIGN);
const dialingDay = tasksOf(DIALING_DAY);
const allTasks = [...campaign.tasks, ...dialingDay.tasks];

/** `${DialTickFunctionArn}` -> dialTick. */
function functionOf(task: Task): keyof typeof FUNCTION_CATALOG | undefined {
  const placeholder = /^\$\{(\w+)\}$/.exec(String(task.state.Resource))?.[1];
  return placeholder ? FUNCTION_SUBSTITUTIONS[placeholder as keyof typeof FUNCTION_SUBSTITUTIONS] : undefined;
}

const errorNames = (list: unknown): string[] =>
  Array.isArray(list) ? list.flatMap((r) => (isPlainObject(r) ? (r.ErrorEquals as string[]) : [])) : [];

/** Follows Next from a state until a Fail or Succeed state; the names of the states passed. */
function pathFrom(states: Record<string, AslState>, start: string): string[] {
  const path: string[] = [];
  let name: string | undefined = start;
  while (name && !path.includes(name)) {
    path.push(name);
    const state: AslState | undefined = states[name];
    if (!state || state.Type === "Fail" || state.Type === "Succeed") break;
    name = state.Next as string | undefined;
  }
  return path;
}

describe("every Task's Retry and Catch agree with functions/errors.ts", () => {
  it("finds the Tasks of both state machines", () => {
    expect(campaign.tasks.map((t) => t.name)).toEqual([
      "MapArrears",
      "SendSms",
      "PlanFirstCallingDay",
      "SendFollowUps",
      "DialingDay",
      "PlanNextCallingDay",
      "CloseCampaign",
      "RecordFailure",
    ]);
    expect(dialingDay.tasks.map((t) => t.name)).toEqual(["DialTick"]);
  });

  it.each(allTasks.map((t) => [`${t.file} ${t.name}`, t] as const))(
    "%s retries exactly the contract's errors with its backoff",
    (_, task) => {
      const expected = functionOf(task)
        ? LAMBDA_TASK_RETRY
        : task.state.Resource === CHILD_EXECUTION
          ? CHILD_EXECUTION_RETRY
          : undefined;
      expect(expected, `${task.name}: a Task of unknown kind ${String(task.state.Resource)}`).toBeDefined();
      expect(task.state.Retry).toEqual([expected]);
    },
  );

  it("retries every retryable error of ours, among them an update conflict from a dial tick", () => {
    const dialTick = dialingDay.tasks[0] as Task;
    for (const name of Object.values(RetryableError))
      expect(errorNames(dialTick.state.Retry)).toContain(name);
    expect(TASK_RETRYABLE_ERRORS).toContain("ConcurrentUpdateError");
  });

  it("never retries a fatal error, nor everything", () => {
    for (const task of allTasks) {
      const retried = errorNames(task.state.Retry);
      for (const name of [...FATAL_ERRORS, "States.ALL", "States.TaskFailed"]) {
        expect(retried, `${task.name} retries ${name}`).not.toContain(name);
      }
    }
    expect(FATAL_ERRORS.filter((name) => TASK_RETRYABLE_ERRORS.includes(name))).toEqual([]);
  });

  it("records every failure of a campaign Task, then fails the campaign", () => {
    for (const task of campaign.tasks) {
      const catchers = (task.state.Catch ?? []) as { ErrorEquals: string[]; Next: string }[];
      const last = catchers.at(-1);
      expect(last?.ErrorEquals, task.name).toEqual(["States.ALL"]);
      const path = pathFrom(campaign.states, last?.Next as string);
      if (task.name !== "RecordFailure") expect(path[0], task.name).toBe("RecordFailure");
      expect(campaign.states[path.at(-1) as string]?.Type, task.name).toBe("Fail");
      // Before the catch-all, only outcomes the contract names: never an error worth a retry.
      for (const c of catchers.slice(0, -1))
        expect(c.ErrorEquals, task.name).toEqual([CHILD_EXECUTION_ALREADY_RAN]);
    }
  });

  it("lets a dialing day's failure reach the campaign, which records it", () => {
    for (const task of dialingDay.tasks) expect(task.state.Catch, task.name).toBeUndefined();
    const day = campaign.tasks.find((t) => t.name === "DialingDay") as Task;
    expect(String((day.state.Parameters as Record<string, unknown>).StateMachineArn)).toMatch(
      /^\$\{DialingDayStateMachineArn\}$/,
    );
  });

  it("names in Retry and Catch only errors the contract knows", () => {
    const known = new Set<string>([
      ...TASK_RETRYABLE_ERRORS,
      ...CHILD_EXECUTION_RETRY.ErrorEquals,
      CHILD_EXECUTION_ALREADY_RAN,
      "States.ALL",
    ]);
    for (const task of allTasks) {
      for (const name of [...errorNames(task.state.Retry), ...errorNames(task.state.Catch)]) {
        expect(known.has(name), `${task.name}: ${name}`).toBe(true);
      }
    }
    expect(AWS_TRANSIENT_ERRORS.filter((n) => FATAL_ERRORS.includes(n))).toEqual([]);
  });
});

// -------------------------------------------------------------------------------------------------
// Error classes the Tasks' handlers can throw

/** The TypeScript files a handler imports at run time (type-only imports carry no classes). */
interface ErrorClass {
  file: string;
  className: string;
  /** The literal name, or the contract's reference (e.g. `FatalError.Config`). */
  name: string;
}

function errorClasses(file: string): ErrorClass[] {
  const source = readFileSync(join(ROOT, file), "utf8");
  return [...source.matchAll(/class (\w+) extends \w*Error \{[^}]*?\bname = ([^;]+);/gs)].map((m) => ({
    file,
    className: m[1] as string,
    name: (m[2] as string).trim(),
  }));
}

const contract: Record<string, Record<string, string>> = { RetryableError, FatalError };

/** `FatalError.Config` -> "ConfigError"; a string literal -> its text. */
function resolveName(name: string): string | undefined {
  const literal = /^"(\w+)"$/.exec(name)?.[1];
  if (literal) return literal;
  const [group, key] = name.split(".");
  return contract[group as string]?.[key as string];
}

describe("every error class a Task's handler can throw is named by the contract", () => {
  const taskEntries = [...new Set(allTasks.map(functionOf).filter((f) => f !== undefined))].map(
    (fid) => FUNCTION_CATALOG[fid].entry,
  );
  const classes = [...new Set(taskEntries.flatMap((entry) => reachableFrom(entry)))].flatMap(errorClasses);

  it("finds the handlers of every Lambda Task and the errors they throw", () => {
    expect(taskEntries.sort()).toEqual([
      "functions/handlers/close-campaign.ts",
      "functions/handlers/dial-tick.ts",
      "functions/handlers/map-arrears.ts",
      "functions/handlers/plan-calling-day.ts",
      "functions/handlers/record-campaign-failure.ts",
      "functions/handlers/send-follow-ups.ts",
      "functions/handlers/send-sms.ts",
    ]);
    expect(classes.map((c) => c.className)).toEqual(
      expect.arrayContaining(["ConcurrentUpdateError", "DialerError", "InvalidEventError"]),
    );
  });

  it("classifies each as retryable or fatal, under its own class name", () => {
    for (const c of classes) {
      const name = resolveName(c.name);
      expect(name, `${c.file} ${c.className}`).toBe(c.className);
      const classified =
        TASK_RETRYABLE_ERRORS.includes(name as string) || FATAL_ERRORS.includes(name as string);
      expect(classified, `${c.file} ${c.className} is neither retryable nor fatal`).toBe(true);
    }
  });

  it("takes each name from the contract, written once", () => {
    const literals = classes.filter((c) => c.name.startsWith('"'));
    expect(literals.map((c) => `${c.file} ${c.className}`)).toEqual([]);
  });
});
