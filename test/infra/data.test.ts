import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { loadRuntimeConfig } from "../../functions/config";
import { prefixedTableNames, tableEnvironment } from "../../functions/contracts";
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

describe("retention set by the deployment", () => {
  it("hands each function the configured days, which the handlers then keep items for", () => {
    const config = exampleConfig({ retentionDays: { participants: 90, cases: 2555 } });
    const { template: t } = synthesize(config);
    for (const fn of Object.values(t.findResources("AWS::Lambda::Function"))) {
      const env = fn.Properties.Environment?.Variables;
      if (!env?.CASES_TABLE) continue;
      expect(env).toMatchObject({ PARTICIPANT_RETENTION_DAYS: "90", CASE_RETENTION_DAYS: "2555" });
      expect(env.PAYMENT_RETENTION_DAYS).toBeUndefined();
      // The template's table names are references; the handlers get names in their place.
      const runtime = loadRuntimeConfig({
        ...env,
        ...tableEnvironment(prefixedTableNames("t-")),
        BRANCHES: undefined,
        SUPERVISOR_USER_POOL_CLIENT_ID: undefined,
      });
      expect(runtime.retention).toMatchObject({
        participants: 90,
        cases: 2555,
        campaigns: 2555,
        payments: 3650,
      });
    }
  });

  it("refuses a period the system cannot live with, naming the setting, as the handlers would", () => {
    expect(() => exampleConfig({ retentionDays: { cases: 10, payments: 5000 } })).toThrow(
      /retentionDays\.cases: must be at least 35 days: a campaign runs for a month.*retentionDays\.payments: must be at most 3660 days/s,
    );
    expect(() => exampleConfig({ retentionDays: { audit: 30 } })).toThrow(/audit/);
  });
});
