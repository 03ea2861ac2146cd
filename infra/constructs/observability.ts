import { Duration } from "aws-cdk-lib";
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { StateMachine } from "aws-cdk-lib/aws-stepfunctions";
import { Construct } from "constructs";
import type { TelecollectConfig } from "../config";
import type { FunctionId } from "../function-catalog";
import { type Functions, METRICS_NAMESPACE, POWERTOOLS_SERVICE_NAME } from "./functions";
import type { PaymentApi } from "./payment-api";

/**
 * The business figures of a campaign, as the handlers emit them with Powertools (EMF): namespace
 * Telecollect, dimensions service=telecollect, branch=<code>, plus any listed here. Keyed by the
 * figure; `metricName` is what the handler emits.
 */
export const BRANCH_METRICS = {
  smsSent: { metricName: "SmsSent", label: "SMS sent", emittedBy: "send-sms" },
  callsStarted: { metricName: "CallsStarted", label: "Calls started", emittedBy: "dial-tick" },
  contacts: {
    metricName: "ContactsConnected",
    label: "Contacts (reached an agent)",
    emittedBy: "contact-events",
  },
  promises: {
    metricName: "Dispositions",
    dimensions: { disposition: "PROMISE_TO_PAY" },
    label: "Promises to pay",
    emittedBy: "record-disposition",
  },
  paymentsApplied: { metricName: "PaymentsApplied", label: "Payments applied", emittedBy: "payment-webhook" },
  amountCollected: {
    metricName: "AmountCollected",
    label: "Amount collected (Rp)",
    emittedBy: "close-campaign",
  },
} as const satisfies Record<
  string,
  { metricName: string; label: string; emittedBy: string; dimensions?: Record<string, string> }
>;

export type BranchFigure = keyof typeof BRANCH_METRICS;
export const BRANCH_FIGURES = Object.keys(BRANCH_METRICS) as BranchFigure[];

/** Failure modes that page the supervisors' topic. */
export type FailureMode =
  | `execution-failed:${string}`
  | `execution-timed-out:${string}`
  | `lambda-errors:${FunctionId}`
  | `lambda-throttles:${FunctionId}`
  | `dlq-depth:${FunctionId}`
  | "webhook-4xx"
  | "webhook-5xx"
  | "webhook-conflicts"
  | "whatsapp-events-undelivered";

export interface ObservabilityProps {
  config: TelecollectConfig;
  functions: Functions;
  stateMachines: Record<string, StateMachine>;
  paymentApi: PaymentApi;
  topic: ITopic;
  /** The WhatsApp events subscription's dead-letter queue, when WhatsApp is configured. */
  whatsAppEventsDeadLetterQueue?: IQueue;
}

/** A burst of refused webhooks (bad signatures, malformed bodies) worth a look. */
export const WEBHOOK_4XX_THRESHOLD = 10;

/**
 * The payment webhook's own counts (Powertools EMF, dimension service only): a paymentId
 * redelivered with another amount or participant (409), and refusals by kind.
 */
export const WEBHOOK_METRICS = {
  conflicts: "PaymentsConflicting",
  unauthorized: "PaymentWebhookUnauthorized",
  invalid: "PaymentWebhookInvalid",
  tooLarge: "PaymentWebhookTooLarge",
  unsupportedMediaType: "PaymentWebhookUnsupportedMediaType",
  previousKey: "PaymentWebhookPreviousKey",
} as const;

export function webhookMetric(metricName: string, period: Duration): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: POWERTOOLS_SERVICE_NAME },
    statistic: "Sum",
    period,
  });
}

export function branchMetric(branchCode: string, figure: BranchFigure, period: Duration): Metric {
  const m: { metricName: string; label: string; dimensions?: Record<string, string> } =
    BRANCH_METRICS[figure];
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: m.metricName,
    dimensionsMap: { service: POWERTOOLS_SERVICE_NAME, branch: branchCode, ...m.dimensions },
    statistic: "Sum",
    period,
    label: m.label,
  });
}

/**
 * A dashboard per branch with its campaign figures, one operations dashboard, and an alarm per
 * failure mode (failed or timed-out executions, Lambda errors and throttles, dead letters,
 * webhook 4xx/5xx spikes) to the supervisors' topic.
 */
