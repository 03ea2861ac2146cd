import { AWS_PRICES } from "./aws-prices";

/** What one local run consumed, counted as AWS bills it. */
export interface RunUsage {
  participants: number;
  /** Branch campaigns in the run (one execution of the campaign state machine each). */
  campaigns: number;
  /** Campaign state machine: mapping and SMS pages, calling-day plans, closing. */
  campaignTransitions: number;
  /** Dialing-day state machine: ticks, bounded per calling day, not per participant. */
  dialingDayTransitions: number;
  /** Per function: invocations, billed milliseconds, configured memory. */
  lambda: { name: string; invocations: number; ms: number; memoryMb: number; perCalendarDay: boolean }[];
  dynamo: { readRequestUnits: number; writeRequestUnits: number };
  apiRequests: number;
  smsSegments: number;
  /** WhatsApp templates delivered (what Meta bills), and every WhatsApp message sent or received (AWS's fee). */
  whatsappTemplatesDelivered: number;
  whatsappMessages: number;
  voiceMinutes: number;
}

export interface CostBreakdown {
  stepFunctions: number;
  lambda: number;
  dynamoDb: number;
  apiGateway: number;
  /** Step Functions + Lambda + DynamoDB + API Gateway. */
  orchestration: number;
  sms: number;
  whatsapp: number;
  /** SMS + WhatsApp: what reaching participants in writing costs. */
  messaging: number;
  connect: number;
  /** Messaging + Amazon Connect voice and telephony. */
  messagingAndTelephony: number;
}

/** The prices the model needs (bench/aws-prices.ts holds the current ones, with sources). */
export interface Prices {
  stepFunctions: { perTransition: number };
  lambda: { perGbSecond: number; perRequest: number };
  dynamoDb: { perWriteRequestUnit: number; perReadRequestUnit: number };
  apiGateway: { perRequest: number };
  sms: { perSegmentIndonesia: number };
  whatsapp: { perDeliveredUtilityTemplateIndonesia: number; awsPerMessage: number };
  connect: { voicePerMinute: number; outboundIndonesiaMobilePerMinute: number };
}

/** SMS per segment; WhatsApp per delivered template plus AWS's fee per message either way; times `scale`. */
export function messagingCost(
  usage: Pick<RunUsage, "smsSegments" | "whatsappTemplatesDelivered" | "whatsappMessages">,
  scale: number,
  prices: Pick<Prices, "sms" | "whatsapp"> = AWS_PRICES,
): { sms: number; whatsapp: number; messaging: number } {
  const sms = scale * usage.smsSegments * prices.sms.perSegmentIndonesia;
  const whatsapp =
    scale *
    (usage.whatsappTemplatesDelivered * prices.whatsapp.perDeliveredUtilityTemplateIndonesia +
      usage.whatsappMessages * prices.whatsapp.awsPerMessage);
  return { sms, whatsapp, messaging: sms + whatsapp };
}

/**
 * The cost of one campaign of `target` participants from a run of `usage.participants`:
 * what scales with participants (mapping, SMS, calls and their events, dispositions, payments,
 * DynamoDB) is scaled linearly; the dialing day's ticks, bounded per calling day and campaign,
 * count once per campaign (the run's average). Linear scaling of calls is an upper bound: with
 * the same agents a larger campaign makes no more calls a day.
 */
export function campaignCost(usage: RunUsage, target: number, prices: Prices = AWS_PRICES): CostBreakdown {
  const scale = target / usage.participants;
  const perCampaign = 1 / Math.max(1, usage.campaigns);
  const transitions = usage.campaignTransitions * scale + usage.dialingDayTransitions * perCampaign;
  const stepFunctions = transitions * prices.stepFunctions.perTransition;
  const lambda = usage.lambda.reduce((sum, f) => {
    const factor = f.perCalendarDay ? perCampaign : scale;
    const gbSeconds = (f.ms / 1000) * (f.memoryMb / 1024);
    return sum + factor * (f.invocations * prices.lambda.perRequest + gbSeconds * prices.lambda.perGbSecond);
  }, 0);
  const dynamoDb =
    scale *
    (usage.dynamo.readRequestUnits * prices.dynamoDb.perReadRequestUnit +
      usage.dynamo.writeRequestUnits * prices.dynamoDb.perWriteRequestUnit);
  const apiGateway = scale * usage.apiRequests * prices.apiGateway.perRequest;
  const { sms, whatsapp } = messagingCost(usage, scale, prices);
  const connect =
    scale *
    usage.voiceMinutes *
    (prices.connect.voicePerMinute + prices.connect.outboundIndonesiaMobilePerMinute);
  return {
    stepFunctions,
    lambda,
    dynamoDb,
    apiGateway,
    orchestration: stepFunctions + lambda + dynamoDb + apiGateway,
    sms,
    whatsapp,
    messaging: sms + whatsapp,
    connect,
    messagingAndTelephony: sms + whatsapp + connect,
  };
}
