import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { parser } from "@aws-lambda-powertools/parser/middleware";
import middy, { type MiddlewareObj } from "@middy/core";
import type { Context } from "aws-lambda";
import type { z } from "zod";
import { describeIssues, EVENT, type SchemaIssue } from "../../domain/validation";
import { FatalError } from "../../errors";
import { logger, metrics } from "./powertools";

/** The event did not match the handler's schema; the message names every bad field. */
export class InvalidEventError extends Error {
  override name = FatalError.InvalidEvent;
}

/** Turns the Powertools parser's ParseError into an InvalidEventError that says which field and why. */
const explainParseErrors = (): MiddlewareObj => ({
  onError: async (request) => {
    const error = request.error as (Error & { cause?: unknown }) | null;
    if (error?.name === "ParseError" && Array.isArray(error.cause)) {
      request.error = new InvalidEventError(
        `invalid event: ${describeIssues(error.cause as SchemaIssue[], EVENT)}`,
      );
    }
  },
});

/**
 * Flushes the invocation's metrics (EMF) when it recorded any; an invocation with nothing to
 * count (an idle dialer tick) writes nothing rather than Powertools' empty-metrics warning.
 */
export const flushMetrics = (): MiddlewareObj => {
  const flush = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    metrics.clearDimensions();
  };
  return { after: flush, onError: flush };
};

/** Every handler's stack: Powertools logger context, metrics flush, zod parsing with readable errors. */
export function lambdaHandler<S extends z.ZodType, R>(
  schema: S,
  handle: (event: z.output<S>, context: Context) => Promise<R>,
) {
  return middy(handle)
    .use(injectLambdaContext(logger))
    .use(flushMetrics())
    .use(explainParseErrors())
    .use(parser({ schema }));
}
