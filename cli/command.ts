import type { OptionSpecs, TargetChoice } from "./args";
import type { CliConfig } from "./config";
import type { Target } from "./target";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

export interface CommandContext {
  io: Io;
  config: CliConfig;
  target(choice: TargetChoice): Promise<Target>;
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

/** JSON for `--json`: two-space indent, one trailing newline from `out`. */
export const json = (value: unknown) => JSON.stringify(value, null, 2);
