import type { LocalCampaignResult } from "../local/campaign";
import { CAMPAIGN_PARTICIPANTS, campaignRun, type RunVariant } from "./campaign-run";
import { campaignCost } from "./cost";
import { collected, TARGET_PARTICIPANTS, usageOf } from "./cost-model";
import type { Benchmark, Figure } from "./harness";
import { ONE_SEGMENT_12H } from "./messaging-options";

/** Shares of numbers whose SMS are read besides 100% (the simulator's default), each run WhatsApp first and SMS only. */
const READ_RATES = [0.6];

/**
 * The programme's option that meets the messaging target, run at each of READ_RATES too: does it
 * collect as much as SMS only when not every SMS is read? (At 100%, messaging-options runs it.)
 */
const OPTIONS_AT_READ_RATES = [ONE_SEGMENT_12H];

/** One read rate's ratio of what WhatsApp first collects to what SMS only collects. */
export interface ReadRatePoint {
  smsRead: number;
  collectedRatio: number;
}

/**
 * The SMS read rate at which WhatsApp first collects as much as SMS only, by linear interpolation
 * between the two measured rates around it; undefined when no two measured rates bracket it.
 */
export function breakEvenReadRate(points: readonly ReadRatePoint[]): number | undefined {
  const sorted = [...points].sort((a, b) => b.smsRead - a.smsRead);
  for (let i = 1; i < sorted.length; i++) {
    const higher = sorted[i - 1] as ReadRatePoint;
    const lower = sorted[i] as ReadRatePoint;
    if ((higher.collectedRatio - 1) * (lower.collectedRatio - 1) > 0) continue;
    if (higher.collectedRatio === lower.collectedRatio) return higher.smsRead;
    const t = (1 - higher.collectedRatio) / (lower.collectedRatio - higher.collectedRatio);
    return higher.smsRead + t * (lower.smsRead - higher.smsRead);
  }
  return undefined;
}

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** Each of OPTIONS_AT_READ_RATES at one read rate: its messaging bill and what it collects against SMS only there. */
async function optionFigures(
  rateName: string,
  payers: Pick<RunVariant, "payers">,
  smsOnly: LocalCampaignResult,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const option of OPTIONS_AT_READ_RATES) {
    const run = await campaignRun({
      whatsapp: true,
      strategy: { name: option.name, value: option.strategy },
      ...payers,
    });
    figures.push(
      {
        figure: `${rateName} ${option.name} messaging per 100k participants`,
        value: campaignCost(usageOf(run), TARGET_PARTICIPANTS).messaging,
        unit: "USD",
      },
      {
        figure: `${rateName} ${option.name} collected ratio vs sms-only run`,
        value: collected(run) / Math.max(1, collected(smsOnly)),
        unit: "x",
      },
    );
  }
  return figures;
}

/**
 * What the amount collected depends on in the simulator: every SMS counts as read (its default),
 * a WhatsApp reminder only once read (its read rates). The same population and seed as cost-model,
 * with fewer SMS read, WhatsApp first against SMS only (the named baseline at each rate), and
 * the programme's option that meets the messaging target at the lower rates.
 */
export const smsReadBench: Benchmark = {
  name: "sms-read",
  description: `SMS read 100%, ${READ_RATES.map(percent).join(", ")}: WhatsApp first (and ${OPTIONS_AT_READ_RATES.map((o) => o.name).join(", ")} below 100%) against SMS only, per ${TARGET_PARTICIPANTS} participants from a ${CAMPAIGN_PARTICIPANTS}-participant local month each`,
  async run(): Promise<Figure[]> {
    const figures: Figure[] = [];
    const points: ReadRatePoint[] = [];
    for (const smsRead of [1, ...READ_RATES]) {
      const payers =
        smsRead === 1 ? {} : { payers: { name: `sms read ${percent(smsRead)}`, value: { smsRead } } };
      const whatsappFirst = await campaignRun({ whatsapp: true, ...payers });
      const smsOnly = await campaignRun({ whatsapp: false, ...payers });
      const scale = TARGET_PARTICIPANTS / whatsappFirst.imported.imported;
      const collectedRatio = collected(whatsappFirst) / Math.max(1, collected(smsOnly));
      points.push({ smsRead, collectedRatio });
      const name = `read ${percent(smsRead)}`;
      figures.push(
        {
          figure: `${name} collected per 100k participants`,
          value: Math.round(collected(whatsappFirst) * scale),
          unit: "IDR",
        },
        {
          figure: `${name} sms-only run collected per 100k participants`,
          value: Math.round(collected(smsOnly) * scale),
          unit: "IDR",
        },
        { figure: `${name} collected ratio vs sms-only run`, value: collectedRatio, unit: "x" },
      );
      if (smsRead < 1) figures.push(...(await optionFigures(name, payers, smsOnly)));
    }
    const breakEven = breakEvenReadRate(points);
    if (breakEven === undefined)
      console.error("# sms-read: WhatsApp first and SMS only do not cross between the rates measured");
    else
      figures.push({
        figure: "break-even sms read rate",
        value: Math.round(breakEven * 1000) / 10,
        unit: "%",
      });
    return figures;
  },
};
