import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CampaignReport } from "../functions/domain/campaign-report";
import type { Case } from "../functions/domain/case";
import type { Interaction } from "../functions/domain/interaction";
import { caseRow, renderCasesCsv } from "../functions/reports/cases";
import type { ExecutionDescription, RunnerStats } from "./asl/runner";

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
  },
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
  };
  for (const [name, content] of Object.entries(files)) await writeFile(join(outDir, name), content);
  return [...Object.keys(files), "rejected-rows.csv", "contact-updates.csv"].map((name) =>
    join(outDir, name),
  );
}
