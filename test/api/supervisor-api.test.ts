import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseStrategyOverrides } from "../../functions/domain/strategy";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { createDocumentClient } from "../../functions/store/client";
import type { TableName } from "../../functions/store/schemas";
import { FUNCTION_CATALOG, type FunctionId, type TableAccess } from "../../infra/function-catalog";
import { DynamoAccessRecorder } from "../../local/dynamo-access";
import { type LocalUp, startLocalUp } from "../../local/up";
import { REPO } from "../cli/helpers";
import { KADER, KADER_ADDRESS, NO_KADER_AREA, seedKader } from "../support/kader-seed";
import { once } from "../support/steps";

// The supervisor API (docs/console.md) on the local runtime, as the console and the CLI reach it:
// real HTTP on 127.0.0.1, the same handler as in AWS, DynamoDB Local, the simulated month. Steps
// run once in a fixed order (`once`), whichever test asks first.
let up: LocalUp;
const recorder = new DynamoAccessRecorder();
const PASSWORD = "kata-sandi-uji-1";
const G = "/api/branches/GORONTALO";
/** The deployment's strategy (config "strategy", CAMPAIGN_STRATEGY in AWS): every start and dry run uses it. */
const DEPLOYMENT_STRATEGY = parseStrategyOverrides({
  messaging: { sms: { length: "ONE_SEGMENT" } },
  frequencyCap: { perDay: 1, perCampaign: 4 },
});

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the assertions read the API's JSON answers loosely
  body: any;
  text: string;
  type: string;
}

