import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";

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
