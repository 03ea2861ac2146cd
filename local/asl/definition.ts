/** Shared helpers for reading ASL definitions (JSONPath query language only). */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A state as found in a definition: an open record, checked field by field where used. */
export type AslState = Record<string, unknown>;

export interface AslStateMachine {
  StartAt: string;
  States: Record<string, AslState>;
  Comment?: string;
  TimeoutSeconds?: number;
  [field: string]: unknown;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface VisitedState {
  name: string;
  state: AslState;
  /** JSON-pointer-like location, e.g. `/States/Fan out/ItemProcessor/States/Call`. */
  path: string;
}

export interface VisitedMachine {
  machine: Record<string, unknown>;
  /** "" for the root, e.g. `/States/Fan out/Branches/0` for a Parallel branch. */
  path: string;
}

/** The nested state machines of a state: Parallel branches and Map processors. */
export function nestedMachines(state: AslState, statePath: string): VisitedMachine[] {
  const nested: VisitedMachine[] = [];
  if (state.Type === "Parallel" && Array.isArray(state.Branches)) {
    state.Branches.forEach((branch, i) => {
      if (isPlainObject(branch)) nested.push({ machine: branch, path: `${statePath}/Branches/${i}` });
    });
  }
  if (state.Type === "Map") {
    for (const field of ["ItemProcessor", "Iterator"] as const) {
      const processor = state[field];
      if (isPlainObject(processor)) nested.push({ machine: processor, path: `${statePath}/${field}` });
    }
  }
  return nested;
}

/** Visits every state machine (root first) and every state, depth first, in definition order. */
export function walkDefinition(
  definition: Record<string, unknown>,
  visit: { machine?: (m: VisitedMachine) => void; state?: (s: VisitedState) => void },
  path = "",
): void {
  visit.machine?.({ machine: definition, path });
  const states = definition.States;
  if (!isPlainObject(states)) return;
  for (const [name, state] of Object.entries(states)) {
    if (!isPlainObject(state)) continue;
    const statePath = `${path}/States/${name}`;
    visit.state?.({ name, state, path: statePath });
    for (const nested of nestedMachines(state, statePath)) walkDefinition(nested.machine, visit, nested.path);
  }
}

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/** The `${Name}` placeholders of a definition text, in order of first appearance (`${!x}` excluded). */
export function placeholderNames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? "";
    if (!name.startsWith("!")) names.add(name);
  }
  return [...names];
}

export class SubstitutionError extends Error {
  override readonly name = "SubstitutionError";
  constructor(
    message: string,
    readonly unresolved: string[],
  ) {
    super(message);
  }
}

/**
 * Substitutes `${Name}` placeholders like CloudFormation's `DefinitionSubstitutions` (what CDK's
 * `definitionSubstitutions` renders to): raw text replacement, `${!Literal}` stands for the literal
 * `${Literal}`. Any placeholder left unresolved is an error, as is any stray `${`.
 */
export function substitutePlaceholders(
  text: string,
  substitutions: Record<string, string>,
  what = "definition",
): string {
  const strayAt = text.search(/\$\{(?![^}]*\})/);
  if (strayAt >= 0) {
    throw new SubstitutionError(
      `${what}: unterminated substitution placeholder near "${text.slice(strayAt, strayAt + 40)}"`,
      [],
    );
  }
  const unresolved = new Set<string>();
  const replaced = text.replace(PLACEHOLDER, (whole, name: string) => {
    if (name.startsWith("!")) return `\${${name.slice(1)}}`;
    const value = Object.hasOwn(substitutions, name) ? substitutions[name] : undefined;
    if (value === undefined) {
      unresolved.add(name);
      return whole;
    }
    return value;
  });
  if (unresolved.size > 0) {
    const names = [...unresolved];
    throw new SubstitutionError(
      `${what}: unresolved substitution placeholder(s) ${names.map((n) => `\${${n}}`).join(", ")}; ` +
        `given: ${Object.keys(substitutions).join(", ") || "(none)"}`,
      names,
    );
  }
  return replaced;
}
