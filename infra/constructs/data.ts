import { RemovalPolicy } from "aws-cdk-lib";
import {
  AttributeType,
  Billing,
  type ITableV2,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
} from "aws-cdk-lib/aws-dynamodb";
import { Key } from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";
import type { TableNames } from "../../functions/contracts";
import {
  ALL_TABLES,
  type IndexSchema,
  type KeyAttribute,
  type TableName,
} from "../../functions/store/schemas";

export interface DataProps {
  removalPolicy: RemovalPolicy;
}

const attribute = (key: KeyAttribute) => ({
  name: key.name,
  type: key.type === "S" ? AttributeType.STRING : AttributeType.NUMBER,
});

function projection(index: IndexSchema) {
  if (index.projection === "ALL") return { projectionType: ProjectionType.ALL };
  if (index.projection === "KEYS_ONLY") return { projectionType: ProjectionType.KEYS_ONLY };
  return { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] };
}

/** The tables, built from the store's schemas (the same ones the local runtime creates). */
export class Data extends Construct {
  readonly key: Key;
  readonly tables: Record<TableName, ITableV2>;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    this.key = new Key(this, "TableKey", {
      description: "Encrypts telecollect's tables: participants' personal and financial data (UU 27/2022)",
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    const tables: Partial<Record<TableName, ITableV2>> = {};
    for (const schema of ALL_TABLES) {
      tables[schema.name] = new TableV2(this, pascal(schema.name), {
        partitionKey: attribute(schema.partitionKey),
        ...(schema.sortKey ? { sortKey: attribute(schema.sortKey) } : {}),
        billing: Billing.onDemand(),
        encryption: TableEncryptionV2.customerManagedKey(this.key),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: props.removalPolicy !== RemovalPolicy.DESTROY,
        removalPolicy: props.removalPolicy,
        timeToLiveAttribute: schema.timeToLiveAttribute,
        globalSecondaryIndexes: schema.globalSecondaryIndexes.map((index) => ({
          indexName: index.indexName,
          partitionKey: attribute(index.partitionKey),
          ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
          ...projection(index),
        })),
      });
    }
    this.tables = tables as Record<TableName, ITableV2>;
  }

  tableNames(): TableNames {
    const names = Object.fromEntries(
      Object.entries(this.tables).map(([name, table]) => [name, table.tableName]),
    );
    return names as TableNames;
  }
}

const pascal = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}Table`;
