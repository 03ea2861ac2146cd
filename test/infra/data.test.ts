import { App, Validations } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { describe, expect, it } from "vitest";
import { ALL_TABLES } from "../../functions/store/schemas";
import { TelecollectStack } from "../../infra/stack";

function synth() {
  const app = new App({ context: { "aws:cdk:bundling-stacks": [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new TelecollectStack(app, "Test", { env: { region: "ap-southeast-1" } });
  return { app, template: Template.fromStack(stack) };
}

describe("data construct", () => {
  const { app, template } = synth();

  it("deploys one table per store schema, keyed and indexed exactly as the schema says", () => {
    template.resourceCountIs("AWS::DynamoDB::GlobalTable", ALL_TABLES.length);
    for (const schema of ALL_TABLES) {
      template.hasResourceProperties("AWS::DynamoDB::GlobalTable", {
        KeySchema: [
          { AttributeName: schema.partitionKey.name, KeyType: "HASH" },
          ...(schema.sortKey ? [{ AttributeName: schema.sortKey.name, KeyType: "RANGE" }] : []),
        ],
        GlobalSecondaryIndexes: schema.globalSecondaryIndexes.map((index) =>
          Match.objectLike({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey.name, KeyType: "HASH" },
              ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: "RANGE" }] : []),
            ],
          }),
        ),
        ...(schema.timeToLiveAttribute
          ? { TimeToLiveSpecification: { AttributeName: schema.timeToLiveAttribute, Enabled: true } }
          : {}),
      });
    }
  });

  it("encrypts every table with the customer-managed key, with PITR and deletion protection", () => {
    const tables = template.findResources("AWS::DynamoDB::GlobalTable");
    for (const table of Object.values(tables)) {
      expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: "KMS" });
      const replica = table.Properties.Replicas[0];
      expect(replica.SSESpecification.KMSMasterKeyId).toBeDefined();
      expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(replica.DeletionProtectionEnabled).toBe(true);
      expect(table.DeletionPolicy).toBe("Retain");
    }
    template.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
  });

  it("passes the cdk-nag AwsSolutions checks", () => {
    expect(() => app.synth()).not.toThrow();
  });
});
