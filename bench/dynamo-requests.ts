import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** Counts the DynamoDB requests a client sends, by operation, for the per-participant figures. */
export function countRequests(doc: DynamoDBDocumentClient): { total(): number; reset(): void } {
  let count = 0;
  doc.middlewareStack.add(
    (next) => async (args) => {
      count++;
      return next(args);
    },
    { step: "finalizeRequest", name: "benchRequestCounter" },
  );
  return {
    total: () => count,
    reset: () => {
      count = 0;
    },
  };
}
