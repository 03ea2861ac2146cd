import { describe, expect, it } from "vitest";
import { MAX_PAID_PER_CASE } from "../../functions/domain/money";
import { parseConfig } from "../../infra/config";
import { METRICS_NAMESPACE, POWERTOOLS_SERVICE_NAME } from "../../infra/constructs/functions";
import { WEBHOOK_METRICS } from "../../infra/constructs/observability";
import { defaultChildId, exampleConfig, exampleConfigInput, synthesize } from "./helpers";

// Non-default limits, to see them travel from the config to the function.
const config = exampleConfig({ payments: { maxAmount: 50_000_000, paidAtWindowDays: 200 } });
const { stack, template } = synthesize(config);

describe("payment webhook limits in the config", () => {
  it("default to Rp100.000.000 per payment and a 400-day paidAt window", () => {
    const input = exampleConfigInput();
    const { payments: _omitted, ...rest } = input;
    expect(parseConfig(rest, "test").payments).toMatchObject({
      maxAmount: 100_000_000,
      paidAtWindowDays: 400,
    });
    expect(exampleConfig().payments).toMatchObject({ maxAmount: 100_000_000, paidAtWindowDays: 400 });
  });

  it("refuse a maximum above what a case may be credited, or a window of 0 days", () => {
    expect(() => exampleConfig({ payments: { maxAmount: MAX_PAID_PER_CASE + 1 } })).toThrow(
      /payments\.maxAmount: must be at most 10000000000/,
    );
    expect(() => exampleConfig({ payments: { paidAtWindowDays: 0 } })).toThrow(/payments\.paidAtWindowDays/);
  });

  it("reach the webhook function's environment", () => {
    const fn =
      template.findResources("AWS::Lambda::Function")[
        defaultChildId(stack.functions.get("paymentWebhook").fn)
      ];
    expect(fn?.Properties.Environment.Variables).toMatchObject({
      PAYMENT_MAX_AMOUNT: "50000000",
      PAYMENT_PAID_AT_WINDOW_DAYS: "200",
    });
  });
});

describe("payment conflicts", () => {
  it("alarm to the supervisors' topic on the first paymentId redelivered with other facts", () => {
    const a = stack.observability.alarms.get("webhook-conflicts");
    expect(a).toBeDefined();
    const alarm =
      template.findResources("AWS::CloudWatch::Alarm")[defaultChildId(a as NonNullable<typeof a>)];
    expect(alarm?.Properties).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: "PaymentsConflicting",
      Dimensions: [{ Name: "service", Value: POWERTOOLS_SERVICE_NAME }],
      Statistic: "Sum",
      Period: 300,
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      TreatMissingData: "notBreaching",
      AlarmActions: [{ Ref: defaultChildId(stack.sms.supervisorsTopic) }],
    });
    expect(WEBHOOK_METRICS.conflicts).toBe("PaymentsConflicting");
  });
});
