import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { buildConsole } from "../../console/build";
import { campaignReport } from "../../functions/domain/campaign-report";
import { localDate } from "../../functions/domain/local-time";
import { DEFAULT_STRATEGY } from "../../functions/domain/strategy";
import { renderReport } from "../../functions/reports";
import { caseRow, renderCasesCsv } from "../../functions/reports/cases";
import { sampleReportInput } from "../fixtures/campaign-report";

/**
 * A FAKE of the supervisor API (docs/console.md) with canned data, for the console's browser tests
 * until they run against `telecollect local up`. It also serves the console's build at `/`.
 * Not the API: no store, no workflow; a started campaign moves one step per status read.
 */

export const FAKE_PASSWORD = "rahasia-uji";

const BRANCHES = {
  GORONTALO: { code: "GORONTALO", name: "Gorontalo", timeZone: "Asia/Makassar", zone: "WITA" },
  JAYAPURA: { code: "JAYAPURA", name: "Jayapura", timeZone: "Asia/Jayapura", zone: "WIT" },
} as const;
type BranchCode = keyof typeof BRANCHES;

const USERS: Record<string, BranchCode[]> = {
  "spv-gorontalo": ["GORONTALO"],
  "spv-jayapura": ["JAYAPURA"],
  nasional: ["GORONTALO", "JAYAPURA"],
};

/** The steps a started campaign walks through, one per status read; it then dials until stopped. */
const STEPS = [
  { phase: "MAPPING", n: 0, smsSent: 0, called: 0, paid: 0, amountCollected: 0 },
  { phase: "SMS", n: 0, smsSent: 180, called: 0, paid: 2, amountCollected: 280_000 },
  { phase: "DIALING", n: 1, smsSent: 240, called: 60, paid: 9, amountCollected: 1_540_000 },
  { phase: "DIALING", n: 2, smsSent: 240, called: 130, paid: 21, amountCollected: 3_920_000 },
];

interface Campaign {
  step: number;
  startedAt: string;
  stopped: { by: string; at: string; reason: string } | null;
}

interface Request {
  method: string;
  url: URL;
  user: string | undefined;
  body: Record<string, unknown>;
  raw: string;
}

type Answer = { status: number; body: unknown; contentType?: string };

const json = (status: number, body: unknown): Answer => ({ status, body });
const error = (status: number, name: string, message: string, extra: object = {}): Answer =>
  json(status, { error: name, message, ...extra });

export interface FakeSupervisorApi {
  url: string;
  users: string[];
  password: string;
  close(): Promise<void>;
}