export class Observability extends Construct {
  readonly branchDashboards: Record<string, Dashboard> = {};
  readonly operations: Dashboard;
  readonly alarms = new Map<FailureMode, Alarm>();

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const { config, functions, stateMachines, paymentApi, topic, whatsAppEventsDeadLetterQueue } = props;
    const action = new SnsAction(topic);
    const alarm = (mode: FailureMode, metric: IMetric, threshold: number, description: string) => {
      const a = new Alarm(this, `Alarm-${mode.replace(/[^A-Za-z0-9-]/g, "-")}`, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `telecollect (${config.stackName}): ${description}`,
      });
      a.addAlarmAction(action);
      this.alarms.set(mode, a);
      return a;
    };
    const fiveMinutes = Duration.minutes(5);

    for (const [name, machine] of Object.entries(stateMachines)) {
      alarm(
        `execution-failed:${name}`,
        machine.metricFailed({ period: fiveMinutes, statistic: "Sum" }),
        1,
        `a ${name} execution failed: see its execution history and the campaign's FAILED status`,
      );
      alarm(
        `execution-timed-out:${name}`,
        machine.metricTimedOut({ period: fiveMinutes, statistic: "Sum" }),
        1,
        `a ${name} execution timed out`,
      );
    }
    for (const f of functions.all()) {
      alarm(
        `lambda-errors:${f.id}`,
        f.fn.metricErrors({ period: fiveMinutes, statistic: "Sum" }),
        1,
        `${f.id} failed (Lambda Errors): see its log group`,
      );
      alarm(
        `lambda-throttles:${f.id}`,
        f.fn.metricThrottles({ period: fiveMinutes, statistic: "Sum" }),
        1,
        `${f.id} was throttled: account concurrency is exhausted`,
      );
      if (f.deadLetterQueue) {
        alarm(
          `dlq-depth:${f.id}`,
          f.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
            period: fiveMinutes,
            statistic: "Maximum",
          }),
          1,
          `${f.id} has dead letters: events or invocations that failed every retry; inspect and redrive them`,
        );
      }
    }
    alarm(
      "webhook-5xx",
      paymentApi.webhookRouteMetric("5xx", fiveMinutes),
      1,
      "the payment webhook answered 5xx: channels will redeliver, but look at payment-webhook's logs",
    );
    alarm(
      "webhook-4xx",
      paymentApi.webhookRouteMetric("4xx", fiveMinutes),
      WEBHOOK_4XX_THRESHOLD,
      `the payment webhook refused ${WEBHOOK_4XX_THRESHOLD}+ requests in 5 minutes (bad signatures or bodies: a channel's key or clock, or someone probing)`,
    );
    alarm(
      "webhook-conflicts",
      webhookMetric(WEBHOOK_METRICS.conflicts, fiveMinutes),
      1,
      "a payment channel redelivered a paymentId with another amount or participant (answered 409, the first payment kept): reconcile it with the channel; see payment-webhook's logs",
    );
    if (whatsAppEventsDeadLetterQueue) {
      alarm(
        "whatsapp-events-undelivered",
        whatsAppEventsDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: fiveMinutes,
          statistic: "Maximum",
        }),
        1,
        "SNS could not deliver WhatsApp events (statuses, replies) to messaging-events: inspect its dead-letter queue and redrive them",
      );
    }

    for (const branch of config.branches) {
      const dashboard = new Dashboard(this, `Branch${branch.code}`, {
        dashboardName: `${config.stackName}-${branch.code}`,
        start: "-P5W",
      });
      const hourly = (figure: BranchFigure) => branchMetric(branch.code, figure, Duration.hours(1));
      const daily = (figure: BranchFigure) => branchMetric(branch.code, figure, Duration.days(1));
      dashboard.addWidgets(
        new TextWidget({
          markdown: `# ${branch.name} (${branch.code})\nTime zone ${branch.timeZone}; ${branch.agentsOnShift} agents on shift. Figures over the selected time range.`,
          width: 24,
          height: 2,
        }),
      );
      dashboard.addWidgets(
        new SingleValueWidget({
          title: "Campaign totals (time range)",
          metrics: BRANCH_FIGURES.map(hourly),
          setPeriodToTimeRange: true,
          width: 24,
          height: 4,
        }),
      );
      dashboard.addWidgets(
        new GraphWidget({
          title: "Reminders and calls per hour",
          left: (["smsSent", "callsStarted", "contacts"] as const).map(hourly),
          width: 12,
        }),
        new GraphWidget({
          title: "Promises and payments per day",
          left: (["promises", "paymentsApplied"] as const).map(daily),
          right: [daily("amountCollected")],
          width: 12,
        }),
      );
      this.branchDashboards[branch.code] = dashboard;
    }

    this.operations = new Dashboard(this, "Operations", {
      dashboardName: `${config.stackName}-operations`,
      start: "-P1W",
    });
    this.operations.addWidgets(
      new GraphWidget({
        title: "Executions failed / timed out",
        left: Object.entries(stateMachines).flatMap(([name, m]) => [
          m.metricFailed({ label: `${name} failed` }),
          m.metricTimedOut({ label: `${name} timed out` }),
        ]),
        width: 12,
      }),
      new GraphWidget({
        title: "Payment webhook",
        left: [
          paymentApi.webhookRouteMetric("Count", fiveMinutes, "requests"),
          paymentApi.webhookRouteMetric("4xx", fiveMinutes, "4xx"),
          paymentApi.webhookRouteMetric("5xx", fiveMinutes, "5xx"),
        ],
        right: Object.values(WEBHOOK_METRICS).map((name) => webhookMetric(name, fiveMinutes)),
        width: 12,
      }),
      new GraphWidget({
        title: "Lambda errors",
        left: functions.all().map((f) => f.fn.metricErrors({ label: f.id })),
        width: 12,
      }),
      new GraphWidget({
        title: "Lambda throttles",
        left: functions.all().map((f) => f.fn.metricThrottles({ label: f.id })),
        width: 12,
      }),
      new GraphWidget({
        title: "Dead letters",
        left: functions
          .all()
          .filter((f) => f.deadLetterQueue)
          .map((f) => f.deadLetterQueue?.metricApproximateNumberOfMessagesVisible({ label: f.id }) as Metric),
        width: 24,
      }),
    );
  }
}
