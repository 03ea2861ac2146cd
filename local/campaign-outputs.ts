import { chmod, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { branchIndex, branchTimeZone, SAMPLE_BRANCHES } from "../functions/domain/branches";
import type { CampaignReport } from "../functions/domain/campaign-report";
import type { Case } from "../functions/domain/case";
import type { Interaction } from "../functions/domain/interaction";
import { caseRow, renderCasesCsv } from "../functions/reports/cases";
import { renderWorklistCsv, renderWorklistHtml } from "../functions/reports/kader-worklist";
import type { ExecutionDescription, RunnerStats } from "./asl/runner";
import type { KaderWorklists } from "./kader";

/**
 * The files a local campaign run leaves in its output directory: the report, the cases (masked)
 * and every interaction, SMS, WhatsApp message and call; returns their paths, the import's two files included.
 */
export async function writeOutputs(
  outDir: string,
  data: {
    outcomes: readonly {
      branchCode: string;
      campaignId: string;
      execution: Pick<ExecutionDescription, "name" | "status" | "error">;
      report?: CampaignReport;
    }[];
    cases: readonly Case[];
    trail: readonly Interaction[];
    sms: readonly unknown[];
    whatsapp: readonly unknown[];
    calls: readonly unknown[];
    notifications: readonly unknown[];
    stats: RunnerStats;
    kader: KaderWorklists;
    /** The simulated kader visits' results (participants masked). */
    kaderVisits: readonly unknown[];
  },
  now: Date,
): Promise<string[]> {
  const jsonl = (rows: readonly unknown[]) =>
    rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
  const files: Record<string, string> = {
    "report.json": `${JSON.stringify(
      {
        campaigns: data.outcomes.map((o) => ({
          branchCode: o.branchCode,
          campaignId: o.campaignId,
          execution: { name: o.execution.name, status: o.execution.status, error: o.execution.error },
          report: o.report,
        })),
        workflow: data.stats.totals,
        notifications: data.notifications,
      },
      null,
      2,
    )}\n`,
    "cases.csv": renderCasesCsv(data.cases.map((c) => caseRow(c, "masked"))),
    "interactions.jsonl": jsonl(data.trail),
    "sms.jsonl": jsonl(data.sms),
    "whatsapp.jsonl": jsonl(data.whatsapp),
    "calls.jsonl": jsonl(data.calls),
    "kader-results.jsonl": jsonl(data.kaderVisits),
  };
  for (const [name, content] of Object.entries(files)) await writeFile(join(outDir, name), content);
  const worklists = await writeKaderWorklists(outDir, data.kader, now);
  return [...Object.keys(files), "rejected-rows.csv", "contact-updates.csv", ...worklists].map((name) =>
    join(outDir, name),
  );
}

/**
 * The kader hand-off: every line in kader-worklist.csv (all branches, those without a kader too)
 * and one printable page per kader with lines. Names and addresses: owner-only files.
 */
async function writeKaderWorklists(outDir: string, kader: KaderWorklists, now: Date): Promise<string[]> {
  const files: Record<string, string> = { "kader-worklist.csv": renderWorklistCsv(kader.lines) };
  for (const [kaderId, k] of [...kader.roster].sort(([a], [b]) => a.localeCompare(b))) {
    const lines = kader.lines.filter((l) => l.kaderId === kaderId);
    if (lines.length === 0) continue;
    files[`kader-${kaderId}.html`] = renderWorklistHtml({
      branchCode: k.branchCode,
      period: lines[0]?.period ?? "",
      kader: k,
      lines,
      generatedAt: now,
      timeZone: branchTimeZone(branchIndex(SAMPLE_BRANCHES), k.branchCode),
    });
  }
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(outDir, name), content, { mode: 0o600 });
    // A file left by an earlier run keeps its mode through writeFile.
    await chmod(join(outDir, name), 0o600);
  }
  return Object.keys(files);
}