export async function startFakeSupervisorApi(): Promise<FakeSupervisorApi> {
  const site = await buildConsole();
  const state = new FakeState();
  const server = createServer((req, res) => {
    void serve(req, res, site, state).catch((e: Error) => send(res, error(500, "Internal", e.message)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  state.origin = url.slice(0, -1);
  return { url, users: Object.keys(USERS), password: FAKE_PASSWORD, close: () => closeServer(server) };
}

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

function send(res: ServerResponse, answer: Answer): void {
  const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
  res.writeHead(answer.status, { "content-type": answer.contentType ?? "application/json" });
  res.end(text);
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  site: Map<string, { body: Buffer; contentType: string }>,
  state: FakeState,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://fake");
  const file = site.get(url.pathname === "/" ? "/index.html" : url.pathname);
  if (req.method === "GET" && file) {
    res.writeHead(200, { "content-type": file.contentType });
    res.end(file.body);
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  const token = /^Bearer fake\.(.+)$/.exec(req.headers.authorization ?? "")?.[1];
  const user = token && USERS[token] ? token : undefined;
  let body: Record<string, unknown> = {};
  if ((req.headers["content-type"] ?? "").startsWith("application/json")) body = JSON.parse(raw || "{}");
  send(res, state.answer({ method: req.method ?? "GET", url, user, body, raw }));
}

class FakeState {
  origin = "";
  readonly campaigns = new Map<string, Campaign>();
  readonly audit = new Map<BranchCode, object[]>();
  readonly uploads = new Map<string, { username: string; csv: string | null; reads: number }>();
  readonly report = campaignReport(sampleReportInput());

  answer(r: Request): Answer {
    const path = r.url.pathname;
    if (path === "/api/config") return json(200, { auth: "local" });
    if (path === "/api/session" && r.method === "POST") {
      const known = typeof r.body.username === "string" && USERS[r.body.username];
      if (!known || r.body.password !== FAKE_PASSWORD)
        return error(401, "Unauthorized", "wrong user or password");
      return json(200, { token: `fake.${r.body.username}`, expiresAt: new Date(Date.now() + 8 * 3600_000) });
    }
    if (path.startsWith("/uploads/") && r.method === "PUT") return this.receiveUpload(path.slice(9), r.raw);
    if (!r.user) return error(401, "Unauthorized", "no token or a bad one");
    const held = USERS[r.user] as BranchCode[];
    if (path === "/api/me") return json(200, { username: r.user, branches: held.map((c) => BRANCHES[c]) });
    if (path === "/api/snapshots" && r.method === "POST") return this.createUpload(r.user);
    const upload = /^\/api\/snapshots\/([\w-]+)$/.exec(path);
    if (upload) return this.readUpload(upload[1] as string, r.user);
    const branch = /^\/api\/branches\/([A-Z_]+)(\/.*)$/.exec(path);
    if (!branch) return error(404, "NotFound", `no route ${path}`);
    const code = branch[1] as BranchCode;
    if (!held.includes(code)) {
      this.record(code, r.user, "branch.access", code, "403");
      return error(403, "Forbidden", `${r.user} does not hold ${code}`);
    }
    return this.branchRoute(code, branch[2] as string, r);
  }

  private branchRoute(code: BranchCode, rest: string, r: Request): Answer {
    const user = r.user as string;
    if (rest === "/audit") return json(200, { records: [...(this.audit.get(code) ?? [])].reverse() });
    if (rest === "/campaigns" && r.method === "GET") {
      const periods = [...this.campaigns.keys()]
        .filter((k) => k.startsWith(`${code}#`))
        .map((k) => k.slice(-7));
      return json(200, { campaigns: periods.map((period) => ({ period, phase: "DIALING" })) });
    }
    if (rest === "/campaigns" && r.method === "POST") return this.startOrPlan(code, user, r.body);
    const m = /^\/campaigns\/(\d{4}-\d{2})(\/stop|\/report|\/cases)?$/.exec(rest);
    if (!m) return error(404, "NotFound", `no route ${rest}`);
    const period = m[1] as string;
    const campaign = this.campaigns.get(`${code}#${period}`);
    if (!campaign) return error(404, "NotFound", `no campaign ${code} ${period}`);
    if (m[2] === "/stop") return this.stop(code, period, campaign, user, r.body);
    if (m[2] === "/report") {
      this.record(code, user, "campaign.report", `${code}#${period}`, "200");
      const format = r.url.searchParams.get("format") ?? "json";
      if (format === "html")
        return { status: 200, body: renderReport(this.report, "html"), contentType: "text/html" };
      if (format === "csv")
        return { status: 200, body: renderReport(this.report, "csv"), contentType: "text/csv" };
      return json(200, this.report);
    }
    if (m[2] === "/cases") return this.cases(code, period, user, r.url.searchParams);
    return this.status(code, period, campaign);
  }

  private startOrPlan(code: BranchCode, user: string, body: Record<string, unknown>): Answer {
    const period = String(body.period ?? "");
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) {
      return error(400, "BadRequest", "bad body", {
        fields: [{ field: "period", message: "must be YYYY-MM" }],
      });
    }
    const refused = refusal(code, period);
    if (body.dryRun) {
      this.record(code, user, "campaign.dryRun", `${code}#${period}`, "200");
      return json(200, { dryRun: true, plan: plan(code, period), refused });
    }
    const key = `${code}#${period}`;
    if (refused) {
      this.record(code, user, "campaign.start", key, "409");
      return error(409, "Conflict", refused.message, { reason: refused.reason });
    }
    const running = this.campaigns.get(key);
    const outcome = !running ? "STARTED" : running.stopped ? "RESUMED" : "ALREADY_RUNNING";
    if (!running || running.stopped)
      this.campaigns.set(key, { step: -1, startedAt: new Date().toISOString(), stopped: null });
    this.record(code, user, "campaign.start", key, outcome);
    const startDate = (this.campaigns.get(key) as Campaign).startedAt;
    return json(202, { outcome, execution: { name: `${code}-${period}`, status: "RUNNING", startDate } });
  }

  private status(code: BranchCode, period: string, c: Campaign): Answer {
    if (!c.stopped) c.step = Math.min(c.step + 1, STEPS.length - 1);
    const step = STEPS[Math.max(0, c.step)] as (typeof STEPS)[number];
    const phase = c.stopped ? "STOPPED" : step.phase;
    return json(200, {
      campaignId: `${code}#${period}`,
      branchCode: code,
      period,
      phase,
      execution: {
        name: `${code}-${period}`,
        status: c.stopped ? "ABORTED" : "RUNNING",
        startDate: c.startedAt,
      },
      cases: 240,
      byStatus: { OPEN: 240 - step.paid, PAID: step.paid },
      progress: { settled: step.paid, ...step, phase: undefined, n: undefined },
      callingDay: step.n > 0 ? { n: step.n, of: 5, today: null, next: null } : null,
      stopped: c.stopped,
      failure: null,
      now: new Date().toISOString(),
    });
  }

  private stop(
    code: BranchCode,
    period: string,
    c: Campaign,
    user: string,
    body: Record<string, unknown>,
  ): Answer {
    const reason = typeof body.reason === "string" ? body.reason.trim() : "";
    if (!reason || reason.length > 500) {
      return error(400, "BadRequest", "bad body", {
        fields: [{ field: "reason", message: "1 to 500 characters" }],
      });
    }
    if (c.stopped) return json(200, { outcome: "ALREADY_STOPPED", stopped: c.stopped });
    c.stopped = { by: user, at: new Date().toISOString(), reason };
    this.record(code, user, "campaign.stop", `${code}#${period}`, "STOPPED");
    return json(200, { outcome: "STOPPED", execution: { name: `${code}-${period}` }, ...c.stopped });
  }

  private cases(code: BranchCode, period: string, user: string, query: URLSearchParams): Answer {
    this.record(code, user, "campaign.cases", `${code}#${period}`, "200");
    const status = query.get("status");
    const bucket = query.get("bucket");
    const rows = sampleReportInput()
      .cases.map((c) => caseRow(c, "masked"))
      .filter((c) => (!status || c.status === status) && (!bucket || c.bucketId === bucket));
    if (query.get("format") === "csv")
      return { status: 200, body: renderCasesCsv(rows), contentType: "text/csv" };
    return json(200, { cases: rows, count: rows.length });
  }

  private createUpload(username: string): Answer {
    const uploadId = randomUUID();
    this.uploads.set(uploadId, { username, csv: null, reads: 0 });
    const expiresAt = new Date(Date.now() + 15 * 60_000).toISOString();
    return json(201, { uploadId, uploadUrl: `${this.origin}/uploads/${uploadId}`, expiresAt });
  }

  private receiveUpload(uploadId: string, csv: string): Answer {
    const upload = this.uploads.get(uploadId);
    if (!upload) return error(404, "NotFound", "no such upload");
    upload.csv = csv;
    return { status: 200, body: "" };
  }

  /** PENDING on the first read after the PUT, then the import of the rows of the user's branches. */
  private readUpload(uploadId: string, user: string): Answer {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.username !== user) return error(404, "NotFound", "no such upload");
    const held = USERS[user] as BranchCode[];
    const base = { uploadId, username: user, branches: held };
    if (upload.csv === null || upload.reads++ === 0) return json(200, { ...base, status: "PENDING" });
    const rows = upload.csv.trim().split("\n").slice(1);
    const rejections = rows.flatMap((row, i) => {
      const [participantId = "", , , branchCode = ""] = row.split(",");
      if (held.includes(branchCode as BranchCode)) return [];
      const message = `branch ${branchCode} is not one of ${user}'s branches`;
      return [{ line: i + 2, participantId, field: "branch_code", reason: "BRANCH_NOT_ALLOWED", message }];
    });
    const byBranch = Object.fromEntries(held.map((code) => [code, { imported: 0, notContactable: 0 }]));
    for (const row of rows) {
      const counts = byBranch[row.split(",")[3] ?? ""];
      if (counts) counts.imported++;
    }
    const imported = rows.length - rejections.length;
    const summary = { read: rows.length, imported, rejected: rejections.length, notContactable: 0, byBranch };
    for (const code of held) this.record(code, user, "snapshot.import", uploadId, "DONE");
    return json(200, { ...base, status: "DONE", summary, rejections });
  }

  private record(code: BranchCode, username: string, action: string, target: string, outcome: string): void {
    const records = this.audit.get(code) ?? [];
    records.push({ at: new Date().toISOString(), username, action, target, outcome, sourceIp: "127.0.0.1" });
    this.audit.set(code, records);
  }
}

/** A dry run's plan with canned counts in the default strategy's categories. */
function plan(code: BranchCode, period: string) {
  const buckets = DEFAULT_STRATEGY.buckets.map((b, i) => ({
    bucketId: b.id,
    label: b.label,
    participants: [120, 60, 30, 20, 10][i] ?? 0,
    callable: [100, 50, 25, 15, 8][i] ?? 0,
    amountDue: [50_400_000, 46_200_000, 34_020_000, 42_840_000, 1_234_567][i] ?? 0,
  }));
  const sum = (key: "participants" | "callable" | "amountDue") => buckets.reduce((n, b) => n + b[key], 0);
  const callingDays = [`${period}-14`, `${period}-15`, `${period}-16`, `${period}-17`, `${period}-18`];
  return {
    branchCode: code,
    period,
    buckets,
    total: { participants: sum("participants"), callable: sum("callable"), amountDue: sum("amountDue") },
    belowMinMonths: 12,
    callingDays,
    capacity: { agents: 3, callingDays: callingDays.length, callsPerAgentDay: 40, calls: 600 },
    maxAttempts: sum("callable") * 3,
  };
}

/** The start rule, canned: only the branch's current month can be started. */
function refusal(code: BranchCode, period: string): { reason: string; message: string } | null {
  const today = localDate(new Date(), BRANCHES[code].timeZone);
  const current = today.slice(0, 7);
  if (period < current)
    return { reason: "PERIOD_OVER", message: `campaign ${code} ${period}: the period is over` };
  if (period > current)
    return { reason: "PERIOD_NOT_STARTED", message: `campaign ${code} ${period}: not begun` };
  return null;
}
