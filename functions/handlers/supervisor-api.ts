import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";

/** The supervisor API (docs/console.md). Being built: answers 501 for now. */
export async function handler(_event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  return {
    statusCode: 501,
    headers: { "content-type": "application/json" },
    body: '{"error":"NotImplemented"}',
  };
}
