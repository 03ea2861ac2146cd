import { describe, expect, it } from "vitest";
import { ConfigError, loadRuntimeConfig } from "../../functions/config";
import { prefixedTableNames, tableEnvironment } from "../../functions/contracts";

/** What every handler's environment holds in AWS: its tables. */
const TABLES = tableEnvironment(prefixedTableNames("unit-"));
const ID = "phone-number-id-0123456789abcdef0123456789abcdef";

const whatsappOf = (env: Record<string, string>) =>
  loadRuntimeConfig({ ...TABLES, ...env }, ["whatsapp"]).channels.whatsapp;

describe("the WhatsApp channel's config", () => {
  it("reads the WABA number's id, with Meta's API version v20.0 unless set", () => {
    expect(whatsappOf({ WHATSAPP_PHONE_NUMBER_ID: ID })).toEqual({
      phoneNumberId: ID,
      metaApiVersion: "v20.0",
    });
    expect(whatsappOf({ WHATSAPP_PHONE_NUMBER_ID: ID, WHATSAPP_META_API_VERSION: "v21.0" })).toEqual({
      phoneNumberId: ID,
      metaApiVersion: "v21.0",
    });
  });

  it("takes the number's ARN too, and sends from the ARN's region", () => {
    const arn =
      "arn:aws:social-messaging:ap-southeast-1:123456789012:phone-number-id/0123456789abcdef0123456789abcdef";
    expect(whatsappOf({ WHATSAPP_PHONE_NUMBER_ID: arn })).toEqual({
      phoneNumberId: arn,
      metaApiVersion: "v20.0",
      region: "ap-southeast-1",
    });
  });

  it("is simply not configured without a number (unset or blank): SMS only, no error", () => {
    expect(whatsappOf({})).toBeUndefined();
    expect(whatsappOf({ WHATSAPP_PHONE_NUMBER_ID: "", WHATSAPP_META_API_VERSION: "" })).toBeUndefined();
    expect(loadRuntimeConfig({ ...TABLES }, ["whatsapp", "sms"]).channels).toEqual({
      sms: { smsType: "Transactional" },
    });
  });

  it("neither requires nor reads it for a function that does not send WhatsApp", () => {
    expect(
      loadRuntimeConfig({ ...TABLES, WHATSAPP_PHONE_NUMBER_ID: "nonsense" }, ["sms"]).channels.whatsapp,
    ).toBeUndefined();
  });

  it.each([
    [
      { WHATSAPP_PHONE_NUMBER_ID: "1234567890" },
      "WHATSAPP_PHONE_NUMBER_ID: must be phone-number-id- and 32 hex digits, or its ARN",
    ],
    [{ WHATSAPP_PHONE_NUMBER_ID: `${ID}0` }, "WHATSAPP_PHONE_NUMBER_ID: must be phone-number-id-"],
    [
      { WHATSAPP_PHONE_NUMBER_ID: ID, WHATSAPP_META_API_VERSION: "20" },
      "WHATSAPP_META_API_VERSION: must be a Meta Graph API version like v20.0",
    ],
    // A bad version is named even while WhatsApp is not configured: it is a typo someone made.
    [{ WHATSAPP_META_API_VERSION: "latest" }, "WHATSAPP_META_API_VERSION: "],
  ])("names the bad variable in %o", (env, message) => {
    expect(() => whatsappOf(env)).toThrow(ConfigError);
    expect(() => whatsappOf(env)).toThrow(message);
  });
});
