import { z } from "zod";
import { taskCallbacks } from "../channels/callbacks";
import { awaitAgent } from "../services/await-agent";
import { callDependencies } from "../services/call-outcome";
import { campaignRef } from "./campaign-input";
import { dependencies } from "./shared/dependencies";
import { lambdaHandler } from "./shared/lambda-handler";
import { logger } from "./shared/powertools";

/** Invoked by the dialing day's `.waitForTaskToken` task; the task resumes when a call ends. */
const schema = z.object({
  ...campaignRef,
  token: z.string().min(1).max(2_048),
  rosterVersion: z.int().min(0),
});

export const handler = lambdaHandler(schema, async (event) => {
  const deps = dependencies();
  return awaitAgent({ calls: callDependencies(deps, logger).calls, callbacks: taskCallbacks(deps) }, event);
});
