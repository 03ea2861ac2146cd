import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { z } from "zod";
import { ConfigError } from "../../config";
import { describeIssues, ENVIRONMENT } from "../../domain/validation";
import type { Dependencies } from "../../handlers/shared/dependencies";

/** Port for messages to the branch supervisors: an SNS topic in AWS, a list in the local runtime. */
export interface SupervisorNotifier {
  notify(subject: string, message: string): Promise<void>;
}

export class SnsTopicNotifier implements SupervisorNotifier {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async notify(subject: string, message: string) {
    // SNS subjects are at most 100 ASCII characters.
    await this.client.send(
      new PublishCommand({ TopicArn: this.topicArn, Subject: subject.slice(0, 100), Message: message }),
    );
  }
}

/** Keeps what would have been sent, for `npm start` and tests. */
export class CollectingNotifier implements SupervisorNotifier {
  readonly sent: { subject: string; message: string }[] = [];

  async notify(subject: string, message: string) {
    this.sent.push({ subject, message });
  }
}

const envSchema = z.object({
  SUPERVISORS_TOPIC_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/, "must be an SNS topic ARN"),
});

let fromEnvironment: SupervisorNotifier | undefined;

export function supervisorNotifier(deps: Dependencies): SupervisorNotifier {
  if (deps.notifier) return deps.notifier;
  if (!fromEnvironment) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      throw new ConfigError(`invalid environment: ${describeIssues(parsed.error.issues, ENVIRONMENT)}`);
    }
    fromEnvironment = new SnsTopicNotifier(new SNSClient({}), parsed.data.SUPERVISORS_TOPIC_ARN);
  }
  return fromEnvironment;
}
