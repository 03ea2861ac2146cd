import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";

/** One logger, metrics and tracer for every handler, as Powertools' examples/app does. */
const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? "telecollect";

export const logger = new Logger({ serviceName });
export const metrics = new Metrics({
  serviceName,
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? "Telecollect",
});
export const tracer = new Tracer({ serviceName });
