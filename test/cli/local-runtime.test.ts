import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_BRANCHES } from "../../functions/domain/branches";
import { once } from "../support/steps";
import { cli, cliEnv, type LocalUpProcess, portClosed, REPO, startLocalUp, tempHome } from "./helpers";

// Every command against one real `telecollect local up` process (in-memory DynamoDB Local).
// Its simulated clock moves while a campaign runs, so the month happens in one fixed order, the
// steps below, whichever test asks first: each test runs alone or in any order and looks at the
// outcome of its step (`once` keeps it).
let home: { home: string; remove(): Promise<void> };
let up: LocalUpProcess;
let env: NodeJS.ProcessEnv;
let csv: string;
let gorontaloNames: string[];

const G = ["--local", "--branch", "GORONTALO", "--period", "2026-11"];
const S = ["--local", "--branch", "SEMARANG", "--period", "2026-11"];

const imported = once(() => cli(["import", csv, "--local", "--out", home.home], env));

/** Before any campaign runs: the clock still stands at --start. */
const dryRun = once(async () => {
  await imported();
  const json = await cli(["campaign", "start", ...G, "--dry-run", "--json"], env);
  const text = await cli(["campaign", "start", ...G, "--dry-run"], env);
  const status = await cli(["campaign", "status", ...G], env);
  return { json, text, status };
});

const semarangStopped = once(async () => {
  await dryRun();
  const start = await cli(["campaign", "start", ...S], env);
  const stop = await cli(["campaign", "stop", ...S, "--reason", "wrong snapshot", "--by", "kabid"], env);
  const status = await cli(["campaign", "status", ...S, "--json"], env);
  const again = await cli(["campaign", "stop", ...S, "--reason", "again"], env);
  return { start, stop, status, again };
});

/** Before GORONTALO's month moves the clock past the period, which would refuse the resume. */
const semarangResumed = once(async () => {
  await semarangStopped();
  const resume = await cli(["campaign", "start", ...S], env);
  const stop = await cli(["campaign", "stop", ...S, "--reason", "still wrong", "--by", "kabid"], env);
  const status = await cli(["campaign", "status", ...S, "--json"], env);
  return { resume, stop, status };
});

const gorontaloStarted = once(async () => {
  await semarangResumed();
  const first = await cli(["campaign", "start", ...G], env);
  const second = await cli(["campaign", "start", ...G, "--json"], env);
  return { first, second };
});

/** Polls `campaign status` until GORONTALO closes; the last status seen. */
const gorontaloClosed = once(async () => {
  await gorontaloStarted();
  let status: {
    phase: string;
    cases: number;
    byStatus: Record<string, number>;
    nextCallingDay: unknown;
    progress: { reminded: number };
  };
  const deadline = Date.now() + 150_000;
  do {
    const r = await cli(["campaign", "status", ...G, "--json"], env);
    expect(r.code, r.stderr).toBe(0);
    status = JSON.parse(r.stdout);
    if (status.phase !== "CLOSED") await new Promise((resolve) => setTimeout(resolve, 2_000));
  } while (status.phase !== "CLOSED" && Date.now() < deadline);
  return status;
});

/** A test that runs alone runs the steps before its own: up to the whole month, under load. */
const WHOLE_MONTH = 240_000;

beforeAll(async () => {
  home = await tempHome();
  env = cliEnv(home.home);
  const [header, ...rows] = (await readFile(join(REPO, "data/sample-arrears.csv"), "utf8"))
    .trim()
    .split("\n");
  const of = (branch: string, n: number) => rows.filter((r) => r.split(",")[3] === branch).slice(0, n);
  const gorontalo = of("GORONTALO", 30);
  gorontaloNames = gorontalo.map((r) => r.split(",")[1] ?? "").filter((n) => n.length > 3);
  csv = join(home.home, "arrears.csv");
  await writeFile(csv, [header, ...gorontalo, ...of("SEMARANG", 150)].join("\n"));
  up = await startLocalUp(home.home, ["--start", "2026-11-11T01:00:00Z"]);
}, 120_000);

afterAll(async () => {
  await up?.stop();
  await home?.remove();
});

