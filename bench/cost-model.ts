import { FUNCTION_CATALOG, type FunctionId } from "../infra/function-catalog";
import type { LocalCampaignResult } from "../local/campaign";
import { FALLBACK_CAUSES, type FallbackCause, SMS_KINDS, type SmsKind } from "../local/sms-mix";
import { AWS_PRICES } from "./aws-prices";
import { CAMPAIGN_PARTICIPANTS, campaignRun } from "./campaign-run";
import { campaignCost, messagingCost, type RunUsage } from "./cost";
import type { Benchmark, Figure } from "./harness";

export const TARGET_PARTICIPANTS = 100_000;
/** How each kind of SMS is named in the figures: where the SMS bill comes from. */
const SMS_KIND_FIGURE: Record<SmsKind, string> = {
  REMINDER: "reminder",
  REMINDER_FALLBACK: "reminder fallback",
  FOLLOW_UP: "follow-ups",
  DUE_SOON: "due-soon",
  ASKED_DETAILS: "details asked in calls",
};
const FALLBACK_CAUSE_FIGURE: Record<FallbackCause, string> = {
  WHATSAPP_FAILED: "whatsapp failed",
  DELIVERED_LATE: "whatsapp delivered later",
  NOT_DELIVERED: "whatsapp never delivered",
};
/** The budget for orchestration per 100,000 participants per campaign. */
const ORCHESTRATION_TARGET_USD = 5;
/** The budget for messaging (SMS + WhatsApp) per 100,000 participants per campaign. */
export const MESSAGING_TARGET_USD = 12_500;

/** Rupiah paid on the run's cases (what the campaigns collected). */
export const collected = (result: LocalCampaignResult) =>
  result.cases.reduce((sum, c) => sum + c.amountPaid, 0);

/** `map-arrears` -> `mapArrears`: local function names are the catalog's ids in kebab case. */
const catalogId = (name: string) =>
  name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as FunctionId;

export function usageOf(result: LocalCampaignResult): RunUsage {
  const lambda = Object.entries(result.handlerInvocations).map(([name, h]) => {
    const spec = FUNCTION_CATALOG[catalogId(name)];
    if (!spec) throw new Error(`function ${name} is not in infra/function-catalog.ts`);
    return {
      name,
      invocations: h.count,
      ms: h.ms,
      memoryMb: spec.memoryMb,
      perCalendarDay: name === "dial-tick",
    };
  });
  const { import: imported, campaigns } = result.dynamo;
  return {
    participants: result.imported.imported,
    campaigns: result.outcomes.length,
    campaignTransitions: result.transitionsByMachine.campaign?.transitions ?? 0,
    dialingDayTransitions: result.transitionsByMachine["dialing-day"]?.transitions ?? 0,
    lambda,
    dynamo: {
      readRequestUnits: imported.readRequestUnits + campaigns.readRequestUnits,
      writeRequestUnits: imported.writeRequestUnits + campaigns.writeRequestUnits,
    },
    apiRequests: result.handlerInvocations["payment-webhook"]?.count ?? 0,
    smsSegments: result.counts.smsSegments,
    whatsappTemplatesDelivered: result.counts.whatsappTemplatesDelivered,
    whatsappMessages: result.counts.whatsappMessages,
    voiceMinutes: result.counts.voiceMinutes,
  };
}

const usd = (figure: string, value: number): Figure => ({
  figure: `${figure} per 100k participants`,
  value,
  unit: "USD",
});

/** The SMS bill per kind of message, and the reminder's fallback per cause. */
function smsBillFigures(run: LocalCampaignResult, scale: number): Figure[] {
  const segmentUsd = scale * AWS_PRICES.sms.perSegmentIndonesia;
  return [
    ...SMS_KINDS.map((kind) =>
      usd(`sms ${SMS_KIND_FIGURE[kind]}`, run.counts.smsSegmentsByKind[kind] * segmentUsd),
    ),
    ...FALLBACK_CAUSES.map((cause) =>
      usd(
        `sms reminder fallback ${FALLBACK_CAUSE_FIGURE[cause]}`,
        run.counts.smsFallbackSegmentsByCause[cause] * segmentUsd,
      ),
    ),
    usd("sms follow-ups after whatsapp failed", run.counts.smsFollowUpFallbackSegments * segmentUsd),
  ];
}

