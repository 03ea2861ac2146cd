import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";

export type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R>;

export interface InvokeOptions {
  functionName: string;
  /** The Lambda timeout the deployed function has; the handler sees it through the context. */
  timeoutMs?: number;
}

/** The function being invoked, for what it does to be attributed to it (local/dynamo-access.ts). */
const invokedFunction = new AsyncLocalStorage<string>();

/** The name of the function whose invocation this code runs in, if any. */
export const invokedFunctionName = (): string | undefined => invokedFunction.getStore();

/** Invokes a handler in-process with a Lambda-shaped context, as the Lambda service would. */
export async function invokeLocally<E, R>(
  handler: LambdaHandler<E, R>,
  event: E,
  options: InvokeOptions,
): Promise<R> {
  const timeoutMs = options.timeoutMs ?? 900_000;
  const deadline = Date.now() + timeoutMs;
  const context: Context = {
    callbackWaitsForEmptyEventLoop: false,
    functionName: options.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${options.functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  // Handlers (and the middy stack) must not mutate the caller's event.
  return invokedFunction.run(options.functionName, () => handler(structuredClone(event), context));
}
