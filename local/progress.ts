/** Where a local month stands, told about once a second while it runs. */
export interface Progress {
  simulatedNow: string;
  /** WhatsApp templates sent (reminders and follow-ups), as the closing line counts them. */
  whatsappSent: number;
  smsSent: number;
  callsStarted: number;
  paymentsPosted: number;
  campaignsRunning: number;
}

/** The line `npm start` shows for it: simulated time, messages by channel, calls, payments. */
export function progressLine(p: Progress): string {
  const at = `${p.simulatedNow.slice(0, 16).replace("T", " ")} UTC`;
  return `  ${at}  WhatsApp ${p.whatsappSent}  SMS ${p.smsSent}  calls ${p.callsStarted}  payments ${p.paymentsPosted}  campaigns running ${p.campaignsRunning}`;
}
