import { SNSClient } from "@aws-sdk/client-sns";
import type { Dependencies } from "../../handlers/shared/dependencies";
import { tracer } from "../../handlers/shared/powertools";
import type { SmsSender } from "../sms";
import { loadSmsConfig } from "./config";
import { SnsSmsSender } from "./sns";

export { loadSmsConfig, type SmsConfig } from "./config";
export { SnsSmsSender, toSmsSendError } from "./sns";

let sns: SmsSender | undefined;

/** The SMS port: the local runtime's simulator when it injected one, else SNS (built once per container). */
export function smsSender(deps: Pick<Dependencies, "sms">): SmsSender {
  if (deps.sms) return deps.sms;
  if (!sns) {
    const config = loadSmsConfig();
    // One attempt per send: the SMS wave retries itself, each retry paced by the account-wide limiter.
    sns = new SnsSmsSender(tracer.captureAWSv3Client(new SNSClient({ maxAttempts: 1 })), config);
  }
  return sns;
}
