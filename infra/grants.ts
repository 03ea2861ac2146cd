import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import { type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { type TableAccess, WRITE_ACTIONS } from "./function-catalog";

/** What DynamoDB needs from a caller to read a table encrypted with a customer-managed key. */
export const KEY_READ_ACTIONS = ["kms:Decrypt", "kms:DescribeKey"] as const;
/** ...and to write to it. */
export const KEY_WRITE_ACTIONS = [
  ...KEY_READ_ACTIONS,
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
] as const;

/** The KMS actions a function's use of its tables needs from their key: write actions if it writes any. */
export const keyActionsFor = (accesses: readonly TableAccess[]): readonly string[] =>
  accesses.some((access) => access.actions.some((action) => WRITE_ACTIONS.has(action)))
    ? KEY_WRITE_ACTIONS
    : KEY_READ_ACTIONS;

/**
 * Least-privilege DynamoDB grants, exactly as the function catalog declares them: the named
 * actions on each table, dynamodb:Query on each index it queries by name (no `index/*`), and
 * once the customer-managed key's actions those need.
 */
export function grantTables(
  grantee: IGrantable,
  tables: readonly { table: ITableV2; access: TableAccess }[],
  key: IKey,
): void {
  const principal = grantee.grantPrincipal;
  for (const { table, access } of tables) {
    if (access.actions.length > 0) {
      principal.addToPrincipalPolicy(
        new PolicyStatement({
          actions: access.actions.map((action) => `dynamodb:${action}`),
          resources: [table.tableArn],
        }),
      );
    }
    const indexes = access.indexes ?? [];
    if (indexes.length > 0) {
      principal.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ["dynamodb:Query"],
          resources: indexes.map((index) => `${table.tableArn}/index/${index}`),
        }),
      );
    }
  }
  if (tables.length > 0) {
    const actions = keyActionsFor(tables.map((t) => t.access));
    principal.addToPrincipalPolicy(new PolicyStatement({ actions: [...actions], resources: [key.keyArn] }));
  }
}
