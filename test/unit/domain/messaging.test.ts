import { describe, expect, it } from "vitest";
import {
  buttonPayload,
  type ChannelProfile,
  messageChannel,
  messageIdOf,
  nextWhatsAppStatus,
  parseButtonPayload,
  profileAfterOptOut,
  profileAfterStatus,
  quickReplyOfText,
  reachOn,
  underMessageCap,
} from "../../../functions/domain/messaging";
import { DEFAULT_STRATEGY, parseStrategy } from "../../../functions/domain/strategy";

const PHONE = "+6281234567890";
const OTHER = "+6285298765432";
const WA = { ...DEFAULT_STRATEGY.messaging.whatsapp, available: true };
const mobile = { phone: PHONE, phoneType: "MOBILE" as const };
const at = (iso: string) => `2026-11-${iso}:00.000Z`;

const learned = (status: "DELIVERED" | "FAILED", times = 1, phone = PHONE): ChannelProfile => {
  let profile: ChannelProfile | undefined;
  for (let i = 0; i < times; i++)
    profile = profileAfterStatus(
      profile,
      { participantId: "0001234567890", phone, status, at: at(`0${i + 1}T03:00`) },
      WA,
    );
  return profile as ChannelProfile;
};

describe("the channel of a message", () => {
  it("is WhatsApp for a mobile nobody knows anything about yet, SMS for no WhatsApp in the deployment", () => {
    expect(messageChannel(mobile, undefined, WA)).toBe("WHATSAPP");
    expect(messageChannel(mobile, undefined, { ...WA, available: false })).toBe("SMS");
    expect(messageChannel(mobile, undefined, { ...WA, enabled: false })).toBe("SMS");
  });

  it("is nothing without a mobile: a fixed line gets neither WhatsApp nor SMS", () => {
    expect(messageChannel({ phone: "+62435821234", phoneType: "FIXED_LINE" }, undefined, WA)).toBeUndefined();
    expect(messageChannel({}, undefined, WA)).toBeUndefined();
  });

  it("is SMS once a number failed on WhatsApp as often as the strategy allows, WhatsApp again on a new number", () => {
    expect(messageChannel(mobile, learned("FAILED", 1), WA)).toBe("WHATSAPP");
    expect(messageChannel(mobile, learned("FAILED", 2), WA)).toBe("SMS");
    expect(messageChannel({ phone: OTHER, phoneType: "MOBILE" }, learned("FAILED", 2), WA)).toBe("WHATSAPP");
  });

  it("is SMS for a participant who prefers SMS, WhatsApp for one who prefers it where it reaches them", () => {
    const prefers = (preferredChannel: "SMS" | "WHATSAPP", profile = learned("DELIVERED")) =>
      ({ ...profile, preferredChannel }) as ChannelProfile;
    expect(messageChannel(mobile, prefers("SMS"), WA)).toBe("SMS");
    expect(messageChannel(mobile, prefers("WHATSAPP"), WA)).toBe("WHATSAPP");
    expect(messageChannel(mobile, prefers("WHATSAPP", learned("FAILED", 2)), WA)).toBe("SMS");
  });

  it("is SMS after 'Berhenti', whatever the number", () => {
    const stopped = profileAfterOptOut(learned("DELIVERED"), "0001234567890", at("05T03:00"));
    expect(messageChannel(mobile, stopped, WA)).toBe("SMS");
    expect(messageChannel({ phone: OTHER, phoneType: "MOBILE" }, stopped, WA)).toBe("SMS");
    expect(reachOn(stopped, OTHER)).toBe("OPTED_OUT");
  });
});

