import { type CampaignStrategy, DEFAULT_STRATEGY, parseStrategy } from "../functions/domain/strategy";
import type { LocalCampaignResult } from "../local/campaign";
import { CAMPAIGN_PARTICIPANTS, campaignRun } from "./campaign-run";
import { campaignCost, messagingCost } from "./cost";
import { collected, MESSAGING_TARGET_USD, TARGET_PARTICIPANTS, usageOf } from "./cost-model";
import type { Benchmark, Figure } from "./harness";

/** The default strategy with every SMS in one segment and, optionally, a later SMS fallback. */
function oneSegment(
  fallbackAfterMinutes = DEFAULT_STRATEGY.messaging.whatsapp.fallbackAfterMinutes,
): CampaignStrategy {
  const { messaging } = DEFAULT_STRATEGY;
  return parseStrategy({
    ...DEFAULT_STRATEGY,
    messaging: {
      ...messaging,
      sms: { length: "ONE_SEGMENT" },
      whatsapp: {
        ...messaging.whatsapp,
        fallbackAfterMinutes,
      },
    },
  });
}

/**
 * The programme's options the cost model can run: every SMS in one segment (`messaging.sms.length`),
 * and the same with the WhatsApp reminder's SMS fallback after 12 hours (the simulator's longest
 * late delivery) instead of 6.
 */
export interface MessagingOption {
  name: string;
  strategy: CampaignStrategy;
}

/** The option that meets the messaging target: every SMS in one segment, the fallback after 12 hours. */
export const ONE_SEGMENT_12H: MessagingOption = { name: "one-segment 12h", strategy: oneSegment(12 * 60) };

const OPTIONS: MessagingOption[] = [{ name: "one-segment", strategy: oneSegment() }, ONE_SEGMENT_12H];

function optionFigures(name: string, run: LocalCampaignResult, asBuilt: LocalCampaignResult): Figure[] {
  const usage = usageOf(run);
  const cost = campaignCost(usage, TARGET_PARTICIPANTS);
  const asBuiltMessaging = campaignCost(usageOf(asBuilt), TARGET_PARTICIPANTS).messaging;
  const usd = (figure: string, value: number): Figure => ({
    figure: `${name} ${figure} per 100k participants`,
    value,
    unit: "USD",
  });
  return [
    usd("messaging", cost.messaging),
    usd("sms", cost.sms),
    usd("whatsapp", cost.whatsapp),
    usd(
      "messaging reminder alone",
      messagingCost(run.counts.reminder, TARGET_PARTICIPANTS / usage.participants).messaging,
    ),
    { figure: `${name} messaging ratio vs target`, value: cost.messaging / MESSAGING_TARGET_USD, unit: "x" },
    { figure: `${name} messaging ratio vs as built`, value: cost.messaging / asBuiltMessaging, unit: "x" },
    {
      figure: `${name} collected ratio vs as built`,
      value: collected(run) / Math.max(1, collected(asBuilt)),
      unit: "x",
    },
  ];
}

/**
 * The same population and seed as cost-model, run under each option: its messaging bill and what
 * it collects, against the month as built (the named baseline; cost-model compares that one with
 * the SMS-only month).
 */
export const messagingOptionsBench: Benchmark = {
  name: "messaging-options",
  description: `${OPTIONS.map((o) => o.name).join(", ")}: per ${TARGET_PARTICIPANTS} participants from a ${CAMPAIGN_PARTICIPANTS}-participant local month each`,
  async run(): Promise<Figure[]> {
    const asBuilt = await campaignRun();
    const figures: Figure[] = [
      {
        figure: "as built messaging per 100k participants",
        value: campaignCost(usageOf(asBuilt), TARGET_PARTICIPANTS).messaging,
        unit: "USD",
      },
    ];
    for (const option of OPTIONS) {
      const run = await campaignRun({
        whatsapp: true,
        strategy: { name: option.name, value: option.strategy },
      });
      figures.push(...optionFigures(option.name, run, asBuilt));
    }
    return figures;
  },
};
