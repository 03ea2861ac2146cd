import { SFNClient } from "@aws-sdk/client-sfn";
import { StepFunctionsCampaignExecutions } from "../../../channels/workflows/step-functions";
import type { BuildContext } from "../composition-root";
import { settings } from "./settings";

export const stepFunctionsExecutions = ({ config }: BuildContext) =>
  new StepFunctionsCampaignExecutions(
    new SFNClient({}),
    settings(config.channels.campaignStateMachineArn, "campaignExecutions"),
  );

/** The same client, for the functions the stack lets stop executions. */
export const stepFunctionsStops = ({ config }: BuildContext) =>
  new StepFunctionsCampaignExecutions(
    new SFNClient({}),
    settings(config.channels.campaignStateMachineArn, "campaignStops"),
  );
