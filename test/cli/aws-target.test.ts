import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CloudFormationClient, DescribeStacksCommand, type Output } from "@aws-sdk/client-cloudformation";
import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  runInProcess,
  STACK_OUTPUTS,
  STATE_MACHINE_ARN,
  supervisorOutputs,
  USER_POOL_CLIENT_ID,
} from "./aws-stack";
import { type FakeSupervisorApi, idToken, startFakeSupervisorApi } from "./fake-supervisor-api";
import { tempHome } from "./helpers";

// The AWS target in-process: CloudFormation, Step Functions and DynamoDB mocked, Cognito answered
// by a stubbed fetch, the stack's supervisor API played on 127.0.0.1. No network, no account.
const cfn = mockClient(CloudFormationClient);
const sfn = mockClient(SFNClient);
const ddb = mockClient(DynamoDBDocumentClient);
let home: { home: string; remove(): Promise<void> };
let api: FakeSupervisorApi;

const realFetch = globalThis.fetch;
const cognitoCalls: { target: string; body: Record<string, unknown> }[] = [];
const cognitoAnswers: { status: number; body: unknown }[] = [];

const telecollect = (args: string[], env: Record<string, string> = {}) => runInProcess(home.home, args, env);

const START = ["campaign", "start", "--branch", "GORONTALO", "--period", "2026-11"];
const ON_STACK = "stack Telecollect in ap-southeast-1";
const sessionFile = () => join(home.home, "session-stack-Telecollect.json");
const inAnHour = () => new Date(Date.now() + 3_600_000);

beforeAll(async () => {
  home = await tempHome();
  api = await startFakeSupervisorApi();
  vi.stubEnv("AWS_REGION", "ap-southeast-1");
  vi.stubGlobal("fetch", async (url: string | URL, init: RequestInit) => {
    if (!String(url).startsWith("https://cognito-idp.ap-southeast-1.amazonaws.com/"))
      return realFetch(url, init);
    const headers = init.headers as Record<string, string>;
    cognitoCalls.push({ target: headers["X-Amz-Target"] ?? "", body: JSON.parse(String(init.body)) });
    const answer = cognitoAnswers.shift() ?? { status: 500, body: { __type: "InternalErrorException" } };
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  });
});
afterAll(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  cfn.restore();
  sfn.restore();
  ddb.restore();
  await api.close();
  await home.remove();
});
beforeEach(() => {
  cfn.reset();
  sfn.reset();
  ddb.reset();
  vi.useRealTimers();
  api.requests.length = 0;
  cognitoCalls.length = 0;
  cognitoAnswers.length = 0;
});

/** In AWS the CLI's "today" is the real date: set it, and only it (the SDK keeps its timers). */
const today = (iso: string) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
};

const stackWith = (outputs: Output[]) =>
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: "Telecollect",
        CreationTime: new Date(),
        StackStatus: "UPDATE_COMPLETE",
        Outputs: outputs,
      },
    ],
  });

/** A session as `telecollect login` leaves it, for the commands' tests. */
async function signedIn(username: string, expiresAt: Date, token = idToken(username, expiresAt)) {
  await mkdir(home.home, { recursive: true });
  await writeFile(
    sessionFile(),
    JSON.stringify({
      apiUrl: api.apiUrl,
      username,
      token,
      expiresAt: expiresAt.toISOString(),
      description: ON_STACK,
    }),
    { mode: 0o600 },
  );
  return token;
}

