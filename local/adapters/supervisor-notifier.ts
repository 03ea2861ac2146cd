import type { SupervisorNotifier } from "../../functions/channels/notifier";

/** The local adapter of the supervisors' notifier: keeps what would have been sent, for `npm start` and tests. */
export class CollectingNotifier implements SupervisorNotifier {
  readonly sent: { subject: string; message: string }[] = [];

  async notify(subject: string, message: string) {
    this.sent.push({ subject, message });
  }
}
