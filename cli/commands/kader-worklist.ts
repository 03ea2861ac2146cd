import { chmod, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { campaignIdOf } from "../../functions/domain/case";
import { renderWorklistCsv, renderWorklistHtml } from "../../functions/reports/kader-worklist";
import { count } from "../../functions/reports/text-table";
import { DynamoKaderStore } from "../../functions/store/kader";
import { DynamoKaderWorklistStore, NO_KADER_KEY } from "../../functions/store/kader-worklists";
import { HELP_OPTION, parseBranch, parseChoice, parsePeriod, TARGET_OPTIONS, targetChoice } from "../args";
import { type Command, TARGET_HELP } from "../command";
import { CliError, UsageError } from "../errors";

const FORMATS = ["csv", "html"] as const;

export const kaderWorklist: Command = {
  name: "kader worklist",
  summary: "a campaign's kader worklists: CSV, or one kader's page to print",
  options: {
    ...HELP_OPTION,
    ...TARGET_OPTIONS,
    branch: { type: "string" },
    period: { type: "string" },
    kader: { type: "string" },
    format: { type: "string" },
    out: { type: "string" },
  },
  help: `Usage: telecollect kader worklist --branch CODE --period YYYY-MM [--kader ID] [--format csv|html]
                                [--out FILE] [--local | --stack NAME]

The cases the campaign handed to kader JKN (after each calling day and at close): who to
visit, where, why, and what the phone already tried. Lines no kader took (no kader for the
area, or their week was full) are listed under kader NONE for the supervisor. See docs/kader.md.

  --kader ID          one kader's lines (NONE: the lines without a kader)
  --format F          csv (default; every column, the eight agreed first) or html (one A4 page
                      to print, in Indonesian; needs --kader)
  --out FILE          write to FILE (owner-only: names and addresses) instead of the terminal
${TARGET_HELP}`,
  async run(ctx, values) {
    const branch = parseBranch(values.branch as string | undefined, ctx.config.branches);
    const period = parsePeriod(values.period as string | undefined);
    const format = parseChoice("format", values.format as string | undefined, FORMATS) ?? "csv";
    const kaderId = values.kader as string | undefined;
    if (format === "html" && !kaderId) {
      throw new UsageError(
        "--format html: needs --kader ID (one page per kader; NONE: lines without a kader)",
      );
    }
    const target = await ctx.target(targetChoice(values, ctx.config.stack));
    const all = await new DynamoKaderWorklistStore(target.doc, target.tables.kader).listWorklist(
      campaignIdOf(branch.code, period),
    );
    const lines = kaderId ? all.filter((l) => (l.kaderId ?? NO_KADER_KEY) === kaderId) : all;
    let text: string;
    if (format === "csv") text = renderWorklistCsv(lines);
    else {
      const roster = await new DynamoKaderStore(target.doc, target.tables.kader).listRoster(branch.code);
      const kader = roster.find((k) => k.kaderId === kaderId);
      if (!kader && kaderId !== NO_KADER_KEY) {
        throw new CliError(
          `kader ${kaderId} is not on the roster of ${branch.code} (telecollect kader import)`,
        );
      }
      text = renderWorklistHtml({
        branchCode: branch.code,
        period,
        ...(kader ? { kader } : {}),
        lines,
        generatedAt: await target.now(),
        timeZone: branch.timeZone,
      });
    }
    const out = values.out as string | undefined;
    const which = `${branch.code} ${period}${kaderId ? ` (kader ${kaderId})` : ""}`;
    if (out) {
      const path = resolve(out);
      await writeFile(path, text, { mode: 0o600 });
      // An existing file keeps its mode through writeFile.
      await chmod(path, 0o600);
      ctx.io.out(`${count(lines.length)} worklist line(s) of ${which} written to ${path}`);
    } else {
      ctx.io.out(text.replace(/\n$/, ""));
    }
    return 0;
  },
};
