import type { z } from "zod";

/**
 * How every part of telecollect names what is wrong with an input: one `{field, message}` per
 * problem for APIs, `field: message; field: message` for messages, the field written
 * `root.field[2].sub`. Zod's issues and the Standard Schema issues of the Powertools parser alike.
 */

/** One problem with one field of an input. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** A validation issue as zod (or any Standard Schema validator) reports it. */
export interface SchemaIssue {
  message: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined;
}

export interface FieldNaming {
  /** Prefix of every field: `branches` -> `branches[2].timeZone`. */
  root?: string;
  /** The name of the input as a whole, for an issue with no path, e.g. `(event)`; default the root. */
  whole?: string;
}

/** The input as a whole in messages about a process's environment, and about a Lambda event. */
export const ENVIRONMENT: FieldNaming = { whole: "(environment)" };
export const EVENT: FieldNaming = { whole: "(event)" };

/** A path as `root.field[2].sub`. */
export function fieldName(path: SchemaIssue["path"], naming: FieldNaming = {}): string {
  if (!path || path.length === 0) return naming.whole ?? naming.root ?? "";
  return path.reduce<string>((acc, segment) => {
    const key = typeof segment === "object" ? segment.key : segment;
    if (typeof key === "number") return `${acc}[${key}]`;
    return acc === "" ? String(key) : `${acc}.${String(key)}`;
  }, naming.root ?? "");
}

export function fieldIssues(issues: readonly SchemaIssue[], naming: FieldNaming = {}): FieldIssue[] {
  return issues.map((issue) => ({ field: fieldName(issue.path, naming), message: issue.message }));
}

/** Every issue on one line: `field: message; field: message`. */
export function describeFieldIssues(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => `${issue.field}: ${issue.message}`).join("; ");
}

/** Every schema issue on one line, each naming its field. */
export function describeIssues(issues: readonly SchemaIssue[], naming: FieldNaming = {}): string {
  return describeFieldIssues(fieldIssues(issues, naming));
}

/** Parses or throws one Error listing every issue with its full path under `root`. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, root: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new Error(describeIssues(result.error.issues, { root }));
}
