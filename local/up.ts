import "./environment";
import "./asl/polyfill";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { TableNames } from "../functions/contracts";
import type { CampaignStrategy } from "../functions/domain/strategy";
import { installPorts } from "../functions/handlers/shared/composition-root";
import { LocalCampaignExecutions } from "./adapters/campaign-executions";
import { LocalSnapshotFiles } from "./adapters/snapshot-files";
import {
  LocalSupervisorIdentity,
  type LocalSupervisorUser,
  loadLocalPassword,
  sampleSupervisors,
} from "./adapters/supervisor-identity";
import { startControlServer } from "./control";
import type { DynamoAccessRecorder } from "./dynamo-access";
import { startHttpServer } from "./http/server";
import {
  type ConsoleFiles,
  consoleService,
  sessionService,
  supervisorApiRoutes,
  uploadService,
} from "./http/supervisor-console";
import { type DataDirState, startRuntime } from "./runtime";
import { SimulatedClock } from "./sim/clock";
import type { LocalSystem } from "./system";
import { invokeOnClock, startLocalSystem } from "./system";

export interface LocalUpOptions {
  dataDir?: string;
  webhookPort?: number;
  /** Where the simulated clock starts; it then runs ahead as fast as the work allows. */
  start: Date;
  seed: number;
  onShutdownRequest: () => void;
  /** The console's port; any free one when absent. */
  consolePort?: number;
  /** The console's files; none (the API alone) when absent. */
  consoleFiles?: ConsoleFiles;
  /** The sample supervisors' password; TELECOLLECT_LOCAL_PASSWORD or the default when absent. */
  password?: string;
  /** Records what each handler asks of DynamoDB (tests of the function catalog's grants). */
  accessRecorder?: DynamoAccessRecorder;
  /** The strategy campaigns start with (`local up --strategy`), as a deployment's config sets it. */
  strategy?: CampaignStrategy;
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
  /** The console and the supervisor API: `http://127.0.0.1:PORT/`. */
  consoleUrl: string;
  supervisors: LocalSupervisorUser[];
  password: string;
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
      ...(options.accessRecorder
        ? { documentClient: recordedClient(options.accessRecorder, runtime.doc) }
        : {}),
      ...(options.webhookPort ? { webhookPort: options.webhookPort } : {}),
      ...(options.strategy ? { strategy: options.strategy } : {}),
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
    const supervision = await startSupervision(
      options,
      system,
      new LocalCampaignExecutions(control.url, token),
    );
    cleanups.push(supervision.close);
    return {
      dynamoEndpoint: runtime.dynamo.endpoint,
      ...(runtime.dataDir ? { dataDir: runtime.dataDir } : {}),
      tables: runtime.tables,
      webhookUrl: `${system.webhook.url}/payments`,
      webhookSecret: system.webhookSecret,
      controlUrl: control.url,
      token,
      consoleUrl: supervision.url,
      supervisors: supervision.supervisors,
      password: supervision.password,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The runtime's client with the recorder attached: the handlers' requests are recorded. */
function recordedClient(recorder: DynamoAccessRecorder, doc: DynamoDBDocumentClient): DynamoDBDocumentClient {
  recorder.attach(doc);
  return doc;
}

/**
 * The supervisor API and the console on 127.0.0.1, with the local stand-ins of Cognito (sign-in,
 * token check) and of the uploads bucket; the handlers' ports gain the campaign executions (through
 * the control API, as the CLI's) and the upload files.
 */
async function startSupervision(
  options: LocalUpOptions,
  system: LocalSystem,
  executions: LocalCampaignExecutions,
) {
  const password = options.password ?? loadLocalPassword();
  const supervisors = sampleSupervisors(system.ports.config.branches);
  const identity = new LocalSupervisorIdentity(supervisors, password);
  const uploadsDir = await mkdtemp(join(tmpdir(), "telecollect-uploads-"));
  let url = "";
  const files = new LocalSnapshotFiles(uploadsDir, () => url);
  installPorts({
    ...system.ports,
    executions: () => executions,
    stops: () => executions,
    snapshotUploads: () => files,
    snapshotDownloads: () => files,
  });
  const reportError = (error: unknown) => console.error("supervisor console:", error);
  const server = await startHttpServer({
    ...(options.consolePort ? { port: options.consolePort } : {}),
    routes: supervisorApiRoutes(identity),
    // API Gateway's payload limit: uploads go to the bucket's stand-in, not through the API.
    maxBodyBytes: 10 * 1024 * 1024,
    onError: reportError,
    services: [
      sessionService(identity),
      uploadService(files, reportError),
      ...(options.consoleFiles ? [consoleService(options.consoleFiles)] : []),
    ],
  });
  url = server.url;
  return {
    url: `${server.url}/`,
    supervisors,
    password,
    close: async () => {
      await server.close();
      await rm(uploadsDir, { recursive: true, force: true });
    },
  };
}
