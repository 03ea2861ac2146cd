import { Annotations, Aws } from "aws-cdk-lib";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { CfnSchedule } from "aws-cdk-lib/aws-scheduler";
import { Construct } from "constructs";
import type { Branch } from "../../functions/domain/branches";
import { checkCampaignStart } from "../../functions/domain/campaign-start-rule";
import { localDate, localInstant, minutesOfClock } from "../../functions/domain/local-time";
import { addMonths, periodOf } from "../../functions/domain/period";
import { campaignStrategyOf, type TelecollectConfig } from "../config";
import type { Functions } from "./functions";

export interface SchedulesProps {
  config: TelecollectConfig;
  functions: Functions;
}

/** `cron(minutes hours day-of-month month day-of-week year)` of EventBridge Scheduler. */
export function monthlyCron(dayOfMonth: number, time: string): string {
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return `cron(${minutes} ${hours} ${dayOfMonth} * ? *)`;
}

/**
 * The months, of the `months` from the one `from` falls in, whose scheduled start the branch's
 * start-campaign would refuse (checkCampaignStart: no calling day left after the grace days).
 */
export function refusedScheduledMonths(
  branch: Pick<Branch, "code" | "timeZone" | "contactWindow">,
  schedule: { dayOfMonth: number; time: string },
  from: Date,
  graceDays: number,
  months = 24,
): string[] {
  const refused: string[] = [];
  for (let i = 0; i < months; i++) {
    const period = addMonths(periodOf(localDate(from, "UTC")), i);
    const day = `${period}-${String(schedule.dayOfMonth).padStart(2, "0")}`;
    const now = localInstant(day, minutesOfClock(schedule.time), branch.timeZone);
    const check = checkCampaignStart({ branch, period, graceDays, now });
    if (!check.ok) refused.push(period);
  }
  return refused;
}

/**
 * One EventBridge Scheduler schedule per branch: on the configured day and time of every month,
 * in the branch's own time zone, it invokes start-campaign with `{"branchCode": …}`. Scheduler's
 * StartExecution target cannot name an execution per month, so start-campaign computes the
 * period in the branch's zone and starts `campaign-<branch>-<period>` (a second start is a no-op;
 * a failed run resumes as `-rN`), or refuses a month with no calling day left, as `campaign
 * start` does (the invocation fails, the errors alarm pages). Synth warns when the configured day
 * would be refused in a coming month. Disabled schedules are still deployed, so turning them on
 * is a config change, not new resources.
 */
export class Schedules extends Construct {
  readonly byBranch: Record<string, CfnSchedule> = {};

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const { schedule, branches } = props.config;
    const target = props.functions.get("startCampaign");
    const { graceDays } = campaignStrategyOf(props.config);
    const role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": Aws.ACCOUNT_ID } },
      }),
      description: "EventBridge Scheduler: invokes start-campaign, dead letters to its queue",
    });
    role.addToPolicy(
      new PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [target.fn.functionArn] }),
    );
    if (target.deadLetterQueue) {
      role.addToPolicy(
        new PolicyStatement({ actions: ["sqs:SendMessage"], resources: [target.deadLetterQueue.queueArn] }),
      );
    }
    for (const branch of branches) {
      const refused = refusedScheduledMonths(branch, schedule, new Date(), graceDays);
      if (refused.length > 0) {
        Annotations.of(this).addWarningV2(
          `telecollect:schedule-refused-${branch.code}`,
          `${branch.code}: a start on day ${schedule.dayOfMonth} at ${schedule.time} leaves no calling day in ${refused.join(", ")}: start-campaign will refuse those months (schedule.dayOfMonth)`,
        );
      }
      this.byBranch[branch.code] = new CfnSchedule(this, `Start${branch.code}`, {
        description: `Starts ${branch.name}'s monthly telecollecting campaign (campaign-${branch.code}-<YYYY-MM>)`,
        scheduleExpression: monthlyCron(schedule.dayOfMonth, schedule.time),
        scheduleExpressionTimezone: branch.timeZone,
        flexibleTimeWindow: { mode: "OFF" },
        state: schedule.enabled ? "ENABLED" : "DISABLED",
        target: {
          arn: target.fn.functionArn,
          roleArn: role.roleArn,
          input: JSON.stringify({ branchCode: branch.code }),
          retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 6 * 3600 },
          ...(target.deadLetterQueue ? { deadLetterConfig: { arn: target.deadLetterQueue.queueArn } } : {}),
        },
      });
    }
  }
}
