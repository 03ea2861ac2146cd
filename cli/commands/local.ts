import { rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CampaignStrategy } from "../../functions/domain/strategy";
import { LocalCampaignExecutions } from "../../local/adapters/campaign-executions";
import { strategyOption } from "../../local/strategy-file";
import type { LocalUp } from "../../local/up";
import { HELP_OPTION, parsePositiveInt } from "../args";
import type { Command } from "../command";
import { CliError, UsageError } from "../errors";
import { isAlive, type LocalState, localStatePath, readLocalState } from "../local-state";

const upOptions = {
  ...HELP_OPTION,
  "data-dir": { type: "string" },
  port: { type: "string" },
  "console-port": { type: "string" },
  start: { type: "string" },
  seed: { type: "string" },
  strategy: { type: "string" },
} as const;

async function alreadyRunning(home: string): Promise<LocalState | undefined> {
  try {
    return await readLocalState(home);
  } catch (error) {
    if (error instanceof CliError) return undefined;
    throw error;
  }
}

interface UpSettings {
  webhookPort: number | undefined;
  consolePort: number | undefined;
  seed: number;
  start: Date;
  dataDir: string | undefined;
  strategy: CampaignStrategy | undefined;
}

function upSettings(values: Record<string, unknown>): UpSettings {
  const webhookPort = parsePositiveInt("port", values.port as string | undefined);
  const consolePort = parsePositiveInt("console-port", values["console-port"] as string | undefined);
  const seed = parsePositiveInt("seed", values.seed as string | undefined) ?? 20261101;
  const startText = values.start as string | undefined;
  const start = startText === undefined ? new Date() : new Date(startText);
  if (Number.isNaN(start.getTime()) || (startText !== undefined && !/^\d{4}-\d{2}-\d{2}T/.test(startText))) {
    throw new UsageError(`--start: '${startText}' is not an ISO instant (e.g. 2026-11-11T01:00:00Z)`);
  }
  const dataDir = values["data-dir"] === undefined ? undefined : resolve(values["data-dir"] as string);
  return {
    webhookPort,
    consolePort,
    seed,
    start,
    dataDir,
    strategy:
      typeof values.strategy === "string"
        ? strategyOption(values.strategy, (message) => new UsageError(message))
        : undefined,
  };
}

/** Starts the runtime in this process; `onShutdownRequest` is called when `local down` asks it to stop. */
async function startUp(settings: UpSettings, onShutdownRequest: () => void): Promise<LocalUp> {
  // Loaded here: the handlers and simulators are only needed by this command.
  const { startLocalUp } = await import("../../local/up");
  const { buildConsole } = await import("../../console/build");
  const { dataDir, webhookPort, consolePort, strategy } = settings;
  return startLocalUp({
    ...(dataDir ? { dataDir } : {}),
    ...(webhookPort ? { webhookPort } : {}),
    ...(consolePort ? { consolePort } : {}),
    ...(strategy ? { strategy } : {}),
    consoleFiles: await buildConsole(),
    start: settings.start,
    seed: settings.seed,
    onShutdownRequest,
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EADDRINUSE") {
      throw new CliError(`--port or --console-port: ${webhookPort ?? consolePort} is already in use`);
    }
    throw error;
  });
}

/** Writes where the runtime answers to the state file (owner-only); removes it when this process exits. */
async function recordState(
  home: string,
  up: LocalUp,
): Promise<{ statePath: string; removeState: () => void }> {
  const statePath = localStatePath(home);
  const removeState = () => rmSync(statePath, { force: true });
  process.once("exit", removeState);
  const state: LocalState = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    controlUrl: up.controlUrl,
    token: up.token,
    dynamoEndpoint: up.dynamoEndpoint,
    webhookUrl: up.webhookUrl,
    consoleUrl: up.consoleUrl,
    tables: up.tables,
  };
  await mkdir(home, { recursive: true, mode: 0o700 });
  await writeFile(statePath, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  return { statePath, removeState };
}

