import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CaseStatus } from "../../functions/domain/case";
import { DEFAULT_STRATEGY } from "../../functions/domain/strategy";
import { caseRow, renderCasesCsv, renderCasesTable } from "../../functions/reports/cases";
import { count } from "../../functions/reports/text-table";
import { DynamoCaseStore } from "../../functions/store/cases";
import { allCases } from "../../functions/store/cursor";
import { HELP_OPTION, parseBranch, parseChoice, parsePeriod, TARGET_OPTIONS, targetChoice } from "../args";
import { campaignState } from "../campaign-state";
import { type Command, TARGET_HELP } from "../command";
import { CliError } from "../errors";

const STATUSES = ["OPEN", "PAID", "CLOSED"] as const satisfies readonly CaseStatus[];
const FORMATS = ["table", "csv", "json"] as const;

const options = {
  ...HELP_OPTION,
  ...TARGET_OPTIONS,
  branch: { type: "string" },
  period: { type: "string" },
  status: { type: "string" },
  bucket: { type: "string" },
  unmasked: { type: "boolean" },
  format: { type: "string" },
  json: { type: "boolean" },
  out: { type: "string" },
} as const;

export const casesCommand: Command = {
  name: "cases",
  summary: "list or export a campaign's cases (personal data masked)",
  options,
  help: `Usage: telecollect cases --branch CODE --period YYYY-MM [--status S] [--bucket B]
                        [--format table|csv|json] [--out FILE] [--unmasked] [--local | --stack NAME]

Lists a campaign's cases: participant, name and phone masked (card number's last 4 digits, the
initials, the phone's operator prefix and last 4 digits), category, status and close reason,
amounts, SMS, call attempts, last outcome, promise.

  --status S          OPEN, PAID or CLOSED
  --bucket B          a category id (${DEFAULT_STRATEGY.buckets.map((b) => b.id).join(", ")})
  --format F          table (default), csv, json; --json is --format json
  --out FILE          write to FILE instead of the terminal
  --unmasked          full participant ids, names and phone numbers; allowed only when the
                      environment has TELECOLLECT_ALLOW_UNMASKED=1 or the config file
                      ($TELECOLLECT_HOME/config.json) has "allowUnmasked": true
${TARGET_HELP}`,
  async run(ctx, values) {
    const branch = parseBranch(values.branch as string | undefined, ctx.config.branches);
    const period = parsePeriod(values.period as string | undefined);
    const status = parseChoice("status", values.status as string | undefined, STATUSES);
    const bucketIds = DEFAULT_STRATEGY.buckets.map((b) => b.id);
    const bucket = parseChoice("bucket", values.bucket as string | undefined, bucketIds);
    const format = values.json
      ? "json"
      : (parseChoice("format", values.format as string | undefined, FORMATS) ?? "table");
    const unmasked = values.unmasked === true;
    if (unmasked && !ctx.config.unmaskedAllowed) {
      throw new CliError(
        '--unmasked: not allowed here: set TELECOLLECT_ALLOW_UNMASKED=1 or "allowUnmasked": true in $TELECOLLECT_HOME/config.json',
      );
    }
    const target = await ctx.target(targetChoice(values, ctx.config.stack));
    const state = await campaignState(target, branch.code, period);
    const cases = (await allCases(new DynamoCaseStore(target.doc, target.tables.cases), state.campaignId))
      .filter((c) => (status ? c.status === status : true) && (bucket ? c.bucketId === bucket : true))
      .sort((a, b) => b.priority - a.priority || a.participantId.localeCompare(b.participantId));
    const rows = cases.map((c) => caseRow(c, unmasked ? "unmasked" : "masked"));
    let text: string;
    if (format === "json") text = JSON.stringify(rows, null, 2);
    // without its last line end: printing and --out add one
    else if (format === "csv") text = renderCasesCsv(rows).replace(/\n$/, "");
    else text = `${renderCasesTable(rows)}\n${count(rows.length)} case(s)`;
    const out = values.out as string | undefined;
    if (out) {
      await writeFile(resolve(out), `${text}\n`);
      ctx.io.out(`${count(rows.length)} case(s) of ${branch.code} ${period} written to ${resolve(out)}`);
    } else ctx.io.out(text);
    return 0;
  },
};
