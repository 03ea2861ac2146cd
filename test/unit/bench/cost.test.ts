import { describe, expect, it } from "vitest";
import { campaignCost, messagingCost, type Prices, type RunUsage } from "../../../bench/cost";

/** Round figures, so every expected value below is computed by hand. */
const prices: Prices = {
  stepFunctions: { perTransition: 0.00001 },
  lambda: { perGbSecond: 0.00002, perRequest: 0.000001 },
  dynamoDb: { perWriteRequestUnit: 0.000001, perReadRequestUnit: 0.0000005 },
  apiGateway: { perRequest: 0.000002 },
  sms: { perSegmentIndonesia: 0.1 },
  whatsapp: { perDeliveredUtilityTemplateIndonesia: 0.02, awsPerMessage: 0.005 },
  connect: { voicePerMinute: 0.02, outboundIndonesiaMobilePerMinute: 0.08 },
};

const usage: RunUsage = {
  participants: 1_000,
  campaigns: 2,
  campaignTransitions: 4_000,
  dialingDayTransitions: 800,
  lambda: [
    { name: "send-sms", invocations: 1_000, ms: 100_000, memoryMb: 512, perCalendarDay: false },
    { name: "dial-tick", invocations: 200, ms: 20_000, memoryMb: 512, perCalendarDay: true },
  ],
  dynamo: { readRequestUnits: 100_000, writeRequestUnits: 200_000 },
  apiRequests: 50,
  smsSegments: 1_000,
  whatsappTemplatesDelivered: 300,
  whatsappMessages: 500,
  voiceMinutes: 500,
};

describe("campaign cost model", () => {
  const cost = campaignCost(usage, 100_000, prices);

  it("scales participant-driven use linearly and counts the dialing days' ticks once per campaign", () => {
    // 4,000 x 100 + 800 / 2 transitions at 0.00001
    expect(cost.stepFunctions).toBeCloseTo(4.004, 9);
    // send-sms: (1,000 x 0.000001 + 50 GB-s x 0.00002) x 100; dial-tick: (0.0002 + 0.0002) / 2
    expect(cost.lambda).toBeCloseTo(0.2002, 9);
    // (100,000 x 0.0000005 + 200,000 x 0.000001) x 100
    expect(cost.dynamoDb).toBeCloseTo(25, 9);
    expect(cost.apiGateway).toBeCloseTo(0.01, 9);
    expect(cost.orchestration).toBeCloseTo(29.2142, 9);
  });

  it("prices SMS per segment, WhatsApp per delivered template plus AWS's fee per message, calls per minute", () => {
    expect(cost.sms).toBeCloseTo(10_000, 6);
    // (300 x 0.02 + 500 x 0.005) x 100
    expect(cost.whatsapp).toBeCloseTo(850, 6);
    expect(cost.messaging).toBeCloseTo(10_850, 6);
    expect(cost.connect).toBeCloseTo(5_000, 6);
    expect(cost.messagingAndTelephony).toBeCloseTo(15_850, 6);
  });

  it("prices a part of the messages, such as the reminder alone, at the same rates", () => {
    // 100 segments x 0.1 + 40 delivered x 0.02 + 60 messages x 0.005, times 100
    expect(
      messagingCost({ smsSegments: 100, whatsappTemplatesDelivered: 40, whatsappMessages: 60 }, 100, prices),
    ).toEqual({
      sms: expect.closeTo(1_000, 6),
      whatsapp: expect.closeTo(110, 6),
      messaging: expect.closeTo(1_110, 6),
    });
  });

  it("costs nothing for a campaign that did nothing", () => {
    const idle = campaignCost(
      {
        ...usage,
        campaignTransitions: 0,
        dialingDayTransitions: 0,
        lambda: [],
        dynamo: { readRequestUnits: 0, writeRequestUnits: 0 },
        apiRequests: 0,
        smsSegments: 0,
        whatsappTemplatesDelivered: 0,
        whatsappMessages: 0,
        voiceMinutes: 0,
      },
      100_000,
      prices,
    );
    expect(idle.orchestration + idle.messagingAndTelephony).toBe(0);
  });
});