async function call(method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
  const res = await fetch(new URL(path, up.consoleUrl), {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  const type = res.headers.get("content-type") ?? "";
  return {
    status: res.status,
    text,
    type,
    body: type.includes("json") && text ? JSON.parse(text) : undefined,
  };
}

async function signIn(username: string, password = PASSWORD): Promise<Answer> {
  return call("POST", "/api/session", undefined, { username, password });
}

const tokens = once(async () => {
  const [gorontalo, jayapura, nasional] = await Promise.all(
    ["spv-gorontalo", "spv-jayapura", "nasional"].map((u) => signIn(u)),
  );
  return { gorontalo: gorontalo?.body.token, jayapura: jayapura?.body.token, nasional: nasional?.body.token };
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Gorontalo's supervisor uploads the sample snapshot, which holds every branch's rows. */
const uploaded = once(async () => {
  const { gorontalo } = await tokens();
  const created = await call("POST", "/api/snapshots", gorontalo, { filename: "tunggakan-november.csv" });
  const csv = await readFile(join(REPO, "data/sample-arrears.csv"));
  const put = await fetch(created.body.uploadUrl, {
    method: "PUT",
    body: csv,
    headers: { "content-type": "text/csv" },
  });
  const result = await until(
    () => call("GET", `/api/snapshots/${created.body.uploadId}`, gorontalo),
    (a) => a.body?.status !== "PENDING",
    "the import",
  );
  return { created, put, result, csv: csv.toString("utf8") };
});

/** A snapshot with a status column: a Gorontalo participant who prefers SMS, set and audited as the uploader's. */
const statusUploaded = once(async () => {
  const { gorontalo } = await tokens();
  const created = await call("POST", "/api/snapshots", gorontalo, { filename: "status-november.csv" });
  const [header, ...rows] = (await readFile(join(REPO, "data/sample-arrears.csv"), "utf8"))
    .trim()
    .split("\n");
  // The sample's status columns end each row, preferred_channel first: a row with none gets SMS.
  const none = ",,,,,,,";
  expect(
    header?.endsWith(
      ",preferred_channel,rehab_plan,rehab_instalments,deceased,do_not_contact_until,do_not_contact_reason,visit_requested",
    ),
  ).toBe(true);
  const row = rows.find((r) => r.includes(",GORONTALO,") && r.endsWith(none)) as string;
  const csv = `${header}\n${row.slice(0, -none.length)},SMS,,,,,,\n`;
  await fetch(created.body.uploadUrl, { method: "PUT", body: csv, headers: { "content-type": "text/csv" } });
  const result = await until(
    () => call("GET", `/api/snapshots/${created.body.uploadId}`, gorontalo),
    (a) => a.body?.status !== "PENDING",
    "the import",
  );
  return { result, participantId: row.split(",")[0] as string };
});

const dryRun = once(async () => {
  await uploaded();
  return call("POST", `${G}/campaigns`, (await tokens()).gorontalo, { period: "2026-11", dryRun: true });
});

const started = once(async () => {
  await dryRun();
  const { gorontalo } = await tokens();
  const first = await call("POST", `${G}/campaigns`, gorontalo, { period: "2026-11" });
  const second = await call("POST", `${G}/campaigns`, gorontalo, { period: "2026-11" });
  return { first, second };
});

/** Runs until the calling days have begun, then stops. */
const stopped = once(async () => {
  await started();
  const { gorontalo } = await tokens();
  const dialing = await until(
    () => call("GET", `${G}/campaigns/2026-11`, gorontalo),
    (a) => a.body?.phase === "DIALING" && a.body.callingDay.n >= 1,
    "the first calling day",
  );
  const stop = await call("POST", `${G}/campaigns/2026-11/stop`, gorontalo, {
    reason: "Data tunggakan salah",
  });
  const again = await call("POST", `${G}/campaigns/2026-11/stop`, gorontalo, { reason: "lagi" });
  const status = await call("GET", `${G}/campaigns/2026-11`, gorontalo);
  return { dialing, stop, again, status };
});

/** After the stop: a kader roster and worklist lines in the kader table (kader import, hand-off). */
const kaderSeeded = once(async () => {
  await stopped();
  return seedKader(up, "GORONTALO", "2026-11");
});

const K = `${G}/kader-results`;
const visit = (participantId: string, outcome: string, extra: Record<string, string> = {}) => ({
  kader_id: KADER.kaderId,
  participant_id: participantId,
  visited_at: "2026-11-11",
  outcome,
  ...extra,
});

/** A form's results: refused ones (another branch, a bad line, money), then three applied. */
const kaderResultsSent = once(async () => {
  const { open } = await kaderSeeded();
  const { gorontalo, jayapura } = await tokens();
  const [a, b, c] = open.map((x) => x.participantId);
  const good = [
    visit(a ?? "", "PHONE_UPDATED", { new_phone: "0812-3456-7890" }),
    visit(b ?? "", "VISITED_PROMISED", { promise_date: "2026-11-30" }),
    visit(c ?? "", "DECEASED"),
  ];
  const otherBranch = await call("POST", "/api/branches/JAYAPURA/kader-results", gorontalo, {
    results: good,
  });
  const notTheirs = await call("POST", K, jayapura, { results: good });
  const badLine = await call("POST", K, gorontalo, {
    results: [good[0], visit(b ?? "", "VISITED_PROMISED"), good[2]],
  });
  const money = await call("POST", K, gorontalo, {
    results: [good[0], { ...good[1], jumlah_bayar: "150000" }],
  });
  const storedBefore = await (await kaderSeeded()).results.list("GORONTALO", "2026-11");
  const applied = await call("POST", K, gorontalo, { results: good });
  return { otherBranch, notTheirs, badLine, money, storedBefore, applied, ids: [a, b, c] };
});

beforeAll(async () => {
  up = await startLocalUp({
    start: new Date("2026-11-11T01:00:00Z"),
    seed: 20261101,
    password: PASSWORD,
    accessRecorder: recorder,
    onShutdownRequest: () => undefined,
    strategy: DEPLOYMENT_STRATEGY,
  });
}, 120_000);

afterAll(async () => {
  await up?.stop();
});

describe("signing in (the local stand-in of Cognito)", () => {
  it("gives a token to each sample supervisor and refuses a wrong password or user", async () => {
    expect(up.supervisors.map((u) => u.username)).toEqual([
      "spv-gorontalo",
      "spv-semarang",
      "spv-singkawang",
      "spv-jayapura",
      "spv-merauke",
      "nasional",
      "petugas-pdp",
    ]);
    const ok = await signIn("spv-gorontalo");
    expect(ok.status).toBe(200);
    expect(ok.body.token.split(".")).toHaveLength(3);
    expect((await signIn("spv-gorontalo", "salah-sandi")).status).toBe(401);
    expect((await signIn("siapa-saja")).status).toBe(401);
  });

  it("answers the console's sign-in settings without a token", async () => {
    const config = await call("GET", "/api/config");
    expect(config).toMatchObject({ status: 200, body: { auth: "local" } });
  });
});

describe("who may ask", () => {
  it("401 without a token, with a forged one and with a token of another runtime", async () => {
    const { gorontalo } = await tokens();
    const [head, payload] = gorontalo.split(".");
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, "base64url").toString()),
        "cognito:groups": ["NASIONAL"],
      }),
    ).toString("base64url");
    for (const token of [undefined, "not-a-jwt", `${head}.${forgedPayload}.${gorontalo.split(".")[2]}`]) {
      const answer = await call("GET", "/api/me", token);
      expect(answer.status, String(token)).toBe(401);
    }
  });

  it("GET /api/me names the user and only the branches of their groups", async () => {
    const { gorontalo, nasional } = await tokens();
    expect((await call("GET", "/api/me", gorontalo)).body).toEqual({
      username: "spv-gorontalo",
      branches: [
        { code: "GORONTALO", name: "Kantor Cabang Gorontalo", timeZone: "Asia/Makassar", zone: "WITA" },
      ],
      now: expect.stringMatching(/^2026-11-\d\dT/),
    });
    const all = (await call("GET", "/api/me", nasional)).body;
    expect(all.branches.map((b: { code: string }) => b.code)).toEqual([
      "GORONTALO",
      "SEMARANG",
      "SINGKAWANG",
      "JAYAPURA",
      "MERAUKE",
    ]);
    expect(all.branches.find((b: { code: string }) => b.code === "JAYAPURA").zone).toBe("WIT");
  });

  it("403 on a branch the user does not hold, recorded on that branch; 404 on an unknown one", async () => {
    const { gorontalo, nasional } = await tokens();
    const refused = await call("POST", "/api/branches/JAYAPURA/campaigns", gorontalo, {
      period: "2026-11",
      dryRun: true,
    });
    expect(refused).toMatchObject({ status: 403, body: { error: "Forbidden" } });
    for (const path of ["campaigns", "campaigns/2026-11", "campaigns/2026-11/cases", "audit"]) {
      expect((await call("GET", `/api/branches/JAYAPURA/${path}`, gorontalo)).status, path).toBe(403);
    }
    expect((await call("GET", "/api/branches/ATLANTIS/campaigns", nasional)).status).toBe(404);
    const records = (await call("GET", "/api/branches/JAYAPURA/audit", nasional)).body.records;
    const attempt = records.find((r: { action: string }) => r.action === "campaign.dryRun");
    expect(attempt).toMatchObject({ username: "spv-gorontalo", outcome: 403 });
    expect(attempt.sourceIp).toMatch(/127\.0\.0\.1/);
    expect(records.map((r: { action: string }) => r.action)).toContain("campaign.cases");
  });

  it("400 naming the field for a bad period, an unknown field, a missing reason, a bad filter", async () => {
    const { gorontalo } = await tokens();
    const badPeriod = await call("POST", `${G}/campaigns`, gorontalo, { period: "2026-13" });
    expect(badPeriod).toMatchObject({ status: 400, body: { error: "BadRequest" } });
    expect(badPeriod.body.fields).toEqual([{ field: "period", message: "expected a month YYYY-MM" }]);
    const unknown = await call("POST", `${G}/campaigns`, gorontalo, { period: "2026-11", force: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain("force");
    const noReason = await call("POST", `${G}/campaigns/2026-11/stop`, gorontalo, { reason: " " });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields[0].field).toBe("reason");
    expect((await call("GET", `${G}/campaigns/2026-11/cases?status=LUNAS`, gorontalo)).status).toBe(400);
    expect((await call("GET", `${G}/campaigns/11-2026`, gorontalo)).status).toBe(400);
    expect((await call("POST", `${G}/campaigns`, gorontalo, "{not json")).status).toBe(400);
  });
});

