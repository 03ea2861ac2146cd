import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../cli/run";
import { cli, cliEnv, tempHome } from "./helpers";

// The real bin without any runtime: usage errors (exit 2) and "local runtime not running" (exit 1).
let home: { home: string; remove(): Promise<void> };
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  home = await tempHome();
  env = cliEnv(home.home);
});
afterAll(() => home.remove());

const G = ["--branch", "GORONTALO", "--period", "2026-11"];

describe("telecollect without a runtime", () => {
  it("says the local runtime is not running when there is no state file", async () => {
    const r = await cli(["campaign", "status", "--local", ...G], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `telecollect: local runtime is not running (no ${join(home.home, "local.json")}): start it with \`telecollect local up\``,
    );
    expect(r.stdout).toBe("");
    const down = await cli(["local", "down"], env);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain("local runtime is not running");
  });

  it("says so too when the recorded process has exited (stale state file)", async () => {
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((r) => dead.once("exit", r));
    await mkdir(home.home, { recursive: true });
    await writeFile(
      join(home.home, "local.json"),
      JSON.stringify({
        pid: dead.pid,
        startedAt: "2026-11-26T00:00:00Z",
        controlUrl: "http://127.0.0.1:9",
        token: "0123456789abcdef0123",
        dynamoEndpoint: "http://127.0.0.1:9",
        webhookUrl: "http://127.0.0.1:9/payments",
        tables: {
          participants: "p",
          campaigns: "c",
          cases: "k",
          interactions: "i",
          payments: "y",
          limits: "l",
          audit: "a",
        },
      }),
    );
    const r = await cli(["cases", "--local", ...G], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`process ${dead.pid} from ${join(home.home, "local.json")} has exited`);
  });

  it.each([
    [[], "Usage: telecollect <command>"],
    [["frobnicate"], "unknown command 'frobnicate'"],
    [["campaign"], "campaign: expected a subcommand"],
    [["campaign", "start", "--local", "--period", "2026-11"], "--branch: required"],
    [["campaign", "start", "--local", "--branch", "GORONTALO"], "--period: required"],
    [["campaign", "status", "--local", ...G, "--bogus"], "Unknown option '--bogus'"],
    [["campaign", "stop", "--local", ...G], "--reason: required"],
    [["campaign", "status", "--local", "--stack", "Other", ...G], "--local and --stack: choose one"],
    [
      ["campaign", "report", "--local", ...G, "--format", "pdf"],
      "--format: 'pdf' is not one of table, json, csv, html",
    ],
    [["cases", "--local", ...G, "--bucket", "m99"], "--bucket: 'm99' is not a category id"],
    [["import"], "FILE.csv: required"],
    [["local", "up", "--port", "http"], "--port: 'http' is not a positive integer"],
    [["local", "up", "--start", "yesterday"], "--start: 'yesterday' is not an ISO instant"],
    [["local", "up", "--strategy", "nowhere.json"], "--strategy nowhere.json: cannot be read (ENOENT)"],
  ])("exits 2 on a bad command line: %j", async (args, message) => {
    const r = await cli(args, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("fails with exit 1 naming the file when the CSV does not exist", async () => {
    const r = await cli(["import", "nowhere.csv", "--local"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/FILE\.csv: .*nowhere\.csv does not exist/);
  });

  it("prints --help for every command with exit 0", async () => {
    for (const command of COMMANDS) {
      const r = await cli([...command.name.split(" "), "--help"], env);
      expect(r.code, command.name).toBe(0);
      expect(r.stdout).toContain(`Usage: telecollect ${command.name}`);
    }
    // One process per command: on a loaded 2-core machine the whole list took over a minute.
  }, 300_000);
});