async function upBanner(up: LocalUp, start: Date, statePath: string): Promise<string> {
  const { describeDataDir } = await import("../../local/runtime");
  return [
    `telecollect local runtime up (pid ${process.pid})`,
    `console: ${up.consoleUrl}`,
    `  supervisors:      ${up.supervisors.map((u) => u.username).join(", ")}`,
    `  their password:   ${up.password} (TELECOLLECT_LOCAL_PASSWORD)`,
    `  DynamoDB Local:   ${up.dynamoEndpoint} (${describeDataDir(up.dataDir)})`,
    `  payment webhook:  ${up.webhookUrl}`,
    `  webhook secret:   ${up.webhookSecret} (TELECOLLECT_WEBHOOK_SECRET)`,
    `  control API:      ${up.controlUrl}`,
    `  simulated clock:  from ${start.toISOString()}, as fast as the work allows`,
    `  state file:       ${statePath}`,
    "Use --local with any other command; stop with `telecollect local down` or Ctrl-C.",
  ].join("\n");
}

export const localUp: Command = {
  name: "local up",
  summary: "start the embedded runtime (no AWS account) and keep it running",
  options: upOptions,
  help: `Usage: telecollect local up [--data-dir DIR] [--port N] [--start ISO-INSTANT] [--seed N]
                         [--strategy FILE.json]

Runs the embedded runtime in the foreground until \`telecollect local down\` or Ctrl-C: DynamoDB
Local with the tables, the payment webhook on 127.0.0.1 (prints its URL and the local secret),
the supervisor console and API on 127.0.0.1 (prints \`console: URL\`, the sample supervisors
spv-<branch> and nasional, and their password),
the simulated contact center, SMS outbox and paying population, and the local runner of the
same state machines as in AWS, on a simulated clock that runs ahead as fast as the work allows
(a month of campaign in minutes). Every other command talks to it with --local. Where it runs
is recorded in $TELECOLLECT_HOME/local.json (default ~/.telecollect).

  --data-dir DIR      keep DynamoDB Local's data in DIR, created when missing (default: in
                      memory); a DIR from an earlier run is reused as it is, campaigns included,
                      and the start-up lines say so
  --port N            the payment webhook's port (default: any free port)
  --console-port N    the supervisor console's and API's port (default: any free port)
  --start INSTANT     where the simulated clock starts, e.g. 2026-11-11T01:00:00Z (default: now)
  --seed N            seed of the simulators (default 20261101): same seed, same behaviour
  --strategy FILE     the strategy campaigns start with, as a deployment's config "strategy":
                      JSON of only what differs from the defaults (a misspelt key is an error)`,
  async run(ctx, values) {
    const settings = upSettings(values);
    const home = ctx.config.home;
    const running = await alreadyRunning(home);
    if (running) {
      throw new CliError(
        `local runtime already running (pid ${running.pid}, ${localStatePath(home)}): stop it with \`telecollect local down\``,
      );
    }
    let requestStop: () => void = () => undefined;
    const stopRequested = new Promise<void>((r) => {
      requestStop = r;
    });
    const up = await startUp(settings, () => requestStop());
    const { statePath, removeState } = await recordState(home, up);
    process.once("SIGINT", requestStop);
    process.once("SIGTERM", requestStop);
    ctx.io.out(await upBanner(up, settings.start, statePath));
    await stopRequested;
    removeState();
    await up.stop();
    ctx.io.out("telecollect local runtime stopped");
    return 0;
  },
};

const downOptions = { ...HELP_OPTION } as const;

export const localDown: Command = {
  name: "local down",
  summary: "stop the embedded runtime started by `local up`",
  options: downOptions,
  help: `Usage: telecollect local down

Stops the runtime recorded in $TELECOLLECT_HOME/local.json (DynamoDB Local and its in-memory
data with it; --data-dir data stays on disk) and waits until it has exited.`,
  async run(ctx) {
    const state = await readLocalState(ctx.config.home);
    await new LocalCampaignExecutions(state.controlUrl, state.token).shutdown();
    const deadline = Date.now() + 30_000;
    while (isAlive(state.pid)) {
      if (Date.now() > deadline)
        throw new CliError(`local runtime (pid ${state.pid}) did not exit within 30 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
    ctx.io.out(`telecollect local runtime stopped (pid ${state.pid})`);
    return 0;
  },
};
