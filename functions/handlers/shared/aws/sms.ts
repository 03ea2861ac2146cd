import { SNSClient } from "@aws-sdk/client-sns";
import { SnsSmsSender } from "../../../channels/sms/sns";
import type { BuildContext } from "../composition-root";
import { tracer } from "../powertools";
import { settings } from "./settings";

/** One attempt per send: the SMS wave retries itself, each retry paced by the account-wide limiter. */
export const snsSmsSender = ({ config }: BuildContext) =>
  new SnsSmsSender(
    tracer.captureAWSv3Client(new SNSClient({ maxAttempts: 1 })),
    settings(config.channels.sms, "sms"),
  );