describe("telecollect login --stack", () => {
  it("names every stack output it needs that is missing", async () => {
    stackWith(STACK_OUTPUTS);
    const r = await telecollect(["login", "--user", "spv-gorontalo"], { TELECOLLECT_PASSWORD: "x" });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "telecollect: stack Telecollect lacks output(s) SupervisorApiUrl, SupervisorUserPoolClientId: deploy the current version (npx cdk deploy) or pass --stack NAME",
    );
  });

  it("says when the stack does not exist", async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejects(Object.assign(new Error("Stack with id Other does not exist"), { name: "ValidationError" }));
    const r = await telecollect(["login", "--user", "spv-gorontalo", "--stack", "Other"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("stack Other not found in ap-southeast-1");
  });

  it("says when there are no AWS credentials to read the stack", async () => {
    cfn.on(DescribeStacksCommand).rejects(
      Object.assign(new Error("Could not load credentials from any providers"), {
        name: "CredentialsProviderError",
      }),
    );
    const r = await telecollect(["login", "--user", "spv-gorontalo"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^telecollect: AWS credentials not found .*--local$/);
  });

  it("refuses a wrong password in one line, exit 1, and keeps no session", async () => {
    stackWith([...STACK_OUTPUTS, ...supervisorOutputs(api.apiUrl)]);
    cognitoAnswers.push({ status: 400, body: { __type: "NotAuthorizedException", message: "Incorrect" } });
    const r = await telecollect(["login", "--user", "spv-gorontalo"], { TELECOLLECT_PASSWORD: "salah" });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `telecollect: sign-in refused: wrong user name or password for spv-gorontalo on ${ON_STACK}`,
    );
    await expect(stat(sessionFile())).rejects.toThrow(/ENOENT/);
  });

  it("signs in with Cognito, answers a first login's new password and keeps the session for its owner only", async () => {
    stackWith([...STACK_OUTPUTS, ...supervisorOutputs(api.apiUrl)]);
    const expiresAt = new Date(Math.floor(inAnHour().getTime() / 1000) * 1000);
    const token = idToken("spv-gorontalo", expiresAt);
    cognitoAnswers.push(
      { status: 200, body: { ChallengeName: "NEW_PASSWORD_REQUIRED", Session: "challenge-session" } },
      { status: 200, body: { AuthenticationResult: { IdToken: token } } },
    );
    api.answer("GET /api/me", {
      status: 200,
      body: { username: "spv-gorontalo", branches: [{ code: "GORONTALO", name: "Gorontalo" }] },
    });
    const r = await telecollect(["login", "--user", "spv-gorontalo"], {
      TELECOLLECT_PASSWORD: "Sementara-1",
      TELECOLLECT_NEW_PASSWORD: "Baru-Sekali-2",
    });
    expect(r.code, r.stderr).toBe(0);
    expect(cognitoCalls).toEqual([
      {
        target: "AWSCognitoIdentityProviderService.InitiateAuth",
        body: {
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: USER_POOL_CLIENT_ID,
          AuthParameters: { USERNAME: "spv-gorontalo", PASSWORD: "Sementara-1" },
        },
      },
      {
        target: "AWSCognitoIdentityProviderService.RespondToAuthChallenge",
        body: {
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          ClientId: USER_POOL_CLIENT_ID,
          Session: "challenge-session",
          ChallengeResponses: { USERNAME: "spv-gorontalo", NEW_PASSWORD: "Baru-Sekali-2" },
        },
      },
    ]);
    expect(r.stdout).toContain(
      `Signed in as spv-gorontalo on ${ON_STACK} until ${expiresAt.toISOString()} (branches: GORONTALO)`,
    );
    expect(api.requests).toEqual([
      { method: "GET", url: "/api/me", authorization: `Bearer ${token}`, body: undefined },
    ]);
    expect((await stat(sessionFile())).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(sessionFile(), "utf8"))).toEqual({
      apiUrl: api.apiUrl,
      username: "spv-gorontalo",
      token,
      expiresAt: expiresAt.toISOString(),
      description: ON_STACK,
    });
  });
});

