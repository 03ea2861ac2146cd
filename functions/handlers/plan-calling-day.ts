import { z } from "zod";
import { caseCallStore } from "../services/call-outcome";
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
  // Marking a broken promise is the dialer's own write.
  return planCallingDay({ ...deps, calls: caseCallStore(deps) }, event);
});
