import "./environment";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { branchIndex, SAMPLE_BRANCHES } from "../functions/domain/branches";
import type { FunnelFigures } from "../functions/domain/campaign-report";
import { localDate } from "../functions/domain/local-time";
import { formatRupiah } from "../functions/domain/money";
import { isPeriod, periodOf } from "../functions/domain/period";
import { formatImportSummary } from "../functions/import/arrears-import";
import { renderHtmlReport } from "../functions/reports/html";
import { renderTable } from "../functions/reports/text-table";
import { type BranchOutcome, type Progress, runLocalCampaign } from "./campaign";
import { progressLine } from "./progress";
import { type DataDirState, describeDataDir } from "./runtime";
import { strategyOption } from "./strategy-file";

const USAGE = `Usage: npm start -- [--data FILE.csv] [--period YYYY-MM] [--branch CODE ...] [--seed N]
                    [--participants N] [--sms-only] [--strategy FILE.json] [--out DIR]
                    [--data-dir DIR]

Runs a whole month of telecollecting campaigns on this machine, no AWS account needed:
imports the arrears snapshot into DynamoDB Local, then runs each branch's campaign state
machine (the same ASL files and Lambda handlers as in AWS) on a simulated clock, with a
simulated contact center, an SMS outbox, a WhatsApp simulator and a population that pays through the signed
payment webhook on 127.0.0.1.

  --data FILE.csv     arrears snapshot (default: the bundled sample, data/sample-arrears.csv)
  --period YYYY-MM    campaign period (default: the current month in Jakarta)
  --branch CODE       only these branches (repeatable; default: every branch in the file)
  --seed N            seed of the simulation (default 20261101): same seed, same results
  --participants N    generate N participants with the seed instead of reading --data
  --sms-only          no WhatsApp, as a deployment without a WhatsApp number: every reminder
                      by SMS (default: WhatsApp first, through the simulator)
  --strategy FILE     every campaign's strategy: JSON of only what differs from the defaults,
                      as a deployment's config "strategy" (e.g. the one-segment SMS texts:
                      {"messaging": {"sms": {"length": "ONE_SEGMENT"}}}); a misspelt key is
                      an error
  --out DIR           report.json, report-<BRANCH>.html, cases.csv, interactions.jsonl,
                      sms.jsonl, whatsapp.jsonl, calls.jsonl, rejected-rows.csv,
                      contact-updates.csv, kader-worklist.csv and kader-<KADER>.html (the
                      kader's worklists: names and addresses, owner-only files),
                      kader-results.jsonl (simulated kader visits)
                      (default: out)
  --data-dir DIR      keep DynamoDB Local's data here, created when missing (default: in
                      memory); a DIR from an earlier run is reused as it is, so its
                      campaigns of the same period are not simulated again (it says so)`;

class UsageError extends Error {}

const positiveInt = (name: string, value: string | undefined, fallback: number) => {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`--${name}: '${value}' is not a positive integer`);
  return Number(value);
};

