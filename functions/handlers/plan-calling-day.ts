import { z } from "zod";
import { planCallingDay } from "../services/campaign-phases";
import { campaignRef } from "./campaign-input";
import { dependencies } from "./shared/dependencies";
import { lambdaHandler } from "./shared/lambda-handler";

const schema = z.object({
  ...campaignRef,
  afterDay: z.iso.date().nullish(),
});

export const handler = lambdaHandler(schema, async (event) => {
  const deps = dependencies();
  // Marking a broken promise is the dialer's own write (deps.calls).
  return planCallingDay(deps, event);
});
