import type { OptionSpecs, TargetChoice } from "./args";
import type { CliConfig } from "./config";
import type { SupervisorApiClient } from "./supervisor-api";
import type { Target } from "./target";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Asks on the terminal without echo; absent when there is no terminal. */
  askSecret?(prompt: string): Promise<string>;
}

export interface CommandContext {
  io: Io;
  config: CliConfig;
  /** The tables and executions, directly: payments and the engineer's `campaign start --force`. */
  target(choice: TargetChoice): Promise<Target>;
  /** The supervisor API, signed in (`user`: whom to sign in as on the local runtime). */
  api(choice: TargetChoice, user?: string): Promise<SupervisorApiClient>;
}

export interface Command {
  /** `import`, `campaign start`... */
  name: string;
  summary: string;
  /** The full `--help` text. */
  help: string;
  options: OptionSpecs;
  positionals?: { min: number; max: number; name: string };
  run(
    ctx: CommandContext,
    values: Record<string, string | boolean | string[] | undefined>,
    positionals: string[],
  ): Promise<number>;
}

export const TARGET_HELP = `  --local             the embedded runtime started by \`telecollect local up\`
  --stack NAME        the deployed stack (default: config "stack", Telecollect); AWS profile and
                      region from the usual AWS environment (AWS_PROFILE, AWS_REGION)`;

/** For the commands that go through the supervisor API. */
export const API_TARGET_HELP = `  --local             the embedded runtime started by \`telecollect local up\`; the CLI signs in
                      by itself as nasional (or --user NAME, or whoever \`telecollect login
                      --local\` signed in) with TELECOLLECT_LOCAL_PASSWORD or the default
  --user NAME         with --local: the sample supervisor to act as (spv-gorontalo...)
  --stack NAME        the deployed stack (default: config "stack", Telecollect), through its
                      supervisor API as the user \`telecollect login --stack NAME\` signed in`;

/** JSON for `--json`: two-space indent, one trailing newline from `out`. */
export const json = (value: unknown) => JSON.stringify(value, null, 2);
