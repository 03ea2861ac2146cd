import { MetricUnit } from "@aws-lambda-powertools/metrics";
import {
  branchCodeOfCase,
  type ConnectFlowResult,
  dispositionInputSchema,
  fromConnectEvent,
  recordDispositionEventSchema,
  recordedResult,
  rejectedResult,
} from "../domain/disposition";
import { describeIssues, EVENT, fieldIssues } from "../domain/validation";
import {
  CaseNotFoundError,
  DispositionRejectedError,
  type RecordDispositionInput,
  type RecordDispositionResult,
  recordDisposition,
} from "../services/record-disposition";
import { connectDialer } from "./shared/aws/dialer";
import { snsSmsSender } from "./shared/aws/sms";
import { socialMessagingWhatsAppSender } from "./shared/aws/whatsapp";
import { type NamedAdapters, ports } from "./shared/composition-root";
import { freeingDependencies } from "./shared/dialing";
import { followUpDependencies } from "./shared/follow-ups";
import { lambdaHandler } from "./shared/lambda-handler";
import { logger, metrics } from "./shared/powertools";

export { dispositionInputSchema as recordDispositionInputSchema } from "../domain/disposition";

/** The freed agent's next call (dialer) and the information the participant asked for (WhatsApp or SMS). */
const adapters = {
  dialer: connectDialer,
  sms: snsSmsSender,
  whatsapp: socialMessagingWhatsAppSender,
} satisfies NamedAdapters;

async function record(input: RecordDispositionInput): Promise<RecordDispositionResult> {
  const p = ports(adapters);
  const result = await recordDisposition(
    freeingDependencies(p, logger),
    {
      participants: p.participants,
      messaging: followUpDependencies(p),
      status: { profiles: p.profiles, audit: p.participantAudit },
    },
    input,
  );
  metrics.addDimension("disposition", input.code);
  metrics.addMetric("Dispositions", MetricUnit.Count, 1);
  return result;
}

/**
 * The agent's disposition after a call: from the step-by-step guide (a Connect flow event, answered
 * with a flat string map the guide shows: RECORDED, or REJECTED with what to correct; a callback
 * time without offset is read in the case's branch zone), or direct
 * (the CLI, the local runtime: a rejected disposition throws). Either way nothing is written for a
 * rejected one; any other failure throws, so the flow's error branch tells the agent to retry.
 */
export const handler = lambdaHandler(
  recordDispositionEventSchema,
  async (event): Promise<RecordDispositionResult | ConnectFlowResult> => {
    if (event.source === "DIRECT") {
      const { source: _source, ...input } = event;
      return record(input);
    }
    const branches = ports(adapters).branches;
    const timeZoneOf = (code: string) => branches.get(code)?.timeZone;
    const input = fromConnectEvent(event, timeZoneOf);
    const parsed = dispositionInputSchema.safeParse(input);
    if (!parsed.success) {
      logger.info("disposition rejected", {
        issues: fieldIssues(parsed.error.issues, EVENT).map((i) => i.field),
      });
      return rejectedResult(describeIssues(parsed.error.issues, EVENT));
    }
    try {
      const result = await record(parsed.data);
      return recordedResult(result, timeZoneOf(branchCodeOfCase(result.caseId)));
    } catch (error) {
      if (error instanceof DispositionRejectedError || error instanceof CaseNotFoundError) {
        logger.info("disposition rejected", { reason: error.name });
        return rejectedResult(error.message.replace(/^invalid disposition: /, ""));
      }
      throw error;
    }
  },
);
