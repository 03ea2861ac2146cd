/**
 * The public AWS prices the cost model uses, in one place, with their date and source. Update
 * them here (and the date) when AWS changes a price; nothing else holds a price.
 *
 * Orchestration prices are us-east-1 list prices, from the page each `source` names. The stack runs
 * in ap-southeast-1 (Singapore, next to Amazon Connect), where some of them are higher: check
 * the pricing pages before quoting a budget. `assumed` marks a figure we could not read from a
 * pricing page offline (per-country SMS and telephony rates): treat it as an estimate.
 */
export const AWS_PRICES = {
  asOf: "2026-11-26",
  region: "us-east-1 list prices (deploy region ap-southeast-1: verify)",
  stepFunctions: {
    /** Standard workflows, per state transition (retries count). */
    perTransition: 0.025 / 1000,
    source: "https://aws.amazon.com/step-functions/pricing/",
  },
  lambda: {
    /** arm64, per GB-second of billed duration (1 ms granularity). */
    perGbSecond: 0.0000133334,
    perRequest: 0.2 / 1_000_000,
    source: "https://aws.amazon.com/lambda/pricing/",
  },
  dynamoDb: {
    /** On-demand, after the November 2024 price cut. */
    perWriteRequestUnit: 0.625 / 1_000_000,
    perReadRequestUnit: 0.125 / 1_000_000,
    source: "https://aws.amazon.com/dynamodb/pricing/on-demand/",
  },
  apiGateway: {
    /** HTTP API, first 300 million requests a month. */
    perRequest: 1.0 / 1_000_000,
    source: "https://aws.amazon.com/api-gateway/pricing/",
  },
  eventBridge: {
    /** Amazon Connect's contact events are AWS service events on the default bus: free. */
    perServiceEvent: 0,
    source: "https://aws.amazon.com/eventbridge/pricing/",
  },
  sms: {
    /** Per message part (segment) sent to an Indonesian number, transactional, sender id. */
    perSegmentIndonesia: 0.3,
    assumed: true,
    source: "https://aws.amazon.com/end-user-messaging/pricing/ (Indonesia row)",
  },
  whatsapp: {
    /** Meta's rate per delivered utility template to an Indonesian number (replies in the 24-hour window are free). */
    perDeliveredUtilityTemplateIndonesia: 0.02,
    /** AWS End User Messaging Social's own fee per WhatsApp message sent or received. */
    awsPerMessage: 0.005,
    assumed: true,
    source:
      "https://developers.facebook.com/docs/whatsapp/pricing/ (Indonesia, utility) and https://aws.amazon.com/end-user-messaging/pricing/ (Social messaging)",
  },
  connect: {
    /** Amazon Connect voice usage, per minute, billed per second after the first 10. */
    voicePerMinute: 0.018,
    /** Outbound telephony from the Singapore instance to Indonesian mobiles, per minute. */
    outboundIndonesiaMobilePerMinute: 0.1,
    assumed: true,
    source: "https://aws.amazon.com/connect/pricing/ (telephony, Indonesia)",
  },
} as const;
