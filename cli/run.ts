import { resolveApi } from "./api-target";
import { parseCommandArgs, type TargetChoice } from "./args";
import type { Command, CommandContext, Io } from "./command";
import { auditAccess } from "./commands/audit";
import { campaignReportCommand, campaignStart, campaignStatus, campaignStop } from "./commands/campaign";
import { casesCommand } from "./commands/cases";
import { importCommand } from "./commands/import";
import { kaderImport } from "./commands/kader";
import { kaderResults } from "./commands/kader-results";
import { kaderWorklist } from "./commands/kader-worklist";
import { localDown, localUp } from "./commands/local";
import { login, logout } from "./commands/login";
import { participantErase, participantExport } from "./commands/participant";
import { paymentsAssign, paymentsUnmatched } from "./commands/payments";
import { loadCliConfig } from "./config";
import { CliError, EXIT, UsageError } from "./errors";
import { resolveTarget } from "./target";

export const COMMANDS: readonly Command[] = [
  importCommand,
  campaignStart,
  campaignStatus,
  campaignStop,
  campaignReportCommand,
  casesCommand,
  auditAccess,
  paymentsUnmatched,
  paymentsAssign,
  kaderImport,
  kaderWorklist,
  kaderResults,
  participantExport,
  participantErase,
  login,
  logout,
  localUp,
  localDown,
];

export const USAGE = `Usage: telecollect <command> [options]   (telecollect <command> --help for its options)

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(20)}${c.summary}`).join("\n")}

Exit codes: 0 done, 1 failed, 2 bad command line.`;

/** The command named by the first one or two words of argv, and the arguments after them. */
export function findCommand(argv: readonly string[]): { command: Command; rest: string[] } | undefined {
  for (const command of COMMANDS) {
    const words = command.name.split(" ");
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

/** Errors of the layers below that carry a message a supervisor can act on. */
const EXPECTED_ERRORS = new Set([
  "ImportFileError",
  "ImportOptionsError",
  "TooManyRunsError",
  "LocalRuntimeUnavailableError",
  "LocalDynamoError",
  "PaymentNotAssignableError",
  "PaymentNotAppliedError",
]);

/** Runs one command line; returns the exit code. Errors become one line on stderr. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
      if (argv.length === 0) {
        io.err(USAGE);
        return EXIT.usage;
      }
      io.out(USAGE);
      return EXIT.ok;
    }
    const found = findCommand(argv);
    const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `));
    if (!found && group.length > 0) {
      const list = `Usage: telecollect ${argv[0]} <${group.map((c) => c.name.split(" ")[1]).join("|")}> [options]\n\n${group.map((c) => `  ${c.name.padEnd(20)}${c.summary}`).join("\n")}`;
      const asked = argv[1] === "--help" || argv[1] === "-h";
      if (asked) io.out(list);
      else io.err(`telecollect: ${argv[0]}: expected a subcommand\n${list}`);
      return asked ? EXIT.ok : EXIT.usage;
    }
    if (!found)
      throw new UsageError(`unknown command '${argv.slice(0, 2).join(" ")}' (telecollect --help lists them)`);
    const { command, rest } = found;
    const parsed = parseCommandArgs(
      rest,
      command.options,
      command.positionals ?? { min: 0, max: 0, name: "" },
    );
    if (parsed.help) {
      io.out(command.help);
      return EXIT.ok;
    }
    const config = await loadCliConfig(io.env);
    const ctx: CommandContext = {
      io,
      config,
      target: (choice: TargetChoice) => resolveTarget(choice, config.home),
      api: (choice: TargetChoice, user?: string) => resolveApi(choice, config.home, io.env, user),
    };
    return await command.run(
      ctx,
      parsed.values as Record<string, string | boolean | string[] | undefined>,
      parsed.positionals,
    );
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`telecollect: ${error.message}`);
      return EXIT.usage;
    }
    if (error instanceof CliError || EXPECTED_ERRORS.has((error as Error).name)) {
      io.err(`telecollect: ${(error as Error).message}`);
      return EXIT.failure;
    }
    io.err(
      `telecollect: unexpected ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
    if (io.env.TELECOLLECT_DEBUG === "1" && error instanceof Error) io.err(error.stack ?? "");
    return EXIT.failure;
  }
}
