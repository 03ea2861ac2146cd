import { ConnectClient } from "@aws-sdk/client-connect";
import type { Dependencies } from "../../handlers/shared/dependencies";
import { tracer } from "../../handlers/shared/powertools";
import type { Dialer } from "../dialer";
import { loadConnectConfig } from "./config";
import { ConnectDialer } from "./connect";

export { type ConnectConfig, loadConnectConfig } from "./config";
export { ConnectDialer, callOutcomeOf, type DisconnectFacts, toDialerError } from "./connect";

let connect: Dialer | undefined;

/** The dialer port: the local runtime's simulator when it injected one, else Amazon Connect (built once). */
export function dialer(deps: Pick<Dependencies, "dialer">): Dialer {
  if (deps.dialer) return deps.dialer;
  if (!connect) {
    const config = loadConnectConfig();
    // One attempt per start: the dial tick paces and retries starts itself (account-wide limiter).
    const client = new ConnectClient({ maxAttempts: 1, ...(config.region ? { region: config.region } : {}) });
    connect = new ConnectDialer(tracer.captureAWSv3Client(client), config);
  }
  return connect;
}
