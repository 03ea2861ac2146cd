import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CaseStatus } from "../../functions/domain/case";
import { bucketSchema, DEFAULT_STRATEGY } from "../../functions/domain/strategy";
import { type CaseRow, renderCasesCsv, renderCasesTable } from "../../functions/reports/cases";
import { count } from "../../functions/reports/text-table";
import {
  API_TARGET_OPTIONS,
  apiTargetChoice,
  HELP_OPTION,
  parseBranch,
  parseChoice,
  parsePeriod,
} from "../args";
import { API_TARGET_HELP, type Command } from "../command";
import { UsageError } from "../errors";

const STATUSES = ["OPEN", "PAID", "CLOSED"] as const satisfies readonly CaseStatus[];
const FORMATS = ["table", "csv", "json"] as const;
const DEFAULT_IDS = DEFAULT_STRATEGY.buckets.map((b) => b.id);

/** A category id; whether the campaign has it, its strategy says (the API answers 400 if not). */
function parseBucketId(value: string | undefined): string | undefined {
  if (value === undefined || bucketSchema.shape.id.safeParse(value).success) return value;
  throw new UsageError(
    `--bucket: '${value}' is not a category id (letters A-Z, digits and _, like ${DEFAULT_IDS.join(", ")})`,
  );
}

const options = {
  ...HELP_OPTION,
  ...API_TARGET_OPTIONS,
  branch: { type: "string" },
  period: { type: "string" },
  status: { type: "string" },
  bucket: { type: "string" },
  unmasked: { type: "boolean" },
  reason: { type: "string" },
  format: { type: "string" },
  json: { type: "boolean" },
  out: { type: "string" },
} as const;

export const casesCommand: Command = {
  name: "cases",
  summary: "list or export a campaign's cases (personal data masked unless the server allows and records it)",
  options,
  help: `Usage: telecollect cases --branch CODE --period YYYY-MM [--status S] [--bucket B]
                        [--format table|csv|json] [--out FILE] [--unmasked --reason TEXT]
                        [--local [--user NAME] | --stack NAME]

Lists a campaign's cases: participant, name and phone masked (card number's last 4 digits, the
initials, the phone's operator prefix and last 4 digits), category, status and close reason,
amounts, SMS, call attempts, last outcome, promise.

  --status S          OPEN, PAID or CLOSED
  --bucket B          a category id of the campaign's strategy (the default strategy's:
                      ${DEFAULT_IDS.join(", ")})
  --format F          table (default), csv, json; --json is --format json
  --out FILE          write to FILE instead of the terminal
  --unmasked          full card numbers, names and phones: the supervisor API decides (only a
                      user with the AKSES_DATA_PRIBADI role; anyone else is refused) and records
                      every such read with --reason (required), who, when and from where
${API_TARGET_HELP}`,
  async run(ctx, values) {
    const branch = parseBranch(values.branch as string | undefined, ctx.config.branches);
    const period = parsePeriod(values.period as string | undefined);
    const status = parseChoice("status", values.status as string | undefined, STATUSES);
    const bucket = parseBucketId(values.bucket as string | undefined);
    const format = values.json
      ? "json"
      : (parseChoice("format", values.format as string | undefined, FORMATS) ?? "table");
    const unmasked = values.unmasked === true;
    const reason = (values.reason as string | undefined)?.trim();
    if (unmasked && !reason) {
      throw new UsageError(
        "--reason: required with --unmasked (why the personal data is read; it is recorded)",
      );
    }
    if (!unmasked && reason !== undefined) throw new UsageError("--reason: only with --unmasked");
    const { choice, user } = apiTargetChoice(values, ctx.config.stack);
    const api = await ctx.api(choice, user);
    const query = new URLSearchParams({
      format: "json",
      ...(status ? { status } : {}),
      ...(bucket ? { bucket } : {}),
      ...(unmasked && reason ? { unmasked: "true", reason } : {}),
    });
    const { cases: rows } = await api.json<{ cases: CaseRow[] }>(
      "GET",
      `/branches/${branch.code}/campaigns/${period}/cases?${query}`,
    );
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