describe("a snapshot upload", () => {
  it("imports the uploader's branch and rejects other branches' rows with their line", async () => {
    const { created, put, result, csv } = await uploaded();
    expect(created.status).toBe(201);
    expect(put.status).toBe(200);
    expect(result.body.status).toBe("DONE");
    const lines = csv.trim().split("\n");
    const { summary } = result.body;
    expect(Object.keys(summary.byBranch)).toEqual(["GORONTALO"]);
    expect(summary.byBranch.GORONTALO.imported).toBe(summary.imported);
    expect(summary.imported).toBeGreaterThan(0);
    expect(summary.imported + summary.rejected).toBe(summary.read);
    expect(result.body.summary.rejectedByReason.BRANCH_NOT_ALLOWED).toBeGreaterThan(0);
    const notAllowed = result.body.rejections.find(
      (r: { reason: string }) => r.reason === "BRANCH_NOT_ALLOWED",
    );
    expect(notAllowed).toMatchObject({ field: "branch_code" });
    expect(notAllowed.message).toMatch(
      /^line \d+, branch_code: '[A-Z]+' is not one of your branches \(GORONTALO\)$/,
    );
    expect(lines[notAllowed.line - 1]).toContain(`,${notAllowed.message.match(/'([A-Z]+)'/)[1]},`);
    expect(JSON.stringify(result.body.rejections)).not.toContain("raw");
  });

  it("sets the status columns of its rows, as the uploader's", async () => {
    const { result } = await statusUploaded();
    expect(result.body.status).toBe("DONE");
    expect(result.body.summary).toMatchObject({ imported: 1, statusesApplied: 1 });
    expect(result.body.summary.statusesNotApplied ?? 0).toBe(0);
  });

  it("is read only by its uploader, and a PUT to a forged address is refused", async () => {
    const { created } = await uploaded();
    const { jayapura } = await tokens();
    expect((await call("GET", `/api/snapshots/${created.body.uploadId}`, jayapura)).status).toBe(404);
    const forged = created.body.uploadUrl.replace(/signature=[^&]+/, "signature=AAAA");
    expect((await fetch(forged, { method: "PUT", body: "x" })).status).toBe(403);
  });
});

