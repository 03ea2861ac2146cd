import { access, mkdir, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import {
  type BranchImportCounts,
  formatImportSummary,
  type ImportSummary,
} from "../../functions/import/arrears-import";
import { csvRecord } from "../../functions/import/csv";
import { count } from "../../functions/reports/text-table";
import { API_TARGET_OPTIONS, apiTargetChoice, HELP_OPTION, parseBranch } from "../args";
import { API_TARGET_HELP, type Command, json } from "../command";
import { CliError } from "../errors";
import { snapshotBody, type UploadRejection, uploadSnapshot } from "../snapshot-upload";

const options = {
  ...HELP_OPTION,
  ...API_TARGET_OPTIONS,
  branch: { type: "string", multiple: true },
  out: { type: "string" },
  json: { type: "boolean" },
} as const;

/** Without the raw row, which the API does not keep: the line locates it in the file. */
const REJECTED_ROWS_HEADER = ["line", "participant_id", "field", "reason", "message"];

async function writeRejectedRows(path: string, rejections: readonly UploadRejection[]) {
  const rows = rejections.map((r) =>
    csvRecord([String(r.line), r.participantId, r.field, r.reason, r.message]),
  );
  await writeFile(path, [csvRecord(REJECTED_ROWS_HEADER), ...rows, ""].join("\n"));
}

/**
 * The server's summary as a direct import counts it: rows the filter left out are read and
 * skipped, and only the filter's branches are listed, in the configured order.
 */
function asImported(
  summary: ImportSummary,
  { filter, skippedByFilter, order }: { filter: readonly string[]; skippedByFilter: number; order: string[] },
): ImportSummary {
  const listed = (code: string) => code in summary.byBranch && (filter.length === 0 || filter.includes(code));
  const byBranch = Object.fromEntries(
    order.filter(listed).map((code) => [code, summary.byBranch[code] as BranchImportCounts]),
  );
  return { ...summary, read: summary.read + skippedByFilter, skippedByFilter, byBranch };
}

export const importCommand: Command = {
  name: "import",
  summary: "import an arrears snapshot (CSV) through the supervisor API",
  positionals: { min: 1, max: 1, name: "FILE.csv" },
  options,
  help: `Usage: telecollect import FILE.csv [--branch CODE ...] [--out DIR] [--json]
                        [--local [--user NAME] | --stack NAME]

Uploads the monthly arrears snapshot to the supervisor API and waits for its import: every
valid row is upserted by participant; bad rows are rejected with their line, field and reason;
rows of a branch the signed-in user does not hold are rejected (BRANCH_NOT_ALLOWED) with their
line; phones that are not valid Indonesian numbers import the participant as not contactable.
Rows carry their own branch: --branch only filters (here, before the upload).

  --branch CODE       import only these branches (repeatable)
  --out DIR           where rejected-rows.csv goes (default: .): line, participant, field,
                      reason, message of the first 200 rejections the API keeps
  --json              the summary as JSON
${API_TARGET_HELP}`,
  async run(ctx, values, [file = ""]) {
    const filter = ((values.branch as string[] | undefined) ?? []).map(
      (code) => parseBranch(code, ctx.config.branches).code,
    );
    const source = resolve(file);
    try {
      await access(source);
    } catch {
      throw new CliError(`FILE.csv: ${source} does not exist or is not readable`);
    }
    const { choice, user } = apiTargetChoice(values, ctx.config.stack);
    const { body, skippedByFilter } = await snapshotBody(source, filter);
    const api = await ctx.api(choice, user);
    const upload = await uploadSnapshot(api, basename(source), body);
    if (upload.status === "FAILED" || !upload.summary) {
      throw new CliError(
        `import of ${source} failed: ${upload.error ?? "no summary"} (upload ${upload.uploadId})`,
      );
    }
    const outDir = resolve((values.out as string | undefined) ?? ".");
    await mkdir(outDir, { recursive: true });
    const rejectedRowsPath = join(outDir, "rejected-rows.csv");
    const rejections = upload.rejections ?? [];
    await writeRejectedRows(rejectedRowsPath, rejections);
    const order = [...ctx.config.branches.keys()];
    const summary = { ...asImported(upload.summary, { filter, skippedByFilter, order }), rejectedRowsPath };
    const entries = Object.values(summary.rejectedByReason).reduce((a, b) => a + b, 0);
    const kept =
      entries > rejections.length
        ? `only the first ${count(rejections.length)} of ${count(entries)} rejections are kept by the API: rejected-rows.csv lists those`
        : undefined;
    if (values.json) {
      ctx.io.out(json(summary));
      if (kept) ctx.io.err(`telecollect: ${kept}`);
    } else {
      ctx.io.out(
        `${formatImportSummary(summary)}${kept ? `\n  (${kept})` : ""}\n  into:                ${api.description} as ${api.username}`,
      );
    }
    return 0;
  },
};
