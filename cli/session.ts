import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { TargetChoice } from "./args";
import { CliError } from "./errors";

/**
 * A supervisor's sign-in to one target, written by `telecollect login` (mode 0600): where the API
 * is, who signed in and the token the API takes until it expires.
 */
export const sessionSchema = z.object({
  /** The API's root: requests go to `<apiUrl>/me`, `<apiUrl>/branches/...`. */
  apiUrl: z.url(),
  username: z.string().min(1),
  token: z.string().min(16),
  expiresAt: z.iso.datetime({ offset: true }),
  /** How the target is named in the commands' output ("stack Telecollect in ap-southeast-1"). */
  description: z.string(),
});

export type Session = z.output<typeof sessionSchema>;

/** `session-local.json`, `session-stack-<name>.json`: a stack may be named "local". */
export const targetKey = (choice: TargetChoice) =>
  choice.kind === "local" ? "local" : `stack-${choice.stack}`;

export const sessionPath = (home: string, choice: TargetChoice) =>
  join(home, `session-${targetKey(choice)}.json`);

/** The `telecollect login` command line that signs in to this target again. */
export const loginHint = (choice: TargetChoice, username?: string) =>
  `telecollect login ${choice.kind === "local" ? "--local" : `--stack ${choice.stack}`}${username ? ` --user ${username}` : ""}`;

export async function readSession(home: string, choice: TargetChoice): Promise<Session | undefined> {
  const path = sessionPath(home, choice);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const parsed = sessionSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new CliError(`${path} is not a session file: sign in again with \`${loginHint(choice)}\``);
  }
  return parsed.data;
}

/** Written under a temporary name first, so the token never sits in a file others may read. */
export async function writeSession(home: string, choice: TargetChoice, session: Session): Promise<string> {
  const path = sessionPath(home, choice);
  await mkdir(home, { recursive: true, mode: 0o700 });
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
  await rename(partial, path);
  return path;
}

/** True when there was a session to remove. */
export async function removeSession(home: string, choice: TargetChoice): Promise<boolean> {
  const path = sessionPath(home, choice);
  try {
    await rm(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/** The session, unless it has expired (with a minute's margin for the request in flight). */
export function usableSession(session: Session, choice: TargetChoice, now: Date): Session {
  if (Date.parse(session.expiresAt) - 60_000 <= now.getTime()) {
    throw new CliError(
      `the session of ${session.username} on ${session.description} expired at ${session.expiresAt}: sign in again with \`${loginHint(choice, session.username)}\``,
    );
  }
  return session;
}
