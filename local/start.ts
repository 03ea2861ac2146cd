import "./environment";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Context } from "aws-lambda";
import { renderTable } from "../cli/format/table";
import { branchIndex, SAMPLE_BRANCHES } from "../functions/domain/branches";
import { localDateTime } from "../functions/domain/calling-window";
import { type BucketSummary, summarizeByBucket } from "../functions/domain/campaign-summary";
import { formatRupiah } from "../functions/domain/money";
import { DEFAULT_STRATEGY } from "../functions/domain/strategy";
import { handler as mapArrearsHandler } from "../functions/handlers/map-arrears";
import { formatImportSummary, importArrears } from "../functions/import/arrears-import";
import type { MapArrearsResult } from "../functions/services/map-arrears";
import { allCases, DynamoCaseStore } from "../functions/store/cases";
import { DynamoParticipantStore } from "../functions/store/participants";
import { invokeLocally } from "./lambda";
import { startRuntime } from "./runtime";

const USAGE = `Usage: npm start -- [--data FILE.csv] [--period YYYY-MM] [--branch CODE ...] [--out DIR] [--data-dir DIR]

Runs telecollect on this machine, no AWS account needed: imports the arrears snapshot into
DynamoDB Local, maps the campaign of each branch and prints its categories.

  --data FILE.csv   arrears snapshot (default: the bundled sample, data/sample-arrears.csv)
  --period YYYY-MM  campaign period (default: the current month in Jakarta)
  --branch CODE     only these branches (repeatable; default: every branch in the file)
  --out DIR         where rejected rows and contact updates go (default: out)
  --data-dir DIR    keep DynamoDB Local's data here (default: in memory)`;

class UsageError extends Error {}

function options() {
  const { values } = parseArgs({
    options: {
      data: { type: "string", default: "data/sample-arrears.csv" },
      period: { type: "string" },
      branch: { type: "string", multiple: true },
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
  const now = new Date();
  const period = values.period ?? localDateTime(now, "Asia/Jakarta").date.slice(0, 7);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new UsageError(`--period: '${period}' is not YYYY-MM`);
  const known = branchIndex(SAMPLE_BRANCHES);
  const branches = values.branch ?? [];
  for (const code of branches) {
    if (!known.has(code))
      throw new UsageError(`--branch: unknown branch '${code}' (known: ${[...known.keys()].join(", ")})`);
  }
  return { ...values, period, branches, now };
}

async function mapBranch(branchCode: string, period: string) {
  const invoke = mapArrearsHandler as (event: unknown, context: Context) => Promise<MapArrearsResult>;
  const total = { created: 0, existing: 0, skipped: 0, invocations: 0 };
  let cursor: string | undefined;
  // The same loop the campaign state machine runs: call again while a cursor comes back.
  do {
    const result = await invokeLocally(
      invoke,
      { branchCode, period, ...(cursor ? { cursor } : {}) },
      {
        functionName: "map-arrears",
        timeoutMs: 300_000,
      },
    );
    total.created += result.created;
    total.existing += result.existing;
    total.skipped += result.skipped;
    total.invocations++;
    cursor = result.cursor;
  } while (cursor);
  return total;
}

function bucketTable(rows: { branch: string; skipped: number; buckets: BucketSummary[] }[]) {
  const lines: string[][] = [];
  for (const { branch, skipped, buckets } of rows) {
    lines.push([branch, "below minimum", String(skipped), "", "", "", ""]);
    for (const b of buckets) {
      lines.push([
        "",
        b.label,
        String(b.cases),
        formatRupiah(b.amountDue),
        String(b.notContactable),
        String(b.rehabEligible),
        String(b.averagePriority),
      ]);
    }
    const all = buckets.reduce((n, b) => n + b.cases, 0);
    const due = buckets.reduce((n, b) => n + b.amountDue, 0);
    lines.push(["", "total cases", String(all), formatRupiah(due), "", "", ""]);
  }
  return renderTable(
    [
      { header: "branch" },
      { header: "category" },
      { header: "cases", align: "right" },
      { header: "amount due", align: "right" },
      { header: "not contactable", align: "right" },
      { header: "REHAB eligible", align: "right" },
      { header: "avg priority", align: "right" },
    ],
    lines,
  );
}

async function main() {
  const opts = options();
  const outDir = resolve(opts.out);
  await mkdir(outDir, { recursive: true });
  console.log(`telecollect local run: period ${opts.period}, data ${opts.data}`);
  const runtime = await startRuntime(opts["data-dir"] ? { dataDir: opts["data-dir"] } : {});
  try {
    console.log(`DynamoDB Local on ${runtime.dynamo.endpoint}`);
    const summary = await importArrears({
      source: opts.data,
      branches: SAMPLE_BRANCHES,
      store: new DynamoParticipantStore(runtime.doc, runtime.tables.participants),
      now: opts.now,
      rejectedRowsPath: join(outDir, "rejected-rows.csv"),
      contactUpdatesPath: join(outDir, "contact-updates.csv"),
      ...(opts.branches.length > 0 ? { branchFilter: opts.branches } : {}),
    });
    console.log(formatImportSummary(summary));

    const branches = Object.entries(summary.byBranch)
      .filter(([, counts]) => counts.imported > 0)
      .map(([code]) => code);
    const started = performance.now();
    // Branches map concurrently, as their campaigns' executions would.
    const mapped = await Promise.all(
      branches.map(async (code) => ({ code, ...(await mapBranch(code, opts.period)) })),
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`\nMapped ${branches.length} campaign(s) for ${opts.period} in ${seconds} s`);

    const cases = new DynamoCaseStore(runtime.doc, runtime.tables.cases);
    const rows = [];
    for (const m of mapped) {
      const all = await allCases(cases, `${m.code}#${opts.period}`);
      rows.push({ branch: m.code, skipped: m.skipped, buckets: summarizeByBucket(all, DEFAULT_STRATEGY) });
    }
    console.log(`\n${bucketTable(rows)}`);
  } finally {
    await runtime.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