function options() {
  const { values } = parseArgs({
    options: {
      data: { type: "string", default: "data/sample-arrears.csv" },
      period: { type: "string" },
      branch: { type: "string", multiple: true },
      seed: { type: "string" },
      participants: { type: "string" },
      "sms-only": { type: "boolean" },
      strategy: { type: "string" },
      out: { type: "string", default: "out" },
      "data-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const period = values.period ?? periodOf(localDate(new Date(), "Asia/Jakarta"));
  if (!isPeriod(period)) throw new UsageError(`--period: '${period}' is not YYYY-MM`);
  const known = branchIndex(SAMPLE_BRANCHES);
  const branches = values.branch ?? [];
  for (const code of branches) {
    if (!known.has(code)) {
      throw new UsageError(`--branch: unknown branch '${code}' (known: ${[...known.keys()].join(", ")})`);
    }
  }
  return {
    dataFile: values.data,
    period,
    branches,
    seed: positiveInt("seed", values.seed, 20261101),
    ...(values.participants ? { participants: positiveInt("participants", values.participants, 0) } : {}),
    outDir: resolve(values.out),
    ...(values["sms-only"] ? { whatsapp: false } : {}),
    ...(values.strategy
      ? { strategy: strategyOption(values.strategy, (message) => new UsageError(message)) }
      : {}),
    ...(values["data-dir"] ? { dataDir: values["data-dir"] } : {}),
  };
}

/** Says at start-up when --data-dir holds an earlier run, and what that means for this one. */
function dataDirNotice(state: DataDirState, period: string): string {
  const line = `DynamoDB Local: ${describeDataDir(state)}`;
  const replayed = state.campaigns.filter((c) => c.campaignId.endsWith(`#${period}`));
  if (replayed.length === 0) return line;
  return `${line}\n  Campaigns of ${period} already in it are not simulated again: each resumes from its stored state (a closed one only reports its stored figures). For a fresh month, use a new --data-dir.`;
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

function funnelRow(branch: string, category: string, f: FunnelFigures): string[] {
  return [
    branch,
    category,
    String(f.targeted),
    String(f.reminded),
    String(f.called),
    String(f.contacted),
    String(f.promised),
    String(f.paid),
    formatRupiah(f.amountCollected),
    percent(f.collectionRate),
  ];
}

/** Per branch and category: the funnel of the month, as the run's closing summary. */
function summaryTable(outcomes: readonly BranchOutcome[]): string {
  const rows: string[][] = [];
  for (const outcome of outcomes) {
    const status = outcome.execution.status === "SUCCEEDED" ? "" : ` (${outcome.execution.status})`;
    if (!outcome.report) {
      rows.push([`${outcome.branchCode}${status}`, "no report", "", "", "", "", "", "", "", ""]);
      continue;
    }
    outcome.report.byBucket.forEach((b, i) => {
      rows.push(funnelRow(i === 0 ? `${outcome.branchCode}${status}` : "", b.label, b));
    });
    rows.push(funnelRow("", "total", outcome.report.total));
  }
  return renderTable(
    [
      { header: "branch" },
      { header: "category" },
      { header: "targeted", align: "right" },
      { header: "reminded", align: "right" },
      { header: "called", align: "right" },
      { header: "contacted", align: "right" },
      { header: "promised", align: "right" },
      { header: "paid", align: "right" },
      { header: "collected", align: "right" },
      { header: "collection", align: "right" },
    ],
    rows,
  );
}

function showProgress(p: Progress) {
  const line = progressLine(p);
  if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(110)}`);
  else console.error(line);
}

async function main() {
  const opts = options();
  console.log(`telecollect local run: period ${opts.period}, seed ${opts.seed}`);
  const result = await runLocalCampaign({
    ...opts,
    onDataDir: (state) => console.log(dataDirNotice(state, opts.period)),
    onProgress: showProgress,
  });
  if (process.stderr.isTTY) process.stderr.write("\n");
  console.log(formatImportSummary(result.imported));
  console.log(`\n${summaryTable(result.outcomes)}`);
  const t = result.stats.totals;
  console.log(
    `\nSimulated ${result.simulatedStart.slice(0, 10)} to ${result.simulatedEnd.slice(0, 10)} in ${(result.wallMs / 1000).toFixed(1)} s: ` +
      `${result.counts.whatsappTemplatesSent} WhatsApp, ${result.counts.sms} SMS, ${result.counts.calls} calls, ${result.counts.kaderVisits} kader visits, ${result.counts.payments} payments, ` +
      `${t.stateTransitions} state transitions in ${t.executions} executions, ` +
      `${Object.values(result.handlerInvocations).reduce((n, h) => n + h.count, 0)} handler invocations.`,
  );
  const htmlFiles: string[] = [];
  for (const { branchCode, report } of result.outcomes) {
    if (!report) continue;
    const file = join(opts.outDir, `report-${branchCode}.html`);
    await writeFile(file, renderHtmlReport(report));
    htmlFiles.push(file);
  }
  console.log(`Files: ${[...result.files, ...htmlFiles].join(", ")}`);
  const failed = result.outcomes.filter((o) => o.execution.status !== "SUCCEEDED");
  if (failed.length > 0) {
    for (const o of failed)
      console.error(
        `${o.execution.name}: ${o.execution.status} ${o.execution.error ?? ""} ${o.execution.cause ?? ""}`,
      );
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  // A setup problem the user can fix (no Java, a data dir that cannot be created) is one line.
  if ((error as Error).name === "LocalDynamoError") console.error(`npm start: ${(error as Error).message}`);
  else console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
