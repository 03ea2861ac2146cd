import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import middy, { type MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { webhookSecrets } from "../channels/secrets/config";
import { SecretUnavailableError } from "../channels/secrets/index";
import { maskParticipantId } from "../domain/masking";
import { parsePaymentNotice } from "../domain/payment";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from "../domain/webhook-signature";
import { applyPayment, PaymentNotAppliedError } from "../services/apply-payment";
import { DynamoPaymentStore } from "../store/payments";
import { type Dependencies, dependencies } from "./shared/dependencies";
import { flushMetrics } from "./shared/lambda-handler";
import { logger, metrics } from "./shared/powertools";

export type WebhookResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): WebhookResponse => ({
  statusCode,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

const STATUS_METRIC = {
  applied: "PaymentsApplied",
  duplicate: "PaymentsDuplicate",
  unmatched: "PaymentsUnmatched",
} as const;

// One store per dependency set: overrideDependencies() in tests and locally builds a new one.
const stores = new WeakMap<Dependencies, DynamoPaymentStore>();
function paymentStore(deps: Dependencies): DynamoPaymentStore {
  let store = stores.get(deps);
  if (!store) {
    const { tables, interactionRetentionDays } = deps.config;
    store = new DynamoPaymentStore(deps.doc, tables, interactionRetentionDays);
    stores.set(deps, store);
  }
  return store;
}

/** `POST /payments`: verify the signature, parse the body, apply the payment once. */
async function paymentWebhook(event: APIGatewayProxyEventV2): Promise<WebhookResponse> {
  const deps = dependencies();
  // The signature covers the bytes as sent, so the body is never re-serialised before checking.
  const rawBody = Buffer.from(event.body ?? "", event.isBase64Encoded ? "base64" : "utf8");
  const now = deps.clock.now();
  const check = verifyWebhookSignature({
    secret: await webhookSecrets().webhookSecret(),
    timestamp: event.headers[TIMESTAMP_HEADER],
    signature: event.headers[SIGNATURE_HEADER],
    rawBody,
    now,
  });
  if (!check.ok) {
    logger.warn("payment webhook refused", { reason: check.reason });
    metrics.addMetric("PaymentWebhookUnauthorized", MetricUnit.Count, 1);
    return json(401, { error: "invalid signature", reason: check.reason });
  }
  const parsed = parsePaymentNotice(rawBody.toString("utf8"), now);
  if (!parsed.ok) {
    logger.warn("payment webhook body refused", { fields: parsed.fields.map((f) => f.field) });
    metrics.addMetric("PaymentWebhookInvalid", MetricUnit.Count, 1);
    return json(400, { error: "invalid body", fields: parsed.fields });
  }
  const { notice } = parsed;
  const result = await applyPayment(
    { payments: paymentStore(deps), branches: deps.branches, clock: deps.clock },
    notice,
  );
  // Card numbers are personal data: masked, and the case id (which contains one) left out.
  const facts = {
    paymentId: notice.paymentId,
    participant: maskParticipantId(notice.participantId),
    amount: notice.amount,
    channel: notice.channel,
    status: result.status,
    conflicting: result.conflicting ?? false,
    casePaid: result.casePaid ?? false,
    promiseKept: result.promiseKept ?? false,
  };
  if (result.conflicting) logger.warn("duplicate paymentId with different content", facts);
  else logger.info("payment webhook", facts);
  metrics.addMetric(STATUS_METRIC[result.status], MetricUnit.Count, 1);
  return json(200, { status: result.status });
}

/** Anything unexpected answers 5xx (the channel redelivers), after logging it. */
const answerFailures = (): MiddlewareObj<APIGatewayProxyEventV2, WebhookResponse> => ({
  onError: async (request) => {
    const error = request.error;
    logger.error("payment webhook failed", error as Error);
    const transient = error instanceof PaymentNotAppliedError || error instanceof SecretUnavailableError;
    request.response = transient
      ? json(503, { error: "temporarily unavailable, retry" }, { "retry-after": "5" })
      : json(500, { error: "internal error, retry" });
  },
});

export const handler = middy<APIGatewayProxyEventV2, WebhookResponse>(paymentWebhook)
  .use(injectLambdaContext(logger))
  .use(flushMetrics())
  .use(answerFailures());