describe("what a status teaches", () => {
  it("a delivery makes the number reachable and forgets earlier failures", () => {
    const afterFailure = learned("FAILED", 1);
    const delivered = profileAfterStatus(
      afterFailure,
      { participantId: "0001234567890", phone: PHONE, status: "READ", at: at("09T03:00") },
      WA,
    );
    expect(delivered).toMatchObject({
      whatsapp: "REACHABLE",
      whatsappFailures: 0,
      lastReadAt: at("09T03:00"),
    });
  });

  it("knowledge about one number does not carry to another, an opt-out does", () => {
    const onOther = profileAfterStatus(
      profileAfterOptOut(learned("FAILED", 2), "0001234567890", at("05T03:00")),
      { participantId: "0001234567890", phone: OTHER, status: "FAILED", at: at("06T03:00") },
      WA,
    );
    expect(onOther.whatsappFailures).toBe(1);
    expect(onOther.optedOutAt).toBe(at("05T03:00"));
  });
});

describe("statuses arrive in any order", () => {
  it("moves forward only; a failure counts only before delivery", () => {
    expect(nextWhatsAppStatus(undefined, "DELIVERED")).toBe("DELIVERED");
    expect(nextWhatsAppStatus("SENT", "READ")).toBe("READ");
    expect(nextWhatsAppStatus("READ", "DELIVERED")).toBeUndefined();
    expect(nextWhatsAppStatus("READ", "SENT")).toBeUndefined();
    expect(nextWhatsAppStatus("SENT", "FAILED")).toBe("FAILED");
    expect(nextWhatsAppStatus("DELIVERED", "FAILED")).toBeUndefined();
    expect(nextWhatsAppStatus("FAILED", "DELIVERED")).toBeUndefined();
  });
});

describe("buttons and replies", () => {
  const id = messageIdOf("SUL01#2026-11#0001234567890#REMINDER#1");

  it("a button's payload leads back to its message and choice", () => {
    expect(id).toMatch(/^m-[0-9a-f]{24}$/);
    expect(messageIdOf("SUL01#2026-11#0001234567890#REMINDER#1")).toBe(id);
    expect(parseButtonPayload(buttonPayload(id, { kind: "QUICK_REPLY", reply: "CALL_ME" }))).toEqual({
      messageId: id,
      choice: { kind: "QUICK_REPLY", reply: "CALL_ME" },
    });
    expect(parseButtonPayload(buttonPayload(id, { kind: "CALLBACK_WINDOW", window: "EVENING" }))).toEqual({
      messageId: id,
      choice: { kind: "CALLBACK_WINDOW", window: "EVENING" },
    });
    expect(parseButtonPayload("somebody-else:PAID")).toBeUndefined();
    expect(parseButtonPayload(`${id}:PAY_ME`)).toBeUndefined();
  });

  it("typing a button's words counts as pressing it", () => {
    expect(quickReplyOfText("  sudah   BAYAR ")).toBe("PAID");
    expect(quickReplyOfText("Berhenti")).toBe("STOP");
    expect(quickReplyOfText("sudah bayar kemarin di indomaret")).toBeUndefined();
  });
});

describe("the cap across channels", () => {
  const cap = DEFAULT_STRATEGY.messaging.cap;
  const now = new Date("2026-11-20T03:00:00Z");

  it("allows two a week and six a campaign by default", () => {
    expect(cap).toEqual({ perWeek: 2, perCampaign: 6 });
    expect(underMessageCap([], now, cap)).toBe(true);
    expect(underMessageCap(["2026-11-18T03:00:00Z"], now, cap)).toBe(true);
    expect(underMessageCap(["2026-11-14T03:00:00Z", "2026-11-18T03:00:00Z"], now, cap)).toBe(false);
    expect(underMessageCap(["2026-11-12T03:00:00Z", "2026-11-13T03:00:00Z"], now, cap)).toBe(true);
    const six = ["01", "02", "05", "06", "09", "10"].map((d) => `2026-11-${d}T03:00:00Z`);
    expect(underMessageCap(six, now, cap)).toBe(false);
  });

  it("is set in the strategy, checked", () => {
    expect(parseStrategy({ messaging: { cap: { perWeek: 3 } } }).messaging.cap).toEqual({
      perWeek: 3,
      perCampaign: 6,
    });
    expect(() => parseStrategy({ messaging: { whatsapp: { fallbackAfterMinutes: 5 } } })).toThrow(
      "strategy.messaging.whatsapp.fallbackAfterMinutes",
    );
  });
});
