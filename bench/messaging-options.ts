import { DEFAULT_STRATEGY, parseStrategy } from "../functions/domain/strategy";
import { CAMPAIGN_PARTICIPANTS, campaignRun } from "./campaign-run";
import { campaignCost, messagingCost } from "./cost";
import { collected, MESSAGING_TARGET_USD, TARGET_PARTICIPANTS, usageOf } from "./cost-model";
import type { Benchmark, Figure } from "./harness";

/**
 * The programme's option that the cost model computed would meet the messaging target: every SMS
 * in one segment (`messaging.sms.length`) and the WhatsApp reminder's SMS fallback after 12 hours
 * (the simulator's longest late delivery) instead of 6.
 */
const ONE_SEGMENT_12H = parseStrategy({
  ...DEFAULT_STRATEGY,
  messaging: {
    ...DEFAULT_STRATEGY.messaging,
    sms: { length: "ONE_SEGMENT" },
    whatsapp: { ...DEFAULT_STRATEGY.messaging.whatsapp, fallbackAfterMinutes: 12 * 60 },
  },
});

/**
 * The same population and seed as cost-model, run with the option above: its messaging bill and
 * what it collects, against the month as built (the named baseline) and the SMS-only month.
 */
export const messagingOptionsBench: Benchmark = {
  name: "messaging-options",
  description: `one-segment SMS and a 12-hour fallback, per ${TARGET_PARTICIPANTS} participants from a ${CAMPAIGN_PARTICIPANTS}-participant local month`,
  async run(): Promise<Figure[]> {
    const asBuilt = await campaignRun();
    const option = await campaignRun({
      whatsapp: true,
      strategy: { name: "one-segment-12h", value: ONE_SEGMENT_12H },
    });
    const smsOnly = await campaignRun({ whatsapp: false });
    const usage = usageOf(option);
    const scale = TARGET_PARTICIPANTS / usage.participants;
    const messaging = campaignCost(usage, TARGET_PARTICIPANTS);
    const asBuiltMessaging = campaignCost(usageOf(asBuilt), TARGET_PARTICIPANTS).messaging;
    const name = "one-segment 12h";
    return [
      { figure: `${name} messaging per 100k participants`, value: messaging.messaging, unit: "USD" },
      { figure: `${name} sms per 100k participants`, value: messaging.sms, unit: "USD" },
      { figure: `${name} whatsapp per 100k participants`, value: messaging.whatsapp, unit: "USD" },
      {
        figure: `${name} messaging reminder alone per 100k participants`,
        value: messagingCost(option.counts.reminder, scale).messaging,
        unit: "USD",
      },
      {
        figure: `${name} messaging ratio vs target`,
        value: messaging.messaging / MESSAGING_TARGET_USD,
        unit: "x",
      },
      { figure: `as built messaging per 100k participants`, value: asBuiltMessaging, unit: "USD" },
      {
        figure: `${name} messaging ratio vs as built`,
        value: messaging.messaging / asBuiltMessaging,
        unit: "x",
      },
      {
        figure: `${name} collected ratio vs as built`,
        value: collected(option) / Math.max(1, collected(asBuilt)),
        unit: "x",
      },
      {
        figure: `${name} collected ratio vs sms-only run`,
        value: collected(option) / Math.max(1, collected(smsOnly)),
        unit: "x",
      },
    ];
  },
};
