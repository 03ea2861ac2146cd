import { ConnectClient } from "@aws-sdk/client-connect";
import { ConnectDialer } from "../../../channels/dialer/connect";
import type { BuildContext } from "../composition-root";
import { tracer } from "../powertools";
import { settings } from "./settings";

/** One attempt per start: the dial tick paces and retries starts itself (account-wide limiter). */
export const connectDialer = ({ config }: BuildContext) => {
  const connect = settings(config.channels.connect, "dialer");
  const client = new ConnectClient({ maxAttempts: 1, ...(connect.region ? { region: connect.region } : {}) });
  return new ConnectDialer(tracer.captureAWSv3Client(client), connect);
};
