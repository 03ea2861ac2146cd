import { isCalendarDate } from "../../functions/domain/local-time";
import { count, renderTable } from "../../functions/reports/text-table";
import type { AccessRecord as StoredAccessRecord } from "../../functions/store/audit";
import { API_TARGET_OPTIONS, apiTargetChoice, HELP_OPTION } from "../args";
import { API_TARGET_HELP, type Command, json } from "../command";
import { UsageError } from "../errors";

/** A record as the API lists it: the store's, without the request id. */
type AccessRecord = Omit<StoredAccessRecord, "requestId">;

const options = {
  ...HELP_OPTION,
  ...API_TARGET_OPTIONS,
  since: { type: "string" },
  json: { type: "boolean" },
} as const;

/** Thirty days before `now`, as a date: the default window. */
const monthBefore = (now: Date) => new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);

export const auditAccess: Command = {
  name: "audit access",
  summary: "who read personal data unmasked, when, what and why (national office)",
  options,
  help: `Usage: telecollect audit access [--since YYYY-MM-DD] [--json] [--local [--user NAME] | --stack NAME]

Lists every read of personal data unmasked (\`cases --unmasked\`, the console's equivalent) from
the date on (UTC), oldest first: when, who, which branch, what was read, how many participants,
why, from where. Only the national office (group NASIONAL) may list it.

  --since DATE        from this date on (default: 30 days ago)
  --json              the records as JSON
${API_TARGET_HELP}`,
  async run(ctx, values) {
    const since = (values.since as string | undefined) ?? monthBefore(new Date());
    if (!isCalendarDate(since))
      throw new UsageError(`--since: '${since}' is not a date (expected YYYY-MM-DD)`);
    const { choice, user } = apiTargetChoice(values, ctx.config.stack);
    const api = await ctx.api(choice, user);
    const { records } = await api.json<{ records: AccessRecord[] }>("GET", `/access?since=${since}`);
    if (values.json) {
      ctx.io.out(json(records));
      return 0;
    }
    const rows = records.map((r) => [
      r.at.slice(0, 16).replace("T", " "),
      r.username,
      r.branchCode,
      r.what,
      count(r.participants),
      r.reason,
      r.sourceIp,
    ]);
    const headers = ["at (UTC)", "user", "branch", "what", "participants", "reason", "from"];
    ctx.io.out(
      [
        renderTable(
          headers.map((header) => ({
            header,
            ...(header === "participants" ? { align: "right" as const } : {}),
          })),
          rows,
        ),
        `${count(records.length)} unmasked read(s) since ${since}`,
      ].join("\n"),
    );
    return 0;
  },
};
