import { z } from "zod";
import { planCallingDay } from "../services/campaign-phases";
import { campaignRef } from "./campaign-input";
import { ports } from "./shared/composition-root";
import { kaderHandoffOf } from "./shared/kader-handoff";
import { lambdaHandler } from "./shared/lambda-handler";

const schema = z.object({
  ...campaignRef,
  afterDay: z.iso.date().nullish(),
});

export const handler = lambdaHandler(schema, async (event) => {
  // Marking a broken promise is the dialer's own write (ports.calls).
  const p = ports();
  return planCallingDay({ ...p, handOff: kaderHandoffOf(p) }, event);
});