describe("running the month", () => {
  it("the dry run answers the categories, capacity and calling days, writing nothing", async () => {
    const answer = await dryRun();
    expect(answer.status).toBe(200);
    expect(answer.body.refused).toBeNull();
    const plan = answer.body.plan;
    expect(plan.buckets.map((b: { label: string }) => b.label)).toContain("24+ bulan");
    expect(plan.total.participants).toBeGreaterThan(0);
    expect(plan.capacity.calls).toBe(
      plan.capacity.agents * plan.capacity.callingDays * plan.capacity.callsPerAgentDay,
    );
    expect(plan.callingDays[0]).toMatch(/^2026-11-\d\d$/);
    // The deployment's strategy, not the defaults (3 attempts per case).
    expect(plan.attemptsPerCase).toBe(4);
    expect(plan.maxAttempts).toBe(plan.total.callable * 4);
    expect((await call("GET", `${G}/campaigns/2026-11`, (await tokens()).gorontalo)).status).toBe(404);
  });

  it("a start answers 202, a second start says it already runs; a past month is refused with 409", async () => {
    const { first, second } = await started();
    expect(first).toMatchObject({
      status: 202,
      body: { outcome: "STARTED", execution: { status: "RUNNING" } },
    });
    expect(second).toMatchObject({ status: 202, body: { outcome: "ALREADY_RUNNING" } });
    const past = await call("POST", `${G}/campaigns`, (await tokens()).gorontalo, { period: "2026-10" });
    expect(past).toMatchObject({ status: 409, body: { error: "Conflict", reason: "PERIOD_OVER" } });
  });

  it("a started campaign keeps the deployment's strategy", { timeout: 300_000 }, async () => {
    await stopped();
    const doc = createDocumentClient({ endpoint: up.dynamoEndpoint });
    const campaign = await new DynamoCampaignStore(doc, up.tables.campaigns).get("GORONTALO#2026-11");
    expect(campaign?.strategy).toEqual(DEPLOYMENT_STRATEGY);
  });

  it("progress shows the phase, calling day n of m and the figures so far; stop ends it with who and why", {
    timeout: 300_000,
  }, async () => {
    const { dialing, stop, again, status } = await stopped();
    expect(dialing.body.callingDay.of).toBeGreaterThanOrEqual(dialing.body.callingDay.n);
    expect(dialing.body.progress.smsSent).toBeGreaterThan(0);
    // WhatsApp first: most cases were reminded without an SMS.
    expect(dialing.body.progress.reminded).toBeGreaterThan(dialing.body.progress.smsSent);
    expect(stop).toMatchObject({
      status: 200,
      body: { outcome: "STOPPED", by: "spv-gorontalo", reason: "Data tunggakan salah" },
    });
    expect(again).toMatchObject({ status: 200, body: { outcome: "ALREADY_STOPPED" } });
    expect(status.body).toMatchObject({ phase: "STOPPED", stopped: { by: "spv-gorontalo" } });
    const list = await call("GET", `${G}/campaigns`, (await tokens()).gorontalo);
    expect(list.body.campaigns).toEqual([expect.objectContaining({ period: "2026-11", phase: "STOPPED" })]);
  });

  it("the report in JSON, HTML and CSV, and the cases masked with filters and CSV", {
    timeout: 300_000,
  }, async () => {
    await stopped();
    const { gorontalo } = await tokens();
    const json = await call("GET", `${G}/campaigns/2026-11/report`, gorontalo);
    expect(json.body).toMatchObject({ branchCode: "GORONTALO", period: "2026-11" });
    const html = await call("GET", `${G}/campaigns/2026-11/report?format=html`, gorontalo);
    expect(html.type).toContain("text/html");
    expect(html.text).toContain("<!doctype html>");
    const csv = await call("GET", `${G}/campaigns/2026-11/report?format=csv`, gorontalo);
    expect(csv.type).toContain("text/csv");
    const everyCase = await call("GET", `${G}/campaigns/2026-11/cases?status=&bucket=`, gorontalo);
    expect(everyCase.status).toBe(200);
    const open = await call("GET", `${G}/campaigns/2026-11/cases?status=OPEN`, gorontalo);
    expect(open.body.count).toBeLessThan(everyCase.body.count);
    expect(open.body.count).toBe(open.body.cases.length);
    for (const row of open.body.cases) {
      expect(row.status).toBe("OPEN");
      expect(row.participantId).toMatch(/^\*+\d{4}$/);
    }
    const bucket = await call("GET", `${G}/campaigns/2026-11/cases?bucket=M24_PLUS&format=csv`, gorontalo);
    expect(bucket.type).toContain("text/csv");
    expect(bucket.text.split("\n")[0]).toContain("participant_id");
    const unknown = await call("GET", `${G}/campaigns/2026-11/cases?bucket=M99_XX`, gorontalo);
    expect(unknown).toMatchObject({ status: 400, body: { fields: [{ field: "bucket" }] } });
    expect(unknown.body.message).toBe(
      "bucket: 'M99_XX' is not a category of campaign GORONTALO 2026-11 (M02_03, M04_06, M07_12, M13_23, M24_PLUS)",
    );
  });

  it("the branch's record lists every action with who, when and from where", {
    timeout: 300_000,
  }, async () => {
    await stopped();
    const { gorontalo } = await tokens();
    await call("GET", `${G}/campaigns/2026-11/cases`, gorontalo);
    const records = (await call("GET", `${G}/audit`, gorontalo)).body.records;
    const actions = records.map((r: { action: string; outcome: number }) => `${r.action} ${r.outcome}`);
    for (const expected of [
      "snapshot.import 200",
      "campaign.dryRun 200",
      "campaign.start 202",
      "campaign.start 409",
      "campaign.stop 200",
      "campaign.cases 200",
    ]) {
      expect(actions).toContain(expected);
    }
    expect(records.every((r: { username: string }) => r.username === "spv-gorontalo")).toBe(true);
  });
});

