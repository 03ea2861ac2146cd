import type { z } from "zod";

/** Renders a zod path as `root.field[2].sub`, the form operators see in config errors. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    root,
  );
}

/** Parses or throws one Error listing every issue with its full path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, root: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new Error(
    result.error.issues.map((issue) => `${formatPath(root, issue.path)}: ${issue.message}`).join("; "),
  );
}
