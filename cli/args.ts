import { type ParseArgsConfig, parseArgs } from "node:util";
import type { Branch } from "../functions/domain/branches";
import { isPeriod } from "../functions/domain/period";
import { UsageError } from "./errors";

export type OptionSpecs = NonNullable<ParseArgsConfig["options"]>;

/** Options every command that reads or writes campaign data takes. */
export const TARGET_OPTIONS = {
  local: { type: "boolean" },
  stack: { type: "string" },
} as const satisfies OptionSpecs;

/** The target options of the commands that go through the supervisor API. */
export const API_TARGET_OPTIONS = {
  ...TARGET_OPTIONS,
  user: { type: "string" },
} as const satisfies OptionSpecs;

/** The target, and on the local runtime whom to sign in as; `--user` with a stack is `login`'s. */
export function apiTargetChoice(
  values: { local?: boolean; stack?: string; user?: string },
  defaultStack: string,
): { choice: TargetChoice; user: string | undefined } {
  const choice = targetChoice(values, defaultStack);
  if (values.user !== undefined && choice.kind === "aws") {
    throw new UsageError(
      `--user: only with --local; on a stack sign in as that user with \`telecollect login --stack ${choice.stack} --user ${values.user}\``,
    );
  }
  return { choice, user: values.user };
}

export const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const satisfies OptionSpecs;

/** parseArgs with its errors turned into UsageError (exit 2). */
export function parseCommandArgs<O extends OptionSpecs>(
  argv: string[],
  options: O,
  positionals: { min: number; max: number; name: string },
) {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const help = (parsed.values as Record<string, unknown>).help === true;
  if (!help && parsed.positionals.length < positionals.min)
    throw new UsageError(`${positionals.name}: required`);
  if (parsed.positionals.length > positionals.max)
    throw new UsageError(`unexpected argument '${parsed.positionals[positionals.max]}'`);
  return { values: parsed.values, positionals: parsed.positionals, help };
}

export function parsePeriod(value: string | undefined): string {
  if (value === undefined) throw new UsageError("--period: required (YYYY-MM)");
  if (!isPeriod(value)) throw new UsageError(`--period: '${value}' is not a month (expected YYYY-MM)`);
  return value;
}

export function parseBranch(value: string | undefined, branches: ReadonlyMap<string, Branch>): Branch {
  if (value === undefined) throw new UsageError("--branch: required (a branch code)");
  const branch = branches.get(value);
  if (!branch) {
    throw new UsageError(`--branch: unknown branch '${value}' (known: ${[...branches.keys()].join(", ")})`);
  }
  return branch;
}

/** One of `choices`, or undefined when the option was not given. */
export function parseChoice<T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${name}: '${value}' is not one of ${choices.join(", ")}`);
  }
  return value as T;
}

export function parsePositiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value)))
    throw new UsageError(`--${name}: '${value}' is not a positive integer`);
  return Number(value);
}

/** Where a command works: the embedded runtime (`--local`) or a deployed stack. */
export type TargetChoice = { kind: "local" } | { kind: "aws"; stack: string };

export function targetChoice(
  values: { local?: boolean; stack?: string },
  defaultStack: string,
): TargetChoice {
  if (values.local && values.stack !== undefined) {
    throw new UsageError("--local and --stack: choose one (the local runtime or a deployed stack)");
  }
  if (values.local) return { kind: "local" };
  const stack = values.stack ?? defaultStack;
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stack)) {
    throw new UsageError(`--stack: '${stack}' is not a CloudFormation stack name`);
  }
  return { kind: "aws", stack };
}