describe("kader JKN: the worklists and a form's visit results", () => {
  it("lists each kader with their worklist and the lines without a kader by area, to that branch only", {
    timeout: 300_000,
  }, async () => {
    const { open } = await kaderSeeded();
    const { gorontalo, jayapura } = await tokens();
    const path = `${G}/campaigns/2026-11/kader-worklists`;
    expect((await call("GET", path.replace("GORONTALO", "JAYAPURA"), gorontalo)).status).toBe(403);
    expect((await call("GET", path, jayapura)).status).toBe(403);
    const answer = await call("GET", path, gorontalo);
    expect(answer.status).toBe(200);
    const kader = answer.body.kader.find((k: { kaderId: string }) => k.kaderId === KADER.kaderId);
    expect(kader).toMatchObject({
      name: KADER.name,
      kecamatan: KADER.kecamatan,
      desa: KADER.desa,
      capacityPerWeek: KADER.capacityPerWeek,
    });
    expect(kader.lines).toEqual([
      expect.objectContaining({
        participantId: open[0]?.participantId,
        name: open[0]?.name,
        address: KADER_ADDRESS,
        reason: "NO_ANSWER_ALL_ATTEMPTS",
        monthsInArrears: open[0]?.monthsInArrears,
        virtualAccount: open[0]?.virtualAccount,
      }),
    ]);
    const area = answer.body.unassigned.find(
      (u: { area: { kecamatan?: string } }) => u.area.kecamatan === NO_KADER_AREA.kecamatan,
    );
    expect(area.lines.map((l: { participantId: string }) => l.participantId)).toEqual([
      open[1]?.participantId,
    ]);
    expect(area.lines[0].unassigned).toBe("NO_KADER");
    const records = (await call("GET", `${G}/audit`, gorontalo)).body.records;
    expect(records).toContainEqual(
      expect.objectContaining({ action: "kader.worklists", target: "2026-11", outcome: 200 }),
    );
  });

  it("refuses another branch's supervisor, a bad line by its index and field, and money, applying nothing", {
    timeout: 300_000,
  }, async () => {
    const { otherBranch, notTheirs, badLine, money, storedBefore } = await kaderResultsSent();
    expect(otherBranch.status).toBe(403);
    expect(notTheirs.status).toBe(403);
    expect(badLine.status).toBe(400);
    expect(badLine.body.fields).toEqual([
      {
        field: "results[1].promise_date",
        reason: "MISSING_PROMISE_DATE",
        message: "a promise needs its date (YYYY-MM-DD)",
      },
    ]);
    expect(money).toMatchObject({ status: 400, body: { reason: "MONEY_FIELD" } });
    expect(money.body.fields.map((f: { field: string }) => f.field)).toEqual(["results[1].jumlah_bayar"]);
    expect(money.body.message).toContain("kader never collect money");
    expect(storedBefore).toEqual([]);
  });

  it("applies valid results as the results file does: the case closed, the promise, the number", {
    timeout: 300_000,
  }, async () => {
    const { applied, ids } = await kaderResultsSent();
    const { cases, results } = await kaderSeeded();
    expect(applied).toMatchObject({
      status: 200,
      body: {
        received: 3,
        applied: 3,
        onClosedCase: 0,
        noCase: 0,
        byOutcome: { DECEASED: 1, VISITED_PROMISED: 1 },
      },
    });
    const campaignId = "GORONTALO#2026-11";
    expect(await cases.get(campaignId, ids[2] ?? "")).toMatchObject({
      status: "CLOSED",
      closeReason: "DECEASED",
    });
    expect((await cases.get(campaignId, ids[1] ?? ""))?.promise).toMatchObject({
      date: "2026-11-30",
      agentId: `kader:${KADER.kaderId}`,
    });
    const stored = await results.list("GORONTALO", "2026-11");
    expect(stored.map((r) => r.outcome).sort()).toEqual(["DECEASED", "PHONE_UPDATED", "VISITED_PROMISED"]);
    expect(stored.every((r) => r.receivedBy === "api:spv-gorontalo")).toBe(true);
    const records = (await call("GET", `${G}/audit`, (await tokens()).gorontalo)).body.records;
    const actions = records.map((r: { action: string; outcome: number }) => `${r.action} ${r.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(["kader.results 200", "kader.results 403"]));
  });
});

describe("personal data unmasked: decided by the server, every read recorded", () => {
  it("refuses a supervisor without the role, asks the officer why, shows and records the read", {
    timeout: 300_000,
  }, async () => {
    await stopped();
    const { gorontalo, nasional } = await tokens();
    const officer = (await signIn("petugas-pdp")).body.token;
    const path = `${G}/campaigns/2026-11/cases?status=OPEN&unmasked=true`;
    const refused = await call("GET", `${path}&reason=ingin+tahu`, gorontalo);
    expect(refused).toMatchObject({ status: 403, body: { error: "Forbidden" } });
    expect(refused.body.message).toContain("AKSES_DATA_PRIBADI");
    const noReason = await call("GET", path, officer);
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields[0].field).toBe("reason");
    const shown = await call(
      "GET",
      `${path}&reason=${encodeURIComponent("permintaan peserta no. 17")}`,
      officer,
    );
    expect(shown.status).toBe(200);
    expect(shown.body.cases[0].participantId).toMatch(/^\d{13}$/);
    const accesses = await call("GET", "/api/access?since=2026-11-01", nasional);
    expect(accesses.body.records).toEqual([
      expect.objectContaining({
        username: "petugas-pdp",
        branchCode: "GORONTALO",
        what: "cases 2026-11 status=OPEN",
        reason: "permintaan peserta no. 17",
        participants: shown.body.count,
      }),
    ]);
    expect((await call("GET", "/api/access?since=2026-11-01", gorontalo)).status).toBe(403);
    expect((await call("GET", "/api/access?since=kemarin", nasional)).status).toBe(400);
  });
});

describe("the function catalog against what the API's functions asked of DynamoDB", () => {
  /** `table action` or `table index` for each grant, as IAM checks it. */
  const catalogued = (fid: FunctionId) =>
    Object.entries(FUNCTION_CATALOG[fid].tables as Partial<Record<TableName, TableAccess>>)
      .flatMap(([table, access]) =>
        [...access.actions, ...(access.indexes ?? [])].map((g) => `${table} ${g}`),
      )
      .sort();
  const usedBy = (name: string) =>
    [...new Set((recorder.byFunction()[name] ?? []).map((a) => `${a.table} ${a.index ?? a.action}`))].sort();

  it("grants the supervisor API and the snapshot import exactly what their requests above used", {
    timeout: 300_000,
  }, async () => {
    await stopped();
    await uploaded();
    await statusUploaded();
    await kaderResultsSent();
    // A start after the stop resumes the campaign: the path that lifts the stop mark.
    const resumed = await call("POST", `${G}/campaigns`, (await tokens()).gorontalo, { period: "2026-11" });
    expect(resumed.body.outcome).toBe("RESUMED");
    expect(usedBy("supervisor-api")).toEqual(catalogued("supervisorApi"));
    expect(usedBy("snapshot-import")).toEqual(catalogued("snapshotImport"));
  });
});
