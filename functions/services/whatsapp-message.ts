import type { WhatsAppTemplateMessage } from "../channels/whatsapp";
import type { Case } from "../domain/case";
import { type TemplateCase, type TemplateOccasion, templateMessage } from "../domain/whatsapp-templates";

/** The port's message: a case's template message to its number, carrying our message id. */
export function whatsappMessageOf(
  c: TemplateCase & Pick<Case, "phone">,
  occasion: TemplateOccasion,
  messageId: string,
): WhatsAppTemplateMessage {
  if (!c.phone) throw new RangeError("a WhatsApp message needs the case's number");
  const { template, parameters, buttons } = templateMessage(c, occasion);
  return { phone: c.phone, template: template.name, parameters, messageId, buttons };
}
