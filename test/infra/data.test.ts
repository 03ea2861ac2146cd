import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { ALL_TABLES } from "../../functions/store/schemas";
import { tableOutputName } from "../../infra/stack";
import { exampleConfig, referencedIds, synthesize } from "./helpers";

describe("data construct", () => {
  const { stack, template } = synthesize();

  it("deploys one table per store schema, keyed and indexed exactly as the schema says", () => {
    template.resourceCountIs("AWS::DynamoDB::GlobalTable", ALL_TABLES.length);
    for (const schema of ALL_TABLES) {
      template.hasResourceProperties("AWS::DynamoDB::GlobalTable", {
        KeySchema: [
          { AttributeName: schema.partitionKey.name, KeyType: "HASH" },
          ...(schema.sortKey ? [{ AttributeName: schema.sortKey.name, KeyType: "RANGE" }] : []),
        ],
        ...(schema.globalSecondaryIndexes.length > 0
          ? {
              GlobalSecondaryIndexes: schema.globalSecondaryIndexes.map((index) =>
                Match.objectLike({
                  IndexName: index.indexName,
                  KeySchema: [
                    { AttributeName: index.partitionKey.name, KeyType: "HASH" },
                    ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: "RANGE" }] : []),
                  ],
                }),
              ),
            }
          : {}),
      });
    }
  });

  it("turns DynamoDB TTL on expiresAt on every table, so no item is kept past its retention", () => {
    const tables = Object.values(template.findResources("AWS::DynamoDB::GlobalTable"));
    expect(tables).toHaveLength(ALL_TABLES.length);
    for (const table of tables) {
      expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: "expiresAt", Enabled: true });
    }
  });

  it("encrypts every table with the customer-managed key, with PITR and deletion protection", () => {
    const keyId = stack.getLogicalId(stack.data.key.node.defaultChild as never);
    const tables = template.findResources("AWS::DynamoDB::GlobalTable");
    expect(Object.keys(tables)).toHaveLength(ALL_TABLES.length);
    for (const table of Object.values(tables)) {
      expect(table.Properties.BillingMode).toBe("PAY_PER_REQUEST");
      expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: "KMS" });
      const replica = table.Properties.Replicas[0];
      expect(referencedIds(replica.SSESpecification.KMSMasterKeyId)).toEqual([keyId]);
      expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(replica.DeletionProtectionEnabled).toBe(true);
      expect(table.DeletionPolicy).toBe("Retain");
    }
    template.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
  });

  it("outputs every table's name for the CLI", () => {
    const outputs = template.findOutputs("*");
    for (const schema of ALL_TABLES) expect(outputs[tableOutputName(schema.name)]).toBeDefined();
  });

  it("with removalPolicy destroy, tables can be deleted (for throwaway test deployments)", () => {
    const { template: t } = synthesize(exampleConfig({ removalPolicy: "destroy", stackName: "Throwaway" }));
    for (const table of Object.values(t.findResources("AWS::DynamoDB::GlobalTable"))) {
      expect(table.DeletionPolicy).toBe("Delete");
      expect(table.Properties.Replicas[0].DeletionProtectionEnabled).toBe(false);
    }
  });
});
