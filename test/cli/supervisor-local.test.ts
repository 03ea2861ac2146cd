import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, cliEnv, type LocalUpProcess, REPO, startLocalUp, tempHome } from "./helpers";

// `telecollect login` and the supervisor commands through the API of a real `local up`: who is
// signed in decides which branches a command may touch.
let home: { home: string; remove(): Promise<void> };
let up: LocalUpProcess;
let env: NodeJS.ProcessEnv;
let csv: string;
/** The file's lines (1-based, header on 1) of its JAYAPURA rows. */
let jayapuraLines: number[];

const PASSWORD = "telecollect-lokal";
const session = () => join(home.home, "session-local.json");
const J = ["--local", "--branch", "JAYAPURA", "--period", "2026-11"];

beforeAll(async () => {
  home = await tempHome();
  env = cliEnv(home.home);
  const [header, ...rows] = (await readFile(join(REPO, "data/sample-arrears.csv"), "utf8"))
    .trim()
    .split("\n");
  const of = (branch: string, n: number) => rows.filter((r) => r.split(",")[3] === branch).slice(0, n);
  const lines = [header, ...of("GORONTALO", 30), ...of("JAYAPURA", 250)];
  jayapuraLines = lines.flatMap((line, i) => (line?.split(",")[3] === "JAYAPURA" ? [i + 1] : []));
  csv = join(home.home, "arrears.csv");
  await writeFile(csv, lines.join("\n"));
  up = await startLocalUp(home.home, ["--start", "2026-11-11T01:00:00Z"]);
}, 120_000);

afterAll(async () => {
  await up?.stop();
  await home?.remove();
});

describe("telecollect login --local", () => {
  it("refuses a wrong password in one line, exit 1, and keeps no session", async () => {
    const r = await cli(["login", "--local", "--user", "spv-gorontalo"], {
      ...env,
      TELECOLLECT_PASSWORD: "not-the-password",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `telecollect: sign-in refused: wrong user name or password for spv-gorontalo on local runtime (pid ${up.state.pid})\n`,
    );
    await expect(stat(session())).rejects.toThrow(/ENOENT/);
  });

  it("says where to give the password when there is no terminal", async () => {
    const r = await cli(["login", "--local"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("set TELECOLLECT_PASSWORD");
  });

  it("keeps the session readable by its owner only; the branch's supervisor is refused another branch", async () => {
    const r = await cli(["login", "--local", "--user", "spv-gorontalo"], {
      ...env,
      TELECOLLECT_PASSWORD: PASSWORD,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Signed in as spv-gorontalo on local runtime");
    expect(r.stdout).toContain("(branches: GORONTALO)");
    expect((await stat(session())).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(session(), "utf8"));
    expect(stored).toMatchObject({ username: "spv-gorontalo", apiUrl: expect.stringMatching(/\/api$/) });

    const status = await cli(["campaign", "status", ...J], env);
    expect(status.code).toBe(1);
    expect(status.stderr).toBe("telecollect: spv-gorontalo does not hold branch JAYAPURA\n");
    const dryRun = await cli(["campaign", "start", ...J, "--dry-run"], env);
    expect(dryRun.stderr).toBe("telecollect: spv-gorontalo does not hold branch JAYAPURA\n");
  });

  it("imports as the signed-in supervisor: rows of other branches are rejected with their line", async () => {
    const out = join(home.home, "out");
    const r = await cli(["import", csv, "--local", "--out", out], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/imported:\s+30\n/);
    expect(r.stdout).toMatch(/BRANCH_NOT_ALLOWED\s+250/);
    expect(r.stdout).toContain("only the first 200 of 250 rejections are kept by the API");
    expect(r.stdout).toContain("as spv-gorontalo");
    const rejected = (await readFile(join(out, "rejected-rows.csv"), "utf8")).trim().split("\n");
    expect(rejected[0]).toBe("line,participant_id,field,reason,message");
    expect(rejected).toHaveLength(201);
    expect(rejected[1]).toBe(
      `${jayapuraLines[0]},${rejected[1]?.split(",")[1]},branch_code,BRANCH_NOT_ALLOWED,"line ${jayapuraLines[0]}, branch_code: 'JAYAPURA' is not one of your branches (GORONTALO)"`,
    );
    expect(rejected.slice(1).map((row) => Number(row.split(",")[0]))).toEqual(jayapuraLines.slice(0, 200));
  });

  it("says to sign in again when the session has expired", async () => {
    const stored = JSON.parse(await readFile(session(), "utf8"));
    await writeFile(session(), JSON.stringify({ ...stored, expiresAt: "2026-01-01T00:00:00.000Z" }), {
      mode: 0o600,
    });
    const r = await cli(["campaign", "status", ...J], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("the session of spv-gorontalo on local runtime");
    expect(r.stderr).toContain(
      "expired at 2026-01-01T00:00:00.000Z: sign in again with `telecollect login --local --user spv-gorontalo`",
    );
  });

  it("logout removes the session; the CLI then acts as nasional, or as --user", async () => {
    const r = await cli(["logout", "--local"], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Signed out: removed ${session()}\n`);
    const nasional = await cli(["campaign", "status", ...J], env);
    expect(nasional.code).toBe(1);
    expect(nasional.stderr).toContain("campaign JAYAPURA 2026-11 not found");
    const asUser = await cli(["campaign", "status", ...J, "--user", "spv-gorontalo"], env);
    expect(asUser.stderr).toBe("telecollect: spv-gorontalo does not hold branch JAYAPURA\n");
    const again = await cli(["logout", "--local"], env);
    expect(again.stdout).toContain("Not signed in");
  });
});
