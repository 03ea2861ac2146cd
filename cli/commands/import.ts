import { access } from "node:fs/promises";
import { join, resolve } from "node:path";
import { formatImportSummary, importArrears } from "../../functions/import/arrears-import";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { HELP_OPTION, parseBranch, TARGET_OPTIONS, targetChoice } from "../args";
import { type Command, json, TARGET_HELP } from "../command";
import { CliError } from "../errors";

const options = {
  ...HELP_OPTION,
  ...TARGET_OPTIONS,
  branch: { type: "string", multiple: true },
  out: { type: "string" },
  json: { type: "boolean" },
} as const;

export const importCommand: Command = {
  name: "import",
  summary: "import an arrears snapshot (CSV) into the participants table",
  positionals: { min: 1, max: 1, name: "FILE.csv" },
  options,
  help: `Usage: telecollect import FILE.csv [--branch CODE ...] [--out DIR] [--json] [--local | --stack NAME]

Imports the monthly arrears snapshot: every valid row is upserted by participant; bad rows are
rejected with their line, field and reason; phones that are not valid Indonesian numbers import
the participant as not contactable. Rows carry their own branch: --branch only filters.

  --branch CODE       import only these branches (repeatable)
  --out DIR           where rejected-rows.csv and contact-updates.csv go (default: .)
  --json              the summary as JSON
${TARGET_HELP}`,
  async run(ctx, values, [file = ""]) {
    const branches = ((values.branch as string[] | undefined) ?? []).map(
      (code) => parseBranch(code, ctx.config.branches).code,
    );
    const source = resolve(file);
    try {
      await access(source);
    } catch {
      throw new CliError(`FILE.csv: ${source} does not exist or is not readable`);
    }
    const target = await ctx.target(targetChoice(values, ctx.config.stack));
    const outDir = resolve((values.out as string | undefined) ?? ".");
    const summary = await importArrears({
      source,
      branches: [...ctx.config.branches.values()],
      store: new DynamoParticipantStore(target.doc, target.tables.participants),
      now: await target.now(),
      rejectedRowsPath: join(outDir, "rejected-rows.csv"),
      contactUpdatesPath: join(outDir, "contact-updates.csv"),
      ...(branches.length > 0 ? { branchFilter: branches } : {}),
    });
    ctx.io.out(
      values.json
        ? json(summary)
        : `${formatImportSummary(summary)}\n  into:                ${target.description}`,
    );
    return 0;
  },
};