describe("telecollect against local up", () => {
  it("local up prints the webhook URL and the local secret, and records itself", () => {
    expect(up.output()).toMatch(/payment webhook:\s+http:\/\/127\.0\.0\.1:\d+\/payments/);
    expect(up.output()).toContain("webhook secret:");
    expect(up.state.pid).toBe(up.child.pid);
  });

  it("refuses a second local up while one runs", async () => {
    const r = await cli(["local", "up"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already running \(pid \d+/);
  });

  it("imports the snapshot and says where rejected rows went", async () => {
    const r = await imported();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/imported:\s+180/);
    expect(r.stdout).toContain(join(home.home, "rejected-rows.csv"));
    const json = await cli(
      ["import", csv, "--local", "--out", home.home, "--branch", "GORONTALO", "--json"],
      env,
    );
    expect(JSON.parse(json.stdout)).toMatchObject({ imported: 30, skippedByFilter: 150 });
  });

  it("rejects an unknown branch and a bad period with exit 2, naming the value", async () => {
    const branch = await cli(["import", csv, "--local", "--branch", "NOPE"], env);
    expect(branch.code).toBe(2);
    expect(branch.stderr).toContain("--branch: unknown branch 'NOPE'");
    const period = await cli(
      ["campaign", "start", "--local", "--branch", "GORONTALO", "--period", "2026-13"],
      env,
    );
    expect(period.code).toBe(2);
    expect(period.stderr).toContain("--period: '2026-13' is not a month");
  });

  it(
    "dry-runs a campaign: categories and capacity, nothing written",
    async () => {
      const { json, text, status } = await dryRun();
      expect(json.code, json.stderr).toBe(0);
      const plan = JSON.parse(json.stdout);
      const agents = SAMPLE_BRANCHES.find((b) => b.code === "GORONTALO")?.agentsOnShift;
      expect(plan.buckets).toHaveLength(5);
      expect(plan.total.participants + plan.belowMinMonths).toBe(30);
      expect(plan.capacity.calls).toBe((agents ?? 0) * plan.callingDays.length * 60);
      expect(plan.callingDays[0]).toBe("2026-11-13");
      expect(text.stdout).toMatch(/Call capacity: \d+ agents x \d+ days x 60 calls\/agent\/day/);
      // Campaign not found: the dry run started nothing.
      expect(status.code).toBe(1);
      expect(status.stderr).toContain("campaign GORONTALO 2026-11 not found");
    },
    WHOLE_MONTH,
  );

  it(
    "stops a running campaign at once, keeps its data and records who and why",
    async () => {
      const { start, stop, status: statusNow, again } = await semarangStopped();
      expect(start.stdout).toContain("Started campaign SEMARANG 2026-11");
      expect(stop.code, stop.stderr).toBe(0);
      // The API records the signed-in user (nasional, the local default), not --by.
      expect(stop.stdout).toContain("by nasional: wrong snapshot");
      expect(stop.stderr).toContain("--by ignored: the API records the signed-in user (nasional)");
      const status = JSON.parse(statusNow.stdout);
      expect(status).toMatchObject({
        phase: "STOPPED",
        stopped: { by: "nasional", reason: "wrong snapshot" },
        execution: { status: "ABORTED" },
      });
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("already stopped");
    },
    WHOLE_MONTH,
  );

  it(
    "resumes a stopped campaign under -r2, which stops again",
    async () => {
      const { resume, stop, status } = await semarangResumed();
      expect(resume.stdout).toContain(
        "Resumed campaign SEMARANG 2026-11: execution campaign-SEMARANG-2026-11-r2",
      );
      expect(stop.code, stop.stderr).toBe(0);
      expect(stop.stdout).toContain("(execution campaign-SEMARANG-2026-11-r2) by nasional: still wrong");
      expect(JSON.parse(status.stdout)).toMatchObject({
        phase: "STOPPED",
        stopped: { reason: "still wrong" },
      });
    },
    WHOLE_MONTH,
  );

  it(
    "starts a campaign once; the second start is a no-op that says so",
    async () => {
      const { first, second } = await gorontaloStarted();
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain(
        "Started campaign GORONTALO 2026-11: execution campaign-GORONTALO-2026-11",
      );
      expect(second.code).toBe(0);
      expect(JSON.parse(second.stdout).outcome).toMatch(/^ALREADY_(RUNNING|COMPLETED)$/);
    },
    WHOLE_MONTH,
  );

  it(
    "shows status until the campaign closes",
    async () => {
      const status = await gorontaloClosed();
      expect(status.phase).toBe("CLOSED");
      expect(status.cases).toBeGreaterThan(0);
      expect(Object.values(status.byStatus).reduce((a, b) => a + b, 0)).toBe(status.cases);
      expect(status.byStatus.OPEN).toBeUndefined();
      const text = await cli(["campaign", "status", ...G], env);
      expect(text.stdout).toMatch(/phase:\s+CLOSED/);
      expect(text.stdout).toMatch(/collected/);
      expect(status.progress.reminded).toBeGreaterThan(0);
      expect(text.stdout).toMatch(new RegExp(`reminded:\\s+${status.progress.reminded} \\(`));
    },
    WHOLE_MONTH,
  );

  it(
    "reports the campaign as json, csv, table and a self-contained html page",
    async () => {
      await gorontaloClosed();
      const json = await cli(["campaign", "report", ...G, "--json"], env);
      expect(json.code, json.stderr).toBe(0);
      const report = JSON.parse(json.stdout);
      expect(report.campaignId).toBe("GORONTALO#2026-11");
      expect(report.byBucket).toHaveLength(5);
      expect(report.byBucket.reduce((n: number, b: { targeted: number }) => n + b.targeted, 0)).toBe(
        report.total.targeted,
      );
      const csvOut = join(home.home, "report.csv");
      const csvReport = await cli(["campaign", "report", ...G, "--format", "csv", "--out", csvOut], env);
      expect(csvReport.code).toBe(0);
      const csvLines = (await readFile(csvOut, "utf8")).split("\n");
      expect(csvLines[0]).toBe("section,key,metric,value");
      expect(csvLines).toContain(`total,GORONTALO#2026-11,targeted,${report.total.targeted}`);
      const table = await cli(["campaign", "report", ...G], env);
      expect(table.stdout).toMatch(new RegExp(`Peserta sasaran\\s+${report.total.targeted}`));
      expect(table.stdout).toMatch(/Rp\d{1,3}(\.\d{3})*/);
      const htmlOut = join(home.home, "report.html");
      const html = await cli(["campaign", "report", ...G, "--format", "html", "--out", htmlOut], env);
      expect(html.code, html.stderr).toBe(0);
      const page = await readFile(htmlOut, "utf8");
      expect(page).toMatch(/^<!doctype html>/i);
      expect(page).toContain(`data-figure="amountDue" data-value="${report.total.amountDue}"`);
    },
    WHOLE_MONTH,
  );

  it(
    "lists cases masked; --unmasked only for the personal-data role, with a reason, whatever the environment",
    async () => {
      await gorontaloClosed();
      const masked = await cli(["cases", ...G, "--json"], env);
      expect(masked.code, masked.stderr).toBe(0);
      const rows = JSON.parse(masked.stdout) as { phone: string; name: string; participantId: string }[];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.participantId).toMatch(/^\*+\d{4}$/);
        if (row.phone) expect(row.phone).toMatch(/\*{4}/);
      }
      const table = await cli(["cases", ...G], env);
      expect(table.stdout).not.toMatch(/\+62\d{8,}/);
      for (const name of gorontaloNames) expect(table.stdout).not.toContain(name);

      const paid = JSON.parse((await cli(["cases", ...G, "--status", "PAID", "--json"], env)).stdout);
      expect(paid.every((c: { status: string }) => c.status === "PAID")).toBe(true);
      const badStatus = await cli(["cases", ...G, "--status", "LOST"], env);
      expect(badStatus.code).toBe(2);
      expect(badStatus.stderr).toContain("--status: 'LOST' is not one of OPEN, PAID, CLOSED");

      // Unmasking is the server's decision, not the CLI's: nasional has no personal-data role.
      const refused = await cli(
        ["cases", ...G, "--unmasked", "--reason", "uji", "--json"],
        cliEnv(home.home, { TELECOLLECT_ALLOW_UNMASKED: "1" }),
      );
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("AKSES_DATA_PRIBADI");
      expect(refused.stdout).not.toMatch(/\+62\d{8,}/);
      const officer = await cli(
        ["cases", ...G, "--user", "petugas-pdp", "--unmasked", "--reason", "permintaan peserta", "--json"],
        env,
      );
      expect(officer.code, officer.stderr).toBe(0);
      const shown = JSON.parse(officer.stdout) as { participantId: string }[];
      expect(shown[0]?.participantId).toMatch(/^\d{13}$/);
      // The read is on the national office's record, with its reason; a branch supervisor may not list it.
      const record = await cli(["audit", "access", "--local", "--since", "2026-11-01"], env);
      expect(record.code, record.stderr).toBe(0);
      expect(record.stdout).toMatch(
        /petugas-pdp\s+GORONTALO\s+cases 2026-11\s+\d+\s+permintaan peserta\s+127\.0\.0\.1/,
      );
      expect(record.stdout).toContain("1 unmasked read(s) since 2026-11-01");
      const branch = await cli(["audit", "access", "--local", "--user", "spv-gorontalo"], env);
      expect(branch.code).toBe(1);
      expect(branch.stderr).toContain("may not read the record of personal data reads");
    },
    WHOLE_MONTH,
  );

  // On a runtime of its own, so the others keep theirs whichever runs first.
  it("local down stops the runtime, its state file and DynamoDB Local's Java", async () => {
    const own = await tempHome();
    const ownEnv = cliEnv(own.home);
    const ownUp = await startLocalUp(own.home);
    try {
      const r = await cli(["local", "down"], ownEnv);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`stopped (pid ${ownUp.state.pid})`);
      expect(existsSync(join(own.home, "local.json"))).toBe(false);
      expect(await portClosed(ownUp.state.dynamoEndpoint)).toBe(true);
      const after = await cli(["campaign", "status", ...G], ownEnv);
      expect(after.code).toBe(1);
      expect(after.stderr).toContain("local runtime is not running");
    } finally {
      await ownUp.stop();
      await own.remove();
    }
  }, 120_000);
});
