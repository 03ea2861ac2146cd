import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import { type IGrantable, PolicyStatement, type Role } from "aws-cdk-lib/aws-iam";
import type { IKey } from "aws-cdk-lib/aws-kms";
import type { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { type Channel, type TableAccess, WRITE_ACTIONS } from "./function-catalog";
import { acknowledgeWildcardResource } from "./nag";

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

/** Snapshot uploads live under this prefix of the uploads bucket: the grants and the S3 event name it. */
export const UPLOADS_PREFIX = "uploads/";
/** Only CSV uploads start an import. */
export const UPLOADS_SUFFIX = ".csv";
/** The uploads bucket's name, in the environment of every function with an uploads channel. */
export const UPLOADS_BUCKET_ENV = "UPLOADS_BUCKET";

/** The one S3 action each uploads channel gives, on `uploads/*` of the uploads bucket only. */
export const UPLOAD_CHANNEL_ACTIONS = {
  snapshotUploads: "s3:PutObject",
  snapshotDownloads: "s3:GetObject",
} as const satisfies Partial<Record<Channel, string>>;

export type UploadChannel = keyof typeof UPLOAD_CHANNEL_ACTIONS;

/** Grants a function its uploads channel: the bucket's name, and the channel's action on `uploads/*`. */
export function grantUploads(
  f: { id: string; fn: LambdaFunction; role: Role },
  channel: UploadChannel,
  bucket: IBucket,
): void {
  f.fn.addEnvironment(UPLOADS_BUCKET_ENV, bucket.bucketName);
  const uploads = bucket.arnForObjects(`${UPLOADS_PREFIX}*`);
  f.role.addToPrincipalPolicy(
    new PolicyStatement({ actions: [UPLOAD_CHANNEL_ACTIONS[channel]], resources: [uploads] }),
  );
  acknowledgeWildcardResource(
    f.role.node.findChild("DefaultPolicy"),
    uploads,
    `${f.id} ${channel === "snapshotUploads" ? "presigns the PUT of" : "reads"} one upload at a time, uploads/<uploadId>.csv, an id made per upload at run time; the wildcard is limited to the uploads/ prefix of the uploads bucket, and to ${UPLOAD_CHANNEL_ACTIONS[channel]} alone.`,
  );
}

/** The WhatsApp channel's variables (functions/config.ts reads them; absent = SMS only). */
export const WHATSAPP_ENV = {
  phoneNumberId: "WHATSAPP_PHONE_NUMBER_ID",
  metaApiVersion: "WHATSAPP_META_API_VERSION",
} as const;

/** The one action the WhatsApp channel gives, on the configured phone number only. */
export const SEND_WHATSAPP_ACTION = "social-messaging:SendWhatsAppMessage";

/** Grants a function the WhatsApp channel: the number's id and API version, and sending from that number. */
export function grantWhatsApp(
  f: { fn: LambdaFunction; role: Role },
  whatsapp: { phoneNumberId: string; metaApiVersion: string; phoneNumberArn: string },
): void {
  f.fn.addEnvironment(WHATSAPP_ENV.phoneNumberId, whatsapp.phoneNumberId);
  f.fn.addEnvironment(WHATSAPP_ENV.metaApiVersion, whatsapp.metaApiVersion);
  f.role.addToPrincipalPolicy(
    new PolicyStatement({ actions: [SEND_WHATSAPP_ACTION], resources: [whatsapp.phoneNumberArn] }),
  );
}
