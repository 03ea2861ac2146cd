import { describe, expect, it, vi } from "vitest";
import type { WhatsAppSender } from "../../../../functions/channels/whatsapp";
import { SocialMessagingWhatsAppSender } from "../../../../functions/channels/whatsapp/social-messaging";
import { loadRuntimeConfig } from "../../../../functions/config";
import { prefixedTableNames, tableEnvironment } from "../../../../functions/contracts";
import { socialMessagingWhatsAppSender } from "../../../../functions/handlers/shared/aws/whatsapp";
import { channelsOf, composePorts } from "../../../../functions/handlers/shared/composition-root";

const TABLES = tableEnvironment(prefixedTableNames("unit-"));
const ID = "phone-number-id-0123456789abcdef0123456789abcdef";
const adapters = { whatsapp: socialMessagingWhatsAppSender };
const configured = loadRuntimeConfig({ ...TABLES, WHATSAPP_PHONE_NUMBER_ID: ID }, channelsOf(adapters));
const unconfigured = loadRuntimeConfig(TABLES, channelsOf(adapters));

describe("the composition root's WhatsApp port", () => {
  it("builds the End User Messaging Social adapter once, when the deployment has a WhatsApp number", () => {
    const build = vi.fn(socialMessagingWhatsAppSender);
    const ports = composePorts(configured, {}, { whatsapp: build });
    const sender = ports.whatsapp();
    expect(sender).toBeInstanceOf(SocialMessagingWhatsAppSender);
    expect(ports.whatsapp()).toBe(sender);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it("is undefined without a number: WhatsApp unavailable, SMS only", () => {
    const build = vi.fn(socialMessagingWhatsAppSender);
    expect(composePorts(unconfigured, {}, { whatsapp: build }).whatsapp()).toBeUndefined();
    expect(build).not.toHaveBeenCalled();
  });

  it("takes the local simulator in place of AWS's adapter", () => {
    const simulator: WhatsAppSender = {
      sendTemplate: async () => ({ providerMessageId: "wamid.local" }),
      sendText: async () => ({ providerMessageId: "wamid.local" }),
    };
    expect(composePorts(unconfigured, { whatsapp: simulator }, adapters).whatsapp()).toBe(simulator);
  });

  it("is undefined where nothing provides it, even with a number set: SMS only", () => {
    expect(composePorts(unconfigured).whatsapp()).toBeUndefined();
    expect(composePorts(configured).whatsapp()).toBeUndefined();
  });
});
