import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { type Branch, branchIndex, parseBranches, SAMPLE_BRANCHES } from "../functions/domain/branches";
import { describeIssues } from "../functions/domain/validation";
import { CliError } from "./errors";

/**
 * `$TELECOLLECT_HOME/config.json` (default `~/.telecollect/config.json`), optional; every field
 * has a default. Branches come from the `BRANCHES` environment variable as for the handlers
 * (JSON, the sample branches when unset), so the CLI and the runtime agree.
 */
const cliConfigSchema = z
  .object({
    /** The deployed stack read when `--local` is not given. */
    stack: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, "expected a CloudFormation stack name")
      .default("Telecollect"),
    /**
     * Accepted so existing files still load, no longer read: `cases` goes through the supervisor
     * API, which answers masked rows, so unmasking is the server's decision.
     */
    allowUnmasked: z.boolean().default(false),
    /**
     * Accepted so existing files still load, no longer read: the dry run goes through the API,
     * which uses the deployment's calls per agent per day.
     */
    callsPerAgentDay: z.int().min(1).max(500).default(60),
  })
  .strict();

export type CliConfig = z.output<typeof cliConfigSchema> & {
  home: string;
  branches: Map<string, Branch>;
};

export const telecollectHome = (env: NodeJS.ProcessEnv) =>
  env.TELECOLLECT_HOME ?? join(homedir(), ".telecollect");

export function parseCliConfig(input: unknown, where: string) {
  const parsed = cliConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new CliError(`${where}: ${describeIssues(parsed.error.issues, { whole: "(root)" })}`);
  }
  return parsed.data;
}

export async function loadCliConfig(env: NodeJS.ProcessEnv): Promise<CliConfig> {
  const home = telecollectHome(env);
  const path = join(home, "config.json");
  let raw: unknown = {};
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") throw new CliError(`${path}: ${(error as Error).message}`);
  }
  const config = parseCliConfig(raw, path);
  let branches: Branch[];
  try {
    branches = env.BRANCHES ? parseBranches(JSON.parse(env.BRANCHES)) : SAMPLE_BRANCHES;
  } catch (error) {
    throw new CliError(`environment BRANCHES: ${(error as Error).message}`);
  }
  return {
    ...config,
    home,
    branches: branchIndex(branches),
  };
}
