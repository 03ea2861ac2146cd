import type { TestProject } from "vitest/node";
import { type LocalDynamo, startLocalDynamo } from "../local/dynamodb";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

let dynamo: LocalDynamo | undefined;

/** DynamoDB Local for the vitest projects that list this file (vitest.config.ts); never for unit. */
export async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  dynamo = await startLocalDynamo();
  project.provide("dynamoEndpoint", dynamo.endpoint);
}

export async function teardown() {
  await dynamo?.stop();
}
