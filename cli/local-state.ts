import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { CliError } from "./errors";

/** Where `telecollect local up` is, written by it (mode 0600) and removed when it ends. */
export const localStateSchema = z.object({
  pid: z.int().min(1),
  startedAt: z.string(),
  controlUrl: z.url(),
  token: z.string().min(16),
  dynamoEndpoint: z.url(),
  webhookUrl: z.url(),
  /** The supervisor console; the API is under its `/api/`. */
  consoleUrl: z.url(),
  tables: z.object({
    participants: z.string(),
    campaigns: z.string(),
    cases: z.string(),
    interactions: z.string(),
    payments: z.string(),
    limits: z.string(),
    audit: z.string(),
    messages: z.string(),
    profiles: z.string(),
    kader: z.string(),
  }),
});

export type LocalState = z.output<typeof localStateSchema>;

export const localStatePath = (home: string) => join(home, "local.json");

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, owned by someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const exited = (pid: number, path: string) =>
  new CliError(
    `local runtime is not running (process ${pid} from ${path} has exited): start it with \`telecollect local up\``,
  );

/** The running local runtime, or a CliError saying why there is none. */
export async function readLocalState(home: string): Promise<LocalState> {
  const path = localStatePath(home);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new CliError(`local runtime is not running (no ${path}): start it with \`telecollect local up\``);
    }
    throw error;
  }
  let state: LocalState;
  try {
    const json = JSON.parse(text);
    // A file left by a runtime that has exited says so, whatever version wrote it.
    const pid = z.object({ pid: z.int().min(1) }).safeParse(json);
    if (pid.success && !isAlive(pid.data.pid)) throw exited(pid.data.pid, path);
    state = localStateSchema.parse(json);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `${path} is not a local runtime state file (${(error as Error).message.split("\n")[0]}): remove it`,
    );
  }
  return state;
}
