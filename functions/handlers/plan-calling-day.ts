import { z } from "zod";
import { planCallingDay } from "../services/campaign-phases";
import { DynamoCaseCallStore } from "../store/case-calls";
import { campaignRef } from "./campaign-input";
import { dependencies } from "./shared/dependencies";
import { lambdaHandler } from "./shared/lambda-handler";

const schema = z.object({
  ...campaignRef,
  afterDay: z.iso.date().nullish(),
});

/** Marking a broken promise is the dialer's write; it needs no wake-up callback here. */
let calls: DynamoCaseCallStore | undefined;

export const handler = lambdaHandler(schema, async (event) => {
  const deps = dependencies();
  const { cases, interactions, limits } = deps.config.tables;
  calls ??= new DynamoCaseCallStore(
    deps.doc,
    { cases, interactions, limits },
    deps.config.interactionRetentionDays,
  );
  return planCallingDay({ ...deps, calls }, event);
});
