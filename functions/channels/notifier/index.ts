import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";

/**
 * Port for messages to the branch supervisors: an SNS topic in AWS, a list in the local runtime
 * (local/adapters/supervisor-notifier.ts).
 */
export interface SupervisorNotifier {
  notify(subject: string, message: string): Promise<void>;
}

/** The AWS adapter: one Publish to the supervisors' topic. */
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
