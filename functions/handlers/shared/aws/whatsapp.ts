import { SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { SocialMessagingWhatsAppSender } from "../../../channels/whatsapp/social-messaging";
import type { BuildContext } from "../composition-root";
import { tracer } from "../powertools";
import { settings } from "./settings";

/** One attempt per send: the caller retries, paced like the SMS wave. In the number's region when named by ARN. */
export const socialMessagingWhatsAppSender = ({ config }: BuildContext) => {
  const whatsapp = settings(config.channels.whatsapp, "whatsapp");
  const client = new SocialMessagingClient({
    maxAttempts: 1,
    ...(whatsapp.region ? { region: whatsapp.region } : {}),
  });
  return new SocialMessagingWhatsAppSender(tracer.captureAWSv3Client(client), whatsapp);
};
