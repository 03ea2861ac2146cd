import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLocalCampaign } from "../../local/campaign";

/**
 * Same seed, same month: two whole local runs of the four sample branches at once must write
 * byte-identical files, the per-agent figures and each paced message's and call's second included.
 */
const FILES = [
  "report.json",
  "cases.csv",
  "interactions.jsonl",
  "sms.jsonl",
  "whatsapp.jsonl",
  "calls.jsonl",
  "kader-worklist.csv",
  "kader-results.jsonl",
];

let root: string;
const runs: Record<string, string>[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "telecollect-seed-"));
  for (const name of ["first", "second"]) {
    const outDir = join(root, name, "out");
    const files: Record<string, string> = {};
    await runLocalCampaign({
      dataFile: "",
      participants: 80,
      seed: 7,
      period: "2026-11",
      branches: [],
      outDir,
    });
    for (const file of FILES) files[file] = await readFile(join(outDir, file), "utf8");
    runs.push(files);
  }
}, 900_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("the local month with the same seed", () => {
  it("writes the same report, cases, audit trail, messages, calls and kader files, byte for byte", () => {
    const [first, second] = runs;
    const report = JSON.parse(first?.["report.json"] ?? "{}");
    expect(report.campaigns.length).toBeGreaterThanOrEqual(4);
    expect(report.campaigns.some((c: { report?: { byAgent: unknown[] } }) => c.report?.byAgent.length)).toBe(
      true,
    );
    for (const file of FILES) expect(second?.[file], file).toBe(first?.[file]);
  });

  it("writes cases.csv in the columns of `telecollect cases --format csv`, personal data masked", () => {
    const [header, ...rows] = (runs[0]?.["cases.csv"] ?? "").trimEnd().split("\n");
    expect(header).toBe(
      "campaign_id,participant_id,name,phone,branch_code,bucket,status,close_reason,amount_due,amount_paid,sms_sent,call_attempts,last_outcome,promise_date,promise_status",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/^[A-Z]+#2026-11,\*{9}\d{4},/);
  });
});
