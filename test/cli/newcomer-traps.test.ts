import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, cli, cliEnv, type LocalUpProcess, REPO, startLocalUp, tempHome } from "./helpers";

/**
 * What a supervisor or a newcomer trips over first: a campaign started for a month that is over
 * (on a runtime whose clock is already in December), a --data-dir that does not exist yet or
 * holds an earlier run, and a machine without Java.
 */
let home: { home: string; remove(): Promise<void> };
let up: LocalUpProcess | undefined;
let env: NodeJS.ProcessEnv;
let dataDir: string;

const G = ["--local", "--branch", "GORONTALO", "--period", "2026-11"];
const REFUSED =
  "telecollect: campaign GORONTALO 2026-11: the period is over (today is 2026-12-07 in Asia/Makassar); its reminders and calls would be about a month already past: nothing started (--force starts it anyway)\n";
const JAVA_NEEDED = "DynamoDB Local needs Java 17+ (Debian: apt-get install default-jre-headless)";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `npm start`'s program, run as npm runs it, in a given environment. */
function npmStart(args: string[], processEnv: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "local/start.ts", ...args],
      { cwd: REPO, env: processEnv, timeout: 300_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

/** A PATH with node and, when given, a `java` script, and nothing else. */
async function pathWith(name: string, java?: string): Promise<string> {
  const dir = join(home.home, name);
  await mkdir(dir, { recursive: true });
  await symlink(process.execPath, join(dir, "node"));
  if (java) {
    await writeFile(join(dir, "java"), `#!/bin/sh\n${java}\n`);
    await chmod(join(dir, "java"), 0o755);
  }
  return dir;
}

beforeAll(async () => {
  home = await tempHome();
  env = cliEnv(home.home);
  dataDir = join(home.home, "data", "not", "there");
  up = await startLocalUp(home.home, ["--start", "2026-12-07T01:00:00Z", "--data-dir", dataDir]);
  const [header, ...rows] = (await readFile(join(REPO, "data/sample-arrears.csv"), "utf8"))
    .trim()
    .split("\n");
  const csv = join(home.home, "arrears.csv");
  await writeFile(
    csv,
    [header, ...rows.filter((r) => r.split(",")[3] === "GORONTALO").slice(0, 20)].join("\n"),
  );
  const imported = await cli(["import", csv, "--local", "--out", home.home], env);
  expect(imported.code, imported.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  await up?.stop();
  await home?.remove();
});

describe("a campaign for a month that is over, on a runtime whose clock is in December", () => {
  it("is refused in one line, exit 1, and nothing starts", async () => {
    const r = await cli(["campaign", "start", ...G], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(REFUSED);
    expect(r.stdout).toBe("");
    const status = await cli(["campaign", "status", ...G], env);
    expect(status.stderr).toContain("campaign GORONTALO 2026-11 not found");
  });

  it("is refused by the dry run too, after its plan", async () => {
    const text = await cli(["campaign", "start", ...G, "--dry-run"], env);
    expect(text.code).toBe(1);
    expect(text.stderr).toBe(REFUSED);
    expect(text.stdout).toContain("Calling days: 0");
    const json = await cli(["campaign", "start", ...G, "--dry-run", "--json"], env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ dryRun: true, refused: { reason: "PERIOD_OVER" } });
  });

  it("starts with --force, saying what was overridden", async () => {
    const r = await cli(["campaign", "start", ...G, "--force"], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Started campaign GORONTALO 2026-11: execution campaign-GORONTALO-2026-11");
    expect(r.stdout).toContain("forced (--force): campaign GORONTALO 2026-11: the period is over");
    // What the refusal prevents: no calling day, so every case closes unattempted.
    let status: { phase?: string; byStatus?: Record<string, number>; progress?: { called: number } } = {};
    const deadline = Date.now() + 150_000;
    while (status.phase !== "CLOSED" && Date.now() < deadline) {
      const s = await cli(["campaign", "status", ...G, "--json"], env);
      if (s.code === 0) status = JSON.parse(s.stdout);
      if (status.phase !== "CLOSED") await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect(status.phase).toBe("CLOSED");
    expect(status.progress?.called).toBe(0);
    expect(status.byStatus?.["CLOSED:NOT_ATTEMPTED"]).toBeGreaterThan(0);
  }, 180_000);
});

describe("--data-dir", () => {
  it("is created when it does not exist, and local up says the data is new", () => {
    expect(up?.output()).toContain(`(data in ${dataDir} (new))`);
    expect(existsSync(dataDir)).toBe(true);
  });

  it("says at start-up when it holds an earlier run, with its campaigns", async () => {
    await up?.stop();
    up = await startLocalUp(home.home, ["--data-dir", dataDir]);
    expect(up.output()).toMatch(
      new RegExp(
        `data in ${escapeRegExp(dataDir)}, REUSED from an earlier run: campaigns GORONTALO 2026-11 CLOSED\\)`,
      ),
    );
  }, 120_000);

  it("is created for npm start too, and a second run says it replays the month", async () => {
    const dir = join(home.home, "npm-start", "data");
    const args = ["--participants", "30", "--branch", "JAYAPURA", "--period", "2026-11", "--data-dir", dir];
    const first = await npmStart([...args, "--out", join(home.home, "out1")], process.env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`DynamoDB Local: data in ${dir} (new)`);
    const second = await npmStart([...args, "--out", join(home.home, "out2")], process.env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(
      `DynamoDB Local: data in ${dir}, REUSED from an earlier run: campaigns JAYAPURA 2026-11 CLOSED`,
    );
    expect(second.stdout).toContain("Campaigns of 2026-11 already in it are not simulated again");
  }, 300_000);
});

describe("npm start --strategy", () => {
  it("refuses a strategy file it cannot use before it starts anything, naming the file and the key", async () => {
    const typo = join(home.home, "typo.json");
    await writeFile(typo, '{ "messaging": { "sms": { "lenght": "ONE_SEGMENT" } } }\n');
    const r = await npmStart(["--strategy", typo], process.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^--strategy ${escapeRegExp(typo)}: strategy\\.messaging\\.sms\\.lenght: unknown key\n`),
    );
    expect(r.stdout).toBe("");
    const missing = await npmStart(["--strategy", join(home.home, "none.json")], process.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("none.json: cannot be read (ENOENT)");
  }, 60_000);

  it("runs the month under the file's strategy: the one-segment SMS texts", async () => {
    const oneSegment = join(home.home, "one-segment.json");
    await writeFile(oneSegment, '{ "messaging": { "sms": { "length": "ONE_SEGMENT" } } }\n');
    const out = join(home.home, "out-one-segment");
    const args = ["--participants", "200", "--branch", "JAYAPURA", "--period", "2026-11", "--sms-only"];
    const r = await npmStart([...args, "--strategy", oneSegment, "--out", out], process.env);
    expect(r.code, r.stderr).toBe(0);
    const sms = (await readFile(join(out, "sms.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { text: string; segments: number; messageKey: string });
    const reminders = sms.filter((m) => m.messageKey.endsWith("#wave1"));
    expect(reminders.length).toBeGreaterThan(10);
    for (const m of reminders) {
      expect(m.segments, m.text).toBe(1);
      expect(m.text).toMatch(/^Yth\. Peserta JKN, /);
    }
    expect(sms.every((m) => m.segments === 1)).toBe(true);
  }, 300_000);
});

describe("without Java 17+", () => {
  it("local up and npm start say what to install", async () => {
    const noJava = { ...cliEnv(join(home.home, "no-java-home")), PATH: await pathWith("no-java") };
    const local = await cli(["local", "up"], noJava);
    expect(local.code).toBe(1);
    expect(local.stderr).toBe(`telecollect: ${JAVA_NEEDED}: no java on PATH\n`);
    const npm = await npmStart(["--participants", "10"], noJava);
    expect(npm.code).toBe(1);
    expect(npm.stderr).toBe(`npm start: ${JAVA_NEEDED}: no java on PATH\n`);
  }, 60_000);

  it("names a Java that is too old", async () => {
    const java11 = await pathWith(
      "java-11",
      [
        'echo "Error: LinkageError occurred while loading main class software.amazon.dynamodb.services.local.main.ServerRunner" >&2',
        'echo "  java.lang.UnsupportedClassVersionError: ServerRunner has been compiled by a more recent version of the Java Runtime (class file version 61.0), this version of the Java Runtime only recognizes class file versions up to 55.0" >&2',
        "exit 1",
      ].join("\n"),
    );
    const r = await cli(["local", "up"], { ...cliEnv(join(home.home, "java-11-home")), PATH: java11 });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `telecollect: ${JAVA_NEEDED}: the java on PATH is older (it reads class files up to version 55.0, Java 17 is 61.0)\n`,
    );
  }, 60_000);
});
