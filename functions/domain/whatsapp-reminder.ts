import type { WhatsAppTemplateMessage } from "../channels/whatsapp";
import type { Case } from "./case";
import type { Bucket } from "./strategy";

/** The wave's reminder of a case as a WhatsApp template message (PROVISIONAL: the templates module replaces it). */
export function whatsappReminder(c: Case, _bucket: Bucket, messageId: string): WhatsAppTemplateMessage {
  if (!c.phone) throw new RangeError("no phone");
  return {
    phone: c.phone,
    template: c.rehabEligible ? "telecollect_pengingat_rehab" : "telecollect_pengingat",
    parameters: [],
    messageId,
    buttons: [],
  };
}
