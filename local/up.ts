import "./environment";
import "./asl/polyfill";
import { randomBytes } from "node:crypto";
import type { TableNames } from "../functions/contracts";
import { startControlServer } from "./control";
import { type DataDirState, startRuntime } from "./runtime";
import { SimulatedClock } from "./sim/clock";
import { invokeOnClock, startLocalSystem } from "./system";

export interface LocalUpOptions {
  dataDir?: string;
  webhookPort?: number;
  /** Where the simulated clock starts; it then runs ahead as fast as the work allows. */
  start: Date;
  seed: number;
  onShutdownRequest: () => void;
}

export interface LocalUp {
  dynamoEndpoint: string;
  /** Where DynamoDB Local keeps its data, and whether an earlier run left some. */
  dataDir?: DataDirState;
  tables: TableNames;
  webhookUrl: string;
  webhookSecret: string;
  controlUrl: string;
  token: string;
  stop(): Promise<void>;
}

/**
 * The embedded runtime kept running for the CLI (`telecollect local up`): DynamoDB Local, the
 * simulators and the local state-machine runner, plus the control API the other commands'
 * `--local` talks to.
 */
export async function startLocalUp(options: LocalUpOptions): Promise<LocalUp> {
  const runtime = await startRuntime(options.dataDir ? { dataDir: options.dataDir } : {});
  const cleanups: (() => Promise<void>)[] = [() => runtime.stop()];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const clock = new SimulatedClock(options.start);
    const system = await startLocalSystem({
      runtime,
      clock,
      invoke: invokeOnClock(clock),
      seed: options.seed,
      ...(options.webhookPort ? { webhookPort: options.webhookPort } : {}),
    });
    cleanups.push(() => system.close());
    const token = randomBytes(24).toString("hex");
    const control = await startControlServer({
      machines: system.machines,
      stateMachine: system.campaignMachine,
      now: () => clock.now(),
      token,
      onShutdown: options.onShutdownRequest,
    });
    cleanups.push(() => control.close());
    return {
      dynamoEndpoint: runtime.dynamo.endpoint,
      ...(runtime.dataDir ? { dataDir: runtime.dataDir } : {}),
      tables: runtime.tables,
      webhookUrl: `${system.webhook.url}/payments`,
      webhookSecret: system.webhookSecret,
      controlUrl: control.url,
      token,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
