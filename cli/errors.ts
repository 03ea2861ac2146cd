/** A bad command line: unknown option, missing or malformed value. Exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A command that could not do its work for a reason the user can act on. Exit code 1. */
export class CliError extends Error {
  override name = "CliError";
}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
