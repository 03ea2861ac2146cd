import aslValidator from "asl-validator";
import { isPlainObject, walkDefinition } from "./definition";

/**
 * Validation of a definition for BOTH runtimes: asl-validator (the ASL schema and its checks), plus
 * the features `aws-local-stepfunctions` 3.0.0 ignores silently or runs differently from AWS, so
 * a definition that passes here behaves the same locally and in AWS.
 */

export class AslValidationError extends Error {
  override readonly name = "AslValidationError";
  constructor(
    readonly definitionName: string,
    readonly problems: string[],
  ) {
    super(`State machine "${definitionName}" is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Fields of the JSONata query language; the local interpreter ignores them (input passes through). */
const JSONATA_STATE_FIELDS = ["Output", "Arguments", "Items"] as const;

/** Map fields that only mean something in a Distributed Map (the interpreter runs every Map inline). */
const DISTRIBUTED_MAP_FIELDS = [
  "ItemReader",
  "ItemBatcher",
  "ResultWriter",
  "ToleratedFailurePercentage",
  "ToleratedFailurePercentagePath",
  "ToleratedFailureCount",
  "ToleratedFailureCountPath",
  "Label",
] as const;

/** Fields Step Functions honours but the local runner cannot (or would run in the wrong clock). */
const UNSUPPORTED_TASK_FIELDS: Record<string, string> = {
  TimeoutSecondsPath: "use a fixed TimeoutSeconds (the local runner enforces timeouts itself)",
  HeartbeatSecondsPath: "use a fixed HeartbeatSeconds (the local runner enforces heartbeats itself)",
  Credentials: "cross-account task credentials are ignored by the local interpreter",
};

function checkQueryLanguage(owner: Record<string, unknown>, path: string, problems: string[]): void {
  if ("QueryLanguage" in owner && owner.QueryLanguage !== "JSONPath") {
    problems.push(
      `${path}/QueryLanguage: "${String(owner.QueryLanguage)}" is not supported: the local interpreter ` +
        "ignores JSONata silently (input passes through unchanged); write JSONPath",
    );
  }
}

function checkAssign(owner: Record<string, unknown>, path: string, problems: string[]): void {
  if ("Assign" in owner) {
    problems.push(
      `${path}/Assign: variables are ignored silently by the local interpreter; pass data in the state output`,
    );
  }
}

function checkResultPath(value: unknown, path: string, problems: string[]): void {
  if (typeof value === "string" && value.includes("[")) {
    problems.push(
      `${path}: bracket notation in a ResultPath is mis-run by the local interpreter ` +
        `("${value}" would set a key named after the path); use dot notation`,
    );
  }
}

/** Strings of the state's own fields (not of its nested state machines). */
function ownStrings(state: Record<string, unknown>): string {
  const own = Object.fromEntries(
    Object.entries(state).filter(([key]) => !["Branches", "ItemProcessor", "Iterator"].includes(key)),
  );
  return JSON.stringify(own);
}

function checkJsonataStateFields(state: Record<string, unknown>, path: string, problems: string[]): void {
  for (const field of JSONATA_STATE_FIELDS) {
    if (field in state) {
      problems.push(
        `${path}/${field}: "${field}" is a JSONata field, ignored silently by the local interpreter`,
      );
    }
  }
}

function checkCatchers(state: Record<string, unknown>, path: string, problems: string[]): void {
  if (!Array.isArray(state.Catch)) return;
  state.Catch.forEach((catcher, i) => {
    if (!isPlainObject(catcher)) return;
    checkAssign(catcher, `${path}/Catch/${i}`, problems);
    if ("Output" in catcher) problems.push(`${path}/Catch/${i}/Output: JSONata field, ignored locally`);
    checkResultPath(catcher.ResultPath, `${path}/Catch/${i}/ResultPath`, problems);
  });
}

function checkChoiceRules(state: Record<string, unknown>, path: string, problems: string[]): void {
  if (state.Type !== "Choice" || !Array.isArray(state.Choices)) return;
  state.Choices.forEach((rule, i) => {
    if (!isPlainObject(rule)) return;
    checkAssign(rule, `${path}/Choices/${i}`, problems);
    for (const field of ["Condition", "Output"]) {
      if (field in rule) {
        problems.push(`${path}/Choices/${i}/${field}: "${field}" is a JSONata field, not run locally`);
      }
    }
  });
}

function checkMap(state: Record<string, unknown>, path: string, problems: string[]): void {
  if (state.Type !== "Map") return;
  const processor = state.ItemProcessor;
  const config = isPlainObject(processor) ? processor.ProcessorConfig : undefined;
  if (isPlainObject(config) && config.Mode === "DISTRIBUTED") {
    problems.push(
      `${path}/ItemProcessor/ProcessorConfig/Mode: the local interpreter runs a Distributed Map as an inline ` +
        "one (no child executions, ItemReader/ItemBatcher/ResultWriter ignored); use an inline Map or a paged loop",
    );
  }
  for (const field of DISTRIBUTED_MAP_FIELDS) {
    if (field in state) {
      problems.push(`${path}/${field}: Distributed Map feature, ignored silently by the local interpreter`);
    }
  }
}

function checkTask(state: Record<string, unknown>, path: string, problems: string[]): void {
  if (state.Type !== "Task") return;
  for (const [field, advice] of Object.entries(UNSUPPORTED_TASK_FIELDS)) {
    if (field in state) problems.push(`${path}/${field}: not supported locally; ${advice}`);
  }
  const resource = typeof state.Resource === "string" ? state.Resource : "";
  if (/^arn:aws[\w-]*:states:[^:]*:[^:]*:activity:/.test(resource)) {
    problems.push(`${path}/Resource: activities are not supported by the local runner`);
  }
  if (
    resource.endsWith(".waitForTaskToken") &&
    !JSON.stringify(state.Parameters ?? null).includes("$$.Task.Token")
  ) {
    problems.push(
      `${path}/Parameters: a .waitForTaskToken task must pass "$$.Task.Token" in its Parameters, ` +
        "otherwise nobody can ever complete it",
    );
  }
}

function checkState(state: Record<string, unknown>, path: string, problems: string[]): void {
  checkQueryLanguage(state, path, problems);
  checkAssign(state, path, problems);
  checkJsonataStateFields(state, path, problems);
  checkResultPath(state.ResultPath, `${path}/ResultPath`, problems);
  checkCatchers(state, path, problems);
  checkChoiceRules(state, path, problems);
  checkMap(state, path, problems);
  checkTask(state, path, problems);
  if (ownStrings(state).includes("$$.State.")) {
    problems.push(`${path}: "$$.State.*" context fields are not provided by the local interpreter`);
  }
}

/** Every problem found, as `path: explanation` lines; empty when the definition is valid. */
export function findDefinitionProblems(definition: unknown): string[] {
  if (!isPlainObject(definition)) return ["/: a state machine definition must be a JSON object"];
  const problems: string[] = [];
  walkDefinition(definition, {
    machine: ({ machine, path }) => checkQueryLanguage(machine, path, problems),
    state: ({ state, path }) => checkState(state, path, problems),
  });
  // asl-validator mutates its argument (it fills in QueryLanguage on every state): give it a copy.
  const result = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true });
  if (!result.isValid) {
    for (const error of result.errors)
      problems.push(`asl-validator ${error["Error code"]}: ${error.Message}`);
  }
  return problems;
}

/**
 * Throws an {@link AslValidationError} listing every problem (each naming its state path) when
 * the definition is not valid ASL or uses what the local interpreter would not run as AWS does.
 */
export function validateDefinition(definition: object, name: string): void {
  const problems = findDefinitionProblems(definition);
  if (problems.length > 0) throw new AslValidationError(name, problems);
}
