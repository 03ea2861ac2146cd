import { stepFunctionsExecutions, stepFunctionsStops } from "./shared/aws/campaign-executions";
import { s3SnapshotUploads } from "./shared/aws/snapshots";
import { type NamedAdapters, ports } from "./shared/composition-root";
import { lambdaHandler } from "./shared/lambda-handler";
import { answerApiRequest, apiEventSchema } from "./shared/supervisor-api/router";

const adapters = {
  campaignExecutions: stepFunctionsExecutions,
  campaignStops: stepFunctionsStops,
  snapshotUploads: s3SnapshotUploads,
} satisfies NamedAdapters;

/** The supervisor API behind the HTTP API's JWT authorizer (docs/console.md). */
export const handler = lambdaHandler(apiEventSchema, (event) => answerApiRequest(event, ports(adapters)));
