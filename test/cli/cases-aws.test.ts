import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Case } from "../../functions/domain/case";
import { caseRow } from "../../functions/reports/cases";
import { runInProcess } from "./aws-stack";
import { type FakeSupervisorApi, idToken, startFakeSupervisorApi } from "./fake-supervisor-api";
import { tempHome } from "./helpers";

// `telecollect cases` against a deployed stack in-process: its supervisor API played on 127.0.0.1,
// answering the cases masked as the real one does (caseRow "masked").
let home: { home: string; remove(): Promise<void> };
let api: FakeSupervisorApi;

const CAMPAIGN = "GORONTALO#2026-11";
const CASES_CSV_HEADER =
  "campaign_id,participant_id,name,phone,branch_code,bucket,status,close_reason,amount_due,amount_paid,sms_sent,call_attempts,last_outcome,promise_date,promise_status";

const aCase = (participantId: string, fields: Record<string, unknown>) => ({
  campaignId: CAMPAIGN,
  participantId,
  caseId: `${CAMPAIGN}#${participantId}`,
  branchCode: "GORONTALO",
  period: "2026-11",
  bucketId: "M04_06",
  amountDue: 210_000,
  amountPaid: 0,
  priority: 50,
  status: "OPEN",
  smsSent: 1,
  callAttempts: 0,
  ...fields,
});
const CASES = [
  aCase("0001000000017", {
    name: "Rahmat Katili",
    phone: "+6281234567890",
    status: "CLOSED",
    closeReason: "CONTACTED_NO_PAYMENT",
    callAttempts: 3,
    lastOutcome: "PROMISE_TO_PAY",
    promise: { date: "2026-11-20", status: "BROKEN" },
  }),
  aCase("0001000000025", { name: "Katili, Sitti", priority: 10 }),
];

const telecollect = (args: string[], env: Record<string, string> = {}) => runInProcess(home.home, args, env);

const CASES_PATH = "/api/branches/GORONTALO/campaigns/2026-11/cases";

beforeAll(async () => {
  home = await tempHome();
  api = await startFakeSupervisorApi();
  const expiresAt = new Date(Date.now() + 3_600_000);
  await mkdir(home.home, { recursive: true });
  await writeFile(
    join(home.home, "session-stack-Telecollect.json"),
    JSON.stringify({
      apiUrl: api.apiUrl,
      username: "spv-gorontalo",
      token: idToken("spv-gorontalo", expiresAt),
      expiresAt: expiresAt.toISOString(),
      description: "stack Telecollect in ap-southeast-1",
    }),
    { mode: 0o600 },
  );
});
afterAll(async () => {
  await api.close();
  await home.remove();
});
beforeEach(() => {
  api.requests.length = 0;
  const rows = (CASES as unknown as Case[]).map((c) => caseRow(c, "masked"));
  api.answer(`GET ${CASES_PATH}?format=json`, { status: 200, body: { cases: rows, count: rows.length } });
});

const G = ["cases", "--branch", "GORONTALO", "--period", "2026-11", "--format", "csv"];

describe("telecollect cases --format csv", () => {
  it("writes the one cases column set, npm start's cases.csv's too, personal data masked", async () => {
    const r = await telecollect(G);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n")).toEqual([
      CASES_CSV_HEADER,
      "GORONTALO#2026-11,*********0017,R***** K*****,+62812****7890,GORONTALO,M04_06,CLOSED,CONTACTED_NO_PAYMENT,210000,0,1,3,PROMISE_TO_PAY,2026-11-20,BROKEN",
      "GORONTALO#2026-11,*********0025,K****** S****,,GORONTALO,M04_06,OPEN,,210000,0,1,0,,,",
    ]);
  });

  it("asks for a reason before --unmasked sends anything, whatever the environment", async () => {
    const r = await telecollect([...G, "--unmasked"], { TELECOLLECT_ALLOW_UNMASKED: "1" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--reason: required with --unmasked");
    expect(r.stdout).toBe("");
    expect(api.requests).toHaveLength(0);
  });

  it("leaves --unmasked to the API, with the reason it records", async () => {
    const url = `${CASES_PATH}?format=json&unmasked=true&reason=permintaan+peserta`;
    api.answer(`GET ${url}`, {
      status: 403,
      body: {
        error: "Forbidden",
        message: "spv-gorontalo may not read personal data unmasked: that needs the AKSES_DATA_PRIBADI role",
      },
    });
    const r = await telecollect([...G, "--unmasked", "--reason", "permintaan peserta"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("AKSES_DATA_PRIBADI");
    expect(api.requests.map((q) => q.url)).toEqual([url]);
  });

  it("asks the API for the filtered cases", async () => {
    api.answer(`GET ${CASES_PATH}?format=json&status=CLOSED&bucket=M04_06`, {
      status: 200,
      body: { cases: [], count: 0 },
    });
    const r = await telecollect([...G, "--status", "CLOSED", "--bucket", "M04_06"]);
    expect(r.code, r.stderr).toBe(0);
    expect(api.requests.map((q) => q.url)).toEqual([`${CASES_PATH}?format=json&status=CLOSED&bucket=M04_06`]);
  });

  it("prints the same rows as a table, masked, with their count", async () => {
    const r = await telecollect(["cases", "--branch", "GORONTALO", "--period", "2026-11"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^participant\s+name\s+phone\s+category\s+status\s+due\s+paid\s+SMS\s+calls/);
    expect(lines[2]).toMatch(
      /^\*{9}0017\s+R\*{5} K\*{5}\s+\+62812\*{4}7890\s+M04_06\s+CLOSED:CONTACTED_NO_PAYMENT\s+Rp210\.000\s+Rp0\s+1\s+3\s+PROMISE_TO_PAY\s+2026-11-20 BROKEN$/,
    );
    expect(lines.at(-1)).toBe("2 case(s)");
  });
});
