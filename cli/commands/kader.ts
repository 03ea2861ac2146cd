import { access } from "node:fs/promises";
import { resolve } from "node:path";
import { kaderPerKecamatan } from "../../functions/domain/kader";
import { type KaderFile, readKaderFile } from "../../functions/import/kader-import";
import { count } from "../../functions/reports/text-table";
import { DynamoKaderStore } from "../../functions/store/kader";
import { HELP_OPTION, TARGET_OPTIONS, targetChoice } from "../args";
import { type Command, json, TARGET_HELP } from "../command";
import { CliError } from "../errors";

/** The summary: counts, each rejection by line, field and reason, kader per kecamatan; no name or phone. */
function formatKaderSummary(
  file: KaderFile,
  replaced: Map<string, { written: number; removed: number }>,
): string {
  const imported = [...file.byBranch.values()].reduce((n, roster) => n + roster.length, 0);
  const lines = [
    `Kader roster: ${count(file.read)} row(s) read`,
    `  imported:  ${count(imported)}`,
    `  rejected:  ${count(file.rejectedRows)}`,
    ...file.rejections.map((r) => `    ${r.reason.padEnd(18)}${r.message}`),
    "  by branch:",
  ];
  for (const [branch, { written, removed }] of replaced) {
    lines.push(
      `    ${branch}: roster replaced, ${count(written)} kader (${count(removed)} no longer listed, removed)`,
    );
    for (const [kecamatan, n] of kaderPerKecamatan(file.byBranch.get(branch) ?? [])) {
      lines.push(`      ${kecamatan.padEnd(28)}${count(n)}`);
    }
  }
  return lines.join("\n");
}

export const kaderImport: Command = {
  name: "kader import",
  summary: "replace branches' kader JKN rosters from a CSV file",
  options: { ...HELP_OPTION, ...TARGET_OPTIONS, json: { type: "boolean" } },
  positionals: { min: 1, max: 1, name: "FILE.csv" },
  help: `Usage: telecollect kader import FILE.csv [--json] [--local | --stack NAME]

Reads a roster of kader JKN (UTF-8 CSV, header in any order):
  kader_id,name,phone,branch_code,kecamatan,desa,capacity_per_week
and makes it each listed branch's whole roster: its kader are written, the branch's kader the
file no longer lists are removed. A branch the file does not name (or whose rows were all
rejected) keeps its roster. Bad rows are rejected with their line, field and reason, the others
imported; a kader id on two rows rejects both. A file with no valid row changes nothing.
See docs/kader.md.

  --json              the summary as JSON (counts, rejections, kader per kecamatan)
${TARGET_HELP}`,
  async run(ctx, values, [file = ""]) {
    const source = resolve(file);
    try {
      await access(source);
    } catch {
      throw new CliError(`FILE.csv: ${source} does not exist or is not readable`);
    }
    const roster = await readKaderFile(source, [...ctx.config.branches.values()]);
    if (roster.byBranch.size === 0) {
      const why = roster.rejections
        .slice(0, 20)
        .map((r) => `\n  ${r.message}`)
        .join("");
      throw new CliError(`${source}: no valid kader in ${count(roster.read)} row(s); nothing imported${why}`);
    }
    const target = await ctx.target(targetChoice(values, ctx.config.stack));
    const store = new DynamoKaderStore(target.doc, target.tables.kader);
    const now = await target.now();
    const replaced = new Map<string, { written: number; removed: number }>();
    for (const [branch, kader] of roster.byBranch)
      replaced.set(branch, await store.replaceRoster(branch, kader, now));
    if (values.json) {
      ctx.io.out(
        json({
          read: roster.read,
          imported: [...replaced.values()].reduce((n, r) => n + r.written, 0),
          rejected: roster.rejectedRows,
          rejections: roster.rejections.map(({ line, field, reason, message }) => ({
            line,
            field,
            reason,
            message,
          })),
          byBranch: Object.fromEntries(
            [...replaced].map(([branch, r]) => [
              branch,
              { ...r, byKecamatan: Object.fromEntries(kaderPerKecamatan(roster.byBranch.get(branch) ?? [])) },
            ]),
          ),
        }),
      );
    } else {
      ctx.io.out(`${formatKaderSummary(roster, replaced)}\n  into:      ${target.description}`);
    }
    return 0;
  },
};
