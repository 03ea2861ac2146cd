import { z } from "zod";
import { planCallingDay } from "../services/campaign-phases";
import { DynamoCaseCallStore } from "../store/case-calls";
import { campaignRef } from "./campaign-input";
import { type Dependencies, dependencies } from "./shared/dependencies";
import { lambdaHandler } from "./shared/lambda-handler";

const schema = z.object({
  ...campaignRef,
  afterDay: z.iso.date().nullish(),
});

/** Marking a broken promise is the dialer's write (no wake-up callback needed); one per composition root. */
const stores = new WeakMap<Dependencies, DynamoCaseCallStore>();

export const handler = lambdaHandler(schema, async (event) => {
  const deps = dependencies();
  let calls = stores.get(deps);
  if (!calls) {
    const { cases, interactions, limits } = deps.config.tables;
    calls = new DynamoCaseCallStore(
      deps.doc,
      { cases, interactions, limits },
      deps.config.interactionRetentionDays,
    );
    stores.set(deps, calls);
  }
  return planCallingDay({ ...deps, calls }, event);
});
