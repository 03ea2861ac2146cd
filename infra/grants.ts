import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import { type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { TABLE_SCHEMAS, type TableName } from "../functions/store/schemas";
import type { TableAccess } from "./function-catalog";

/**
 * Least-privilege DynamoDB grants: named actions (no `dynamodb:*`), on the table and on each of its
 * indexes by name (no `index/*`), and the customer-managed key's actions spelled out.
 * TransactWriteItems needs no action of its own: it is authorised per item (Put/Update/ConditionCheck).
 */
export const TABLE_READ_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:ConditionCheckItem",
  "dynamodb:DescribeTable",
] as const;

export const TABLE_WRITE_ACTIONS = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
] as const;

/** What DynamoDB needs from a caller to use a table encrypted with a customer-managed key. */
export const KEY_READ_ACTIONS = ["kms:Decrypt", "kms:DescribeKey"] as const;
export const KEY_WRITE_ACTIONS = [
  ...KEY_READ_ACTIONS,
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
] as const;

export function grantTable(
  grantee: IGrantable,
  name: TableName,
  table: ITableV2,
  key: IKey,
  access: TableAccess,
): void {
  const indexes = TABLE_SCHEMAS[name].globalSecondaryIndexes.map(
    (index) => `${table.tableArn}/index/${index.indexName}`,
  );
  const actions: string[] = [...TABLE_READ_ACTIONS, ...(access === "readWrite" ? TABLE_WRITE_ACTIONS : [])];
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [table.tableArn] }));
  if (indexes.length > 0) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ["dynamodb:Query"], resources: indexes }),
    );
  }
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: [...(access === "readWrite" ? KEY_WRITE_ACTIONS : KEY_READ_ACTIONS)],
      resources: [key.keyArn],
    }),
  );
}
