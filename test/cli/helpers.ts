import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(REPO, "cli/bin.mjs");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a supervisor's shell would have, minus anything that loosens masking. */
export function cliEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TELECOLLECT_HOME: home, ...extra };
  if (!("TELECOLLECT_ALLOW_UNMASKED" in extra)) delete env.TELECOLLECT_ALLOW_UNMASKED;
  return env;
}

/** Runs the real `telecollect` bin as a separate process. */
export function cli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: REPO, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export async function tempHome(): Promise<{ home: string; remove(): Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), "telecollect-cli-"));
  return { home, remove: () => rm(home, { recursive: true, force: true }) };
}

export interface LocalUpProcess {
  child: ChildProcess;
  output(): string;
  state: { pid: number; dynamoEndpoint: string; controlUrl: string };
  stop(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once("exit", () => resolve()));

/** `telecollect local up` as a real long-running process, ready when its state file exists. */
export async function startLocalUp(home: string, args: string[] = []): Promise<LocalUpProcess> {
  const child = spawn(process.execPath, [BIN, "local", "up", ...args], {
    cwd: REPO,
    env: cliEnv(home),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited(child);
    clearTimeout(timer);
  };
  const statePath = join(home, "local.json");
  const deadline = Date.now() + 90_000;
  while (!(existsSync(statePath) && output.includes("local runtime up"))) {
    if (child.exitCode !== null) throw new Error(`local up exited with ${child.exitCode}: ${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`local up did not come up: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const state = JSON.parse(await readFile(statePath, "utf8"));
  return { child, output: () => output, state, stop };
}

/** Resolves once nothing listens on the URL's port any more (DynamoDB Local's Java is gone). */
export async function portClosed(url: string, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000) });
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED") return true;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}
