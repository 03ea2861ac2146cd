import { Aws } from "aws-cdk-lib";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { CfnSchedule } from "aws-cdk-lib/aws-scheduler";
import { Construct } from "constructs";
import type { TelecollectConfig } from "../config";
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
 * One EventBridge Scheduler schedule per branch: on the configured day and time of every month,
 * in the branch's own time zone, it invokes start-campaign with `{"branchCode": …}`. Scheduler's
 * StartExecution target cannot name an execution per month, so start-campaign computes the
 * period in the branch's zone and starts `campaign-<branch>-<period>` (a second start is a no-op;
 * a failed run resumes as `-rN`). Disabled schedules are still deployed, so turning them on is a
 * config change, not new resources.
 */
export class Schedules extends Construct {
  readonly byBranch: Record<string, CfnSchedule> = {};

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const { schedule, branches } = props.config;
    const target = props.functions.get("startCampaign");
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
