import { SNSClient } from "@aws-sdk/client-sns";
import { SnsTopicNotifier } from "../../../channels/notifier";
import type { BuildContext } from "../composition-root";
import { settings } from "./settings";

export const snsTopicNotifier = ({ config }: BuildContext) =>
  new SnsTopicNotifier(new SNSClient({}), settings(config.channels.supervisorsTopicArn, "supervisors"));