/**
 * The reminder alone, the one message a month of the SMS-only system the target was set against
 * (US$49,600 then): what it costs now, with the SMS-only run's for comparison.
 */
function reminderFigures(run: LocalCampaignResult, smsOnlyRun: LocalCampaignResult, scale: number): Figure[] {
  const reminder = messagingCost(run.counts.reminder, scale).messaging;
  return [
    usd("messaging reminder alone", reminder),
    usd("messaging reminder alone sms-only run", messagingCost(smsOnlyRun.counts.reminder, scale).messaging),
    { figure: "messaging reminder alone ratio vs target", value: reminder / MESSAGING_TARGET_USD, unit: "x" },
  ];
}

/**
 * What a campaign costs in AWS per 100,000 participants, from the counted use of a local month
 * (state transitions, Lambda invocations and durations, DynamoDB request units, API requests,
 * SMS segments, call minutes) at the prices in bench/aws-prices.ts. Baseline measured in the
 * same run: the messaging and telephony cost, against which orchestration is compared.
 */
export const costModelBench: Benchmark = {
  name: "cost-model",
  description: `AWS cost per ${TARGET_PARTICIPANTS} participants from a ${CAMPAIGN_PARTICIPANTS}-participant local month, prices of ${AWS_PRICES.asOf}`,
  async run(): Promise<Figure[]> {
    const run = await campaignRun();
    const usage = usageOf(run);
    const cost = campaignCost(usage, TARGET_PARTICIPANTS);
    // The named baseline: the same population and seed, SMS only (as before WhatsApp).
    const smsOnlyRun = await campaignRun({ whatsapp: false });
    const smsOnly = campaignCost(usageOf(smsOnlyRun), TARGET_PARTICIPANTS);
    const scale = TARGET_PARTICIPANTS / usage.participants;
    return [
      { figure: "participants simulated", value: usage.participants, unit: "participants" },
      {
        figure: "DynamoDB write units per participant",
        value: usage.dynamo.writeRequestUnits / usage.participants,
        unit: "WRU",
      },
      usd("step functions", cost.stepFunctions),
      usd("lambda", cost.lambda),
      usd("dynamodb", cost.dynamoDb),
      usd("api gateway", cost.apiGateway),
      usd("orchestration", cost.orchestration),
      usd("messaging", cost.messaging),
      usd("sms", cost.sms),
      usd("whatsapp", cost.whatsapp),
      ...smsBillFigures(run, scale),
      usd("messaging sms-only run (baseline)", smsOnly.messaging),
      { figure: "messaging ratio vs sms-only run", value: cost.messaging / smsOnly.messaging, unit: "x" },
      {
        figure: "collected per 100k participants",
        value: Math.round(collected(run) * scale),
        unit: "IDR",
      },
      {
        figure: "collected ratio vs sms-only run",
        value: collected(run) / Math.max(1, collected(smsOnlyRun)),
        unit: "x",
      },
      { figure: "messaging ratio vs target", value: cost.messaging / MESSAGING_TARGET_USD, unit: "x" },
      ...reminderFigures(run, smsOnlyRun, scale),
      usd("connect", cost.connect),
      usd("messaging and telephony", cost.messagingAndTelephony),
      {
        figure: "orchestration ratio vs messaging and telephony",
        value: cost.orchestration / cost.messagingAndTelephony,
        unit: "x",
      },
      {
        figure: "orchestration ratio vs target",
        value: cost.orchestration / ORCHESTRATION_TARGET_USD,
        unit: "x",
      },
    ];
  },
};
