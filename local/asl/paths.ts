/**
 * Reference Paths (the JSONPath subset ASL allows where a single value is read: `$.a.b`,
 * `$['a b']`, `$.list[2]`, `$$.Execution.Input`), evaluated by the runner for the fields it runs
 * itself (Wait's SecondsPath/TimestampPath).
 */

type Segment = string | number;

export class ReferencePathError extends Error {
  override readonly name = "ReferencePathError";
}

export function parseReferencePath(path: string): { context: boolean; segments: Segment[] } {
  const context = path.startsWith("$$");
  if (!path.startsWith("$"))
    throw new ReferencePathError(`"${path}" is not a reference path (must start with $)`);
  const rest = path.slice(context ? 2 : 1);
  const segments: Segment[] = [];
  let i = 0;
  while (i < rest.length) {
    const ch = rest[i];
    if (ch === ".") {
      let j = i + 1;
      while (j < rest.length && rest[j] !== "." && rest[j] !== "[") j++;
      const name = rest.slice(i + 1, j);
      if (name.length === 0 || name === "*")
        throw new ReferencePathError(`"${path}": unsupported segment at ${i}`);
      segments.push(name);
      i = j;
    } else if (ch === "[") {
      const close = rest.indexOf("]", i);
      if (close < 0) throw new ReferencePathError(`"${path}": unclosed [`);
      const inner = rest.slice(i + 1, close).trim();
      const quoted = /^(['"])(.*)\1$/.exec(inner);
      if (quoted) segments.push(quoted[2] ?? "");
      else if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else throw new ReferencePathError(`"${path}": unsupported selector [${inner}] (reference paths only)`);
      i = close + 1;
    } else {
      throw new ReferencePathError(`"${path}": unexpected "${ch}" at ${i}`);
    }
  }
  return { context, segments };
}

/** The value at `path`, or undefined when it points to nothing. */
export function readReferencePath(path: string, input: unknown, context: unknown): unknown {
  const { context: fromContext, segments } = parseReferencePath(path);
  let value: unknown = fromContext ? context : input;
  for (const segment of segments) {
    if (typeof segment === "number") {
      if (!Array.isArray(value)) return undefined;
      value = value[segment];
    } else {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
      if (!Object.hasOwn(value, segment)) return undefined;
      value = (value as Record<string, unknown>)[segment];
    }
  }
  return value;
}

/** RFC 3339 profile of ISO 8601, as Step Functions requires for timestamps. */
export const RFC3339 =
  /^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
