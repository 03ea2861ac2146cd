import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import middy, { type MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { type SecretSource, SecretUnavailableError } from "../channels/secrets/index";
import { maskParticipantId } from "../domain/masking";
import { isJsonMediaType, MAX_NOTICE_BYTES, type PaymentNotice, parsePaymentNotice } from "../domain/payment";
import {
  SIGNATURE_HEADER,
  type SignatureCheck,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
} from "../domain/webhook-signature";
import { type ApplyPaymentResult, applyPayment, PaymentNotAppliedError } from "../services/apply-payment";
import { dynamoPaymentStore } from "./shared/aws/payments";
import { secretsManagerWebhookSecrets } from "./shared/aws/webhook-secrets";
import { type NamedAdapters, ports } from "./shared/composition-root";
import { flushMetrics } from "./shared/lambda-handler";
import { logger, metrics } from "./shared/powertools";

export type WebhookResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): WebhookResponse => ({
  statusCode,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

/** The answers that say no more than their status: the same in AWS and locally. */
export const ANSWERS = {
  tooLarge: { error: "payload too large" },
  unsupportedMediaType: { error: "unsupported media type: send application/json" },
  unauthorized: { error: "unauthorized" },
} as const;

const STATUS_METRIC = {
  applied: "PaymentsApplied",
  duplicate: "PaymentsDuplicate",
  unmatched: "PaymentsUnmatched",
  conflict: "PaymentsConflicting",
} as const;

/** A signature no cached key matches re-reads the keys, at most this often: a rotation just happened. */
export const SECRET_REFRESH_MS = 30_000;

const adapters = {
  payments: dynamoPaymentStore,
  webhookSecret: secretsManagerWebhookSecrets,
} satisfies NamedAdapters;

const header = (event: APIGatewayProxyEventV2, name: string) =>
  event.headers[name] ?? Object.entries(event.headers).find(([k]) => k.toLowerCase() === name)?.[1];

/** The signature under the cached keys, then, if none matched, under keys read again. */
async function checkSignature(
  secretSource: SecretSource,
  event: APIGatewayProxyEventV2,
  rawBody: Buffer,
  now: Date,
): Promise<SignatureCheck> {
  const delivery = {
    timestamp: header(event, TIMESTAMP_HEADER),
    signature: header(event, SIGNATURE_HEADER),
    rawBody,
    now,
  };
  const secrets = await secretSource.webhookSecrets();
  const check = verifyWebhookSignature({ ...delivery, secrets });
  if (check.ok || check.reason !== "BAD_SIGNATURE") return check;
  const fresh = await secretSource.webhookSecrets({ maxAgeMs: SECRET_REFRESH_MS });
  const changed = fresh.length !== secrets.length || fresh.some((s, i) => s !== secrets[i]);
  return changed ? verifyWebhookSignature({ ...delivery, secrets: fresh }) : check;
}

/** `POST /payments`: limits first, then the signature, the body, and the payment applied once. */
async function paymentWebhook(event: APIGatewayProxyEventV2): Promise<WebhookResponse> {
  const p = ports(adapters);
  // The signature covers the bytes as sent, so the body is never re-serialised before checking.
  const rawBody = Buffer.from(event.body ?? "", event.isBase64Encoded ? "base64" : "utf8");
  if (rawBody.length > MAX_NOTICE_BYTES) {
    metrics.addMetric("PaymentWebhookTooLarge", MetricUnit.Count, 1);
    return json(413, ANSWERS.tooLarge);
  }
  if (!isJsonMediaType(header(event, "content-type"))) {
    metrics.addMetric("PaymentWebhookUnsupportedMediaType", MetricUnit.Count, 1);
    return json(415, ANSWERS.unsupportedMediaType);
  }
  const now = p.clock.now();
  const check = await checkSignature(p.webhookSecrets(), event, rawBody, now);
  if (!check.ok) {
    // The reason helps the channel's engineers and us, not someone probing: logs and metrics only.
    logger.warn("payment webhook refused", { reason: check.reason });
    metrics.addMetric("PaymentWebhookUnauthorized", MetricUnit.Count, 1);
    metrics
      .singleMetric()
      .addDimension("reason", check.reason)
      .addMetric("PaymentWebhookUnauthorizedByReason", MetricUnit.Count, 1);
    return json(401, ANSWERS.unauthorized);
  }
  // Counts deliveries still signed with the previous key: at 0, the rotation is complete.
  if (check.secretIndex > 0) metrics.addMetric("PaymentWebhookPreviousKey", MetricUnit.Count, 1);
  const parsed = parsePaymentNotice(rawBody.toString("utf8"), now, p.config.payments);
  if (!parsed.ok) {
    logger.warn("payment webhook body refused", { fields: parsed.fields.map((f) => f.field) });
    metrics.addMetric("PaymentWebhookInvalid", MetricUnit.Count, 1);
    return json(400, { error: "invalid body", fields: parsed.fields });
  }
  const { notice } = parsed;
  const result = await applyPayment({ payments: p.payments(), branches: p.branches, clock: p.clock }, notice);
  return answer(notice, result);
}

/** 200 with the status, or 409 for a conflict; logged with the card number masked. */
function answer(notice: PaymentNotice, result: ApplyPaymentResult): WebhookResponse {
  // Card numbers are personal data: masked, and the case id (which contains one) left out.
  const facts = {
    paymentId: notice.paymentId,
    participant: maskParticipantId(notice.participantId),
    amount: notice.amount,
    channel: notice.channel,
    status: result.status,
    casePaid: result.casePaid ?? false,
    promiseKept: result.promiseKept ?? false,
  };
  metrics.addMetric(STATUS_METRIC[result.status], MetricUnit.Count, 1);
  if (result.status === "conflict") {
    logger.warn("paymentId redelivered with other facts: refused, the first payment stands", {
      ...facts,
      conflictingFacts: result.conflictingFacts,
    });
    return json(409, { status: "conflict" });
  }
  logger.info("payment webhook", facts);
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
