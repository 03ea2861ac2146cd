/** The report's activity per local day in the branch's time zone. */
import { localDate } from "../local-time";
import { isCallAttempt, type ReportEvent } from "./events";

export interface DayFigures {
  /** Local date in the branch's time zone. */
  date: string;
  smsSent: number;
  /** WhatsApp messages sent (reminders and follow-ups), as `smsSent` counts SMS. */
  whatsappSent: number;
  callAttempts: number;
  contacts: number;
  promises: number;
  payments: number;
  amountPaid: number;
}

export function byDay(events: readonly ReportEvent[], timeZone: string): DayFigures[] {
  const days = new Map<string, DayFigures>();
  for (const e of events) {
    const date = localDate(new Date(e.at), timeZone);
    const d = days.get(date) ?? {
      date,
      smsSent: 0,
      whatsappSent: 0,
      callAttempts: 0,
      contacts: 0,
      promises: 0,
      payments: 0,
      amountPaid: 0,
    };
    if (e.kind === "SMS_SENT") d.smsSent++;
    else if (e.kind === "WHATSAPP_SENT") d.whatsappSent++;
    else if (isCallAttempt(e)) d.callAttempts++;
    else if (e.kind === "CALL_ENDED" && e.outcome === "ANSWERED") d.contacts++;
    else if (e.kind === "DISPOSITION" && e.outcome === "PROMISE_TO_PAY") d.promises++;
    else if (e.kind === "PAYMENT_APPLIED") {
      d.payments++;
      d.amountPaid += e.amount ?? 0;
    } else continue;
    days.set(date, d);
  }
  return [...days.values()].sort((x, y) => x.date.localeCompare(y.date));
}