describe("the supervisor commands on a stack go through its API", () => {
  it("say to sign in first when there is no session", async () => {
    const r = await runInProcess(join(home.home, "nobody"), START);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "telecollect: not signed in to stack Telecollect: sign in first with `telecollect login --stack Telecollect --user NAME`",
    );
  });

  it("say to sign in again when the session has expired, before any request", async () => {
    await signedIn("spv-gorontalo", new Date("2026-01-01T00:00:00Z"));
    const r = await telecollect(START);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `telecollect: the session of spv-gorontalo on ${ON_STACK} expired at 2026-01-01T00:00:00.000Z: sign in again with \`telecollect login --stack Telecollect --user spv-gorontalo\``,
    );
    expect(api.requests).toHaveLength(0);
  });

  it("say to sign in again when the API refuses the token", async () => {
    await signedIn("spv-gorontalo", inAnHour());
    api.answer("GET /api/branches/GORONTALO/campaigns/2026-11", {
      status: 401,
      body: { message: "Unauthorized" },
    });
    const r = await telecollect(["campaign", "status", "--branch", "GORONTALO", "--period", "2026-11"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "sign in again with `telecollect login --stack Telecollect --user spv-gorontalo`",
    );
  });

  it("start a campaign with the signed-in token, touching no table and no state machine", async () => {
    const token = await signedIn("spv-gorontalo", inAnHour());
    api.answer("POST /api/branches/GORONTALO/campaigns", {
      status: 202,
      body: {
        outcome: "STARTED",
        execution: {
          name: "campaign-GORONTALO-2026-11",
          status: "RUNNING",
          startDate: "2026-11-11T01:00:00Z",
        },
      },
    });
    const r = await telecollect(START);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      `Started campaign GORONTALO 2026-11: execution campaign-GORONTALO-2026-11\n  on: ${ON_STACK}`,
    );
    expect(api.requests).toEqual([
      {
        method: "POST",
        url: "/api/branches/GORONTALO/campaigns",
        authorization: `Bearer ${token}`,
        body: { period: "2026-11" },
      },
    ]);
    expect(cfn.calls()).toHaveLength(0);
    expect(ddb.calls()).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
  });

  it("pass on the API's refusals: a period over (409), another's branch (403)", async () => {
    await signedIn("spv-gorontalo", inAnHour());
    const over =
      "campaign GORONTALO 2026-11: the period is over (today is 2026-12-06 in Asia/Makassar); its reminders and calls would be about a month already past";
    api.answer("POST /api/branches/GORONTALO/campaigns", {
      status: 409,
      body: { error: "Conflict", reason: "PERIOD_OVER", message: over },
    });
    const refused = await telecollect(START);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`telecollect: ${over}: nothing started (--force starts it anyway)`);
    api.answer("GET /api/branches/JAYAPURA/campaigns/2026-11", {
      status: 403,
      body: { error: "Forbidden", message: "spv-gorontalo does not hold branch JAYAPURA" },
    });
    const other = await telecollect(["campaign", "status", "--branch", "JAYAPURA", "--period", "2026-11"]);
    expect(other.code).toBe(1);
    expect(other.stderr).toBe("telecollect: spv-gorontalo does not hold branch JAYAPURA");
  });

  it("take --user only with --local", async () => {
    const r = await telecollect([...START, "--user", "nasional"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--user: only with --local");
  });
});

describe("campaign start --force, the engineer's path", () => {
  it("goes straight to the stack's state machine, overriding the rule, and not to the API", async () => {
    today("2026-12-06T01:00:00Z");
    stackWith(STACK_OUTPUTS);
    ddb.on(GetCommand).resolves({});
    sfn
      .on(DescribeExecutionCommand)
      .rejects(new ExecutionDoesNotExist({ message: "Execution Does Not Exist", $metadata: {} }));
    sfn.on(StartExecutionCommand).resolves({
      executionArn: `${STATE_MACHINE_ARN.replace(":stateMachine:", ":execution:")}:campaign-GORONTALO-2026-11`,
      startDate: new Date("2026-12-06T01:00:00Z"),
    });
    const r = await telecollect([...START, "--force"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Started campaign GORONTALO 2026-11: execution campaign-GORONTALO-2026-11");
    expect(r.stdout).toContain("forced (--force): campaign GORONTALO 2026-11: the period is over");
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toMatchObject({
      stateMachineArn: STATE_MACHINE_ARN,
      name: "campaign-GORONTALO-2026-11",
    });
    expect(ddb.commandCalls(GetCommand)[0]?.args[0].input.TableName).toBe("Telecollect-campaigns");
    expect(api.requests).toHaveLength(0);
  });
});
