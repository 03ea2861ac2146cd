import { access } from "node:fs/promises";
import { userInfo } from "node:os";
import { resolve } from "node:path";
import { readKaderResultsFile } from "../../functions/import/kader-results-import";
import { count } from "../../functions/reports/text-table";
import { applyKaderResults } from "../../functions/services/kader-results";
import { DynamoKaderStore } from "../../functions/store/kader";
import { kaderResultsDeps } from "../../local/kader";
import { HELP_OPTION, parseBranch, TARGET_OPTIONS, targetChoice } from "../args";
import { type Command, json, TARGET_HELP } from "../command";
import { CliError } from "../errors";

export const kaderResults: Command = {
  name: "kader results",
  summary: "apply a branch's kader visit results from a CSV file",
  options: { ...HELP_OPTION, ...TARGET_OPTIONS, branch: { type: "string" }, json: { type: "boolean" } },
  positionals: { min: 1, max: 1, name: "FILE.csv" },
  help: `Usage: telecollect kader results FILE.csv --branch CODE [--json] [--local | --stack NAME]

Reads one branch's kader visit results (UTF-8 CSV, header in any order):
  kader_id,participant_id,visited_at,outcome,promise_date,reason,new_phone,text
outcomes: VISITED_PROMISED (promise_date), VISITED_REFUSED (reason), NOT_HOME, MOVED, DECEASED,
PHONE_UPDATED (new_phone), REGISTERED_AUTODEBET, COMPLAINT (text). Bad rows (an unknown kader, a
kader of another branch...) are rejected with their line, field and reason, the others applied.
A file with an amount column is refused: kader never collect money. See docs/kader.md.

  --branch CODE       the branch whose kader made the visits
  --json              the summary as JSON
${TARGET_HELP}`,
  async run(ctx, values, [file = ""]) {
    const branch = parseBranch(values.branch as string | undefined, ctx.config.branches);
    const source = resolve(file);
    try {
      await access(source);
    } catch {
      throw new CliError(`FILE.csv: ${source} does not exist or is not readable`);
    }
    const target = await ctx.target(targetChoice(values, ctx.config.stack));
    const now = await target.now();
    const roster = await new DynamoKaderStore(target.doc, target.tables.kader).listRoster(branch.code);
    const read = await readKaderResultsFile(source, roster, branch.code, now);
    const deps = kaderResultsDeps(target.doc, target.tables, ctx.config.branches);
    const summary = await applyKaderResults(deps, branch.code, read.results, {
      username: `cli:${userInfo().username}`,
      now,
    });
    const rejections = read.rejections.map(({ line, field, reason, message }) => ({
      line,
      field,
      reason,
      message,
    }));
    if (values.json) {
      const { each: _each, ...counts } = summary;
      ctx.io.out(json({ read: read.read, ...counts, rejected: read.rejectedRows, rejections }));
      return 0;
    }
    ctx.io.out(
      [
        `Kader results of ${branch.code}: ${count(read.read)} row(s) read`,
        `  applied:       ${count(summary.applied)}`,
        `  closed case:   ${count(summary.onClosedCase)} (the visit counted, nothing live on the case)`,
        `  no case:       ${count(summary.noCase)} (statuses kept)`,
        `  rejected:      ${count(read.rejectedRows)}`,
        ...rejections.map((r) => `    ${r.reason.padEnd(24)}${r.message}`),
        ...Object.entries(summary.byOutcome).map(([o, n]) => `  ${o.padEnd(22)}${count(n)}`),
        `  into:          ${target.description}`,
      ].join("\n"),
    );
    return 0;
  },
};
