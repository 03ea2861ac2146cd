import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import { type HttpApi, HttpMethod, type HttpRoute } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpJwtAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
  VerificationEmailStyle,
} from "aws-cdk-lib/aws-cognito";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  EventType,
  HttpMethods,
  type IBucket,
} from "aws-cdk-lib/aws-s3";
import { LambdaDestination } from "aws-cdk-lib/aws-s3-notifications";
import { Construct } from "constructs";
import { NATIONAL_GROUP, PERSONAL_DATA_GROUP } from "../../functions/domain/supervisor";
import type { TelecollectConfig } from "../config";
import {
  grantUploads,
  UPLOAD_CHANNEL_ACTIONS,
  UPLOADS_PREFIX,
  UPLOADS_SUFFIX,
  type UploadChannel,
} from "../grants";
import { acknowledge } from "../nag";
import type { Functions } from "./functions";

export interface SupervisorApiProps {
  config: TelecollectConfig;
  functions: Functions;
  /** The stack's HTTP API (infra/constructs/payment-api.ts): the supervisor routes join it. */
  api: HttpApi;
  /** https://… of the console: uploads are PUT from there, and invitations point to it. */
  consoleUrl: string;
  /** Where S3 server access logs go. */
  accessLogs: IBucket;
  removalPolicy: RemovalPolicy;
}

/** How long the console's sign-in lasts: a working day. */
export const ID_TOKEN_VALIDITY = Duration.hours(8);
/** Uploaded snapshots hold personal data: S3 deletes them this long after upload. */
export const UPLOAD_RETENTION_DAYS = 7;

/**
 * The supervisor API: the supervisors' Cognito user pool (a group per branch plus NASIONAL, users
 * created by an administrator), `ANY /api/{proxy+}` behind a JWT authorizer (the pool's ID tokens
 * for the console's app client) and `GET /api/config` open (the console reads the pool's client
 * id before sign-in), both on the supervisor-api function; and the snapshot uploads bucket, whose
 * CSV uploads start snapshot-import.
 */
export class SupervisorApi extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly groups: Record<string, UserPoolGroup> = {};
  readonly authorizer: HttpJwtAuthorizer;
  readonly routes: { proxy: HttpRoute[]; config: HttpRoute[] };
  readonly uploads: Bucket;

  constructor(scope: Construct, id: string, props: SupervisorApiProps) {
    super(scope, id);
    const { config, functions } = props;
    this.userPool = supervisorPool(this, props);
    const groups = [
      ...config.branches.map((b) => ({ code: b.code, name: b.name })),
      nationalGroup(),
      personalDataGroup(),
    ];
    for (const group of groups) {
      this.groups[group.code] = new UserPoolGroup(this, `Group${group.code}`, {
        userPool: this.userPool,
        groupName: group.code,
        description: group.name,
      });
    }
    this.client = this.userPool.addClient("ConsoleClient", {
      generateSecret: false,
      authFlows: { userPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: ID_TOKEN_VALIDITY,
      accessTokenValidity: ID_TOKEN_VALIDITY,
      refreshTokenValidity: Duration.hours(12),
    });

    const api = functions.get("supervisorApi");
    api.fn.addEnvironment("SUPERVISOR_USER_POOL_ID", this.userPool.userPoolId);
    api.fn.addEnvironment("SUPERVISOR_USER_POOL_CLIENT_ID", this.client.userPoolClientId);
    this.authorizer = new HttpJwtAuthorizer("SupervisorJwt", this.userPool.userPoolProviderUrl, {
      jwtAudience: [this.client.userPoolClientId],
    });
    this.routes = this.addRoutes(props.api, new HttpLambdaIntegration("SupervisorApi", api.fn));

    this.uploads = uploadsBucket(this, props);
    for (const channel of Object.keys(UPLOAD_CHANNEL_ACTIONS) as UploadChannel[]) {
      for (const f of functions.withChannel(channel)) grantUploads(f, channel, this.uploads);
    }
    this.uploads.addEventNotification(
      EventType.OBJECT_CREATED,
      new LambdaDestination(functions.get("snapshotImport").fn),
      { prefix: UPLOADS_PREFIX, suffix: UPLOADS_SUFFIX },
    );
    acknowledgeNotificationsHandler(this);
  }

  /** `ANY /api/{proxy+}` behind the JWT authorizer, and `GET /api/config` open, on one integration. */
  private addRoutes(api: HttpApi, integration: HttpLambdaIntegration) {
    const routes = {
      proxy: api.addRoutes({
        path: "/api/{proxy+}",
        methods: [HttpMethod.ANY],
        integration,
        authorizer: this.authorizer,
      }),
      config: api.addRoutes({ path: "/api/config", methods: [HttpMethod.GET], integration }),
    };
    for (const route of routes.config) {
      acknowledge(
        route,
        "AwsSolutions-APIG4",
        "GET /api/config is read by the console before anyone signs in: it answers only the user pool's region and public app client id (both already in every token and sign-in request), no data; every other /api route has the Cognito JWT authorizer.",
      );
    }
    return routes;
  }
}

/** aws-cdk-lib's handler that sets bucket notifications (one per stack) uses a managed policy. */
function acknowledgeNotificationsHandler(scope: Construct): void {
  const handler = Stack.of(scope).node.children.find((c) =>
    c.node.id.startsWith("BucketNotificationsHandler"),
  );
  const role = handler?.node.tryFindChild("Role");
  if (!role) return;
  acknowledge(
    role,
    "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
    "aws-cdk-lib's bucket-notifications handler role: CloudFormation runs it only while deploying, to set the uploads bucket's event notification; the managed policy lets it write its own logs, nothing else.",
  );
}

const nationalGroup = () => ({ code: NATIONAL_GROUP, name: "Kantor Pusat: semua kantor cabang" });

/** A role, not a branch: members may read personal data unmasked, each read recorded with its reason. */
const personalDataGroup = () => ({
  code: PERSONAL_DATA_GROUP,
  name: "Boleh membaca data pribadi tanpa disamarkan (setiap akses dicatat beserta alasannya)",
});

function supervisorPool(scope: Construct, props: SupervisorApiProps): UserPool {
  const pool = new UserPool(scope, "UserPool", {
    selfSignUpEnabled: false,
    signInAliases: { username: true },
    signInCaseSensitive: false,
    standardAttributes: { email: { required: true, mutable: true } },
    autoVerify: { email: true },
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
    },
    mfa: Mfa.OPTIONAL,
    mfaSecondFactor: { sms: false, otp: true },
    featurePlan: FeaturePlan.PLUS,
    standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
    // Password resets and e-mail changes send this code.
    userVerification: {
      emailSubject: "Kode verifikasi telecollect",
      emailBody: "Kode verifikasi akun konsol telecollect Anda: {####}",
      emailStyle: VerificationEmailStyle.CODE,
    },
    userInvitation: {
      emailSubject: "Akun konsol telecollect",
      emailBody:
        `Yth. Bapak/Ibu, akun konsol telecollect Anda telah dibuat. Nama pengguna: {username}. ` +
        `Kata sandi sementara: {####}. Silakan masuk di ${props.consoleUrl} dan ganti kata sandi Anda.`,
    },
    deletionProtection: props.removalPolicy !== RemovalPolicy.DESTROY,
    removalPolicy: props.removalPolicy,
  });
  acknowledge(
    pool,
    "AwsSolutions-COG2",
    "MFA is optional (TOTP only, never SMS): a user who enrols TOTP must answer it at every sign-in. Requiring it pool-wide makes every first sign-in a TOTP enrolment (MFA_SETUP challenge), which the console must support first. Meanwhile accounts are created by an administrator only, passwords are 12+ characters with every class, and the Plus tier's threat protection blocks compromised credentials and risky sign-ins.",
  );
  return pool;
}

function uploadsBucket(scope: Construct, props: SupervisorApiProps): Bucket {
  return new Bucket(scope, "Uploads", {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: BucketEncryption.S3_MANAGED,
    serverAccessLogsBucket: props.accessLogs,
    serverAccessLogsPrefix: "s3/uploads/",
    lifecycleRules: [
      {
        expiration: Duration.days(UPLOAD_RETENTION_DAYS),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      },
    ],
    // The console PUTs the CSV to a presigned URL from its own origin.
    cors: [
      {
        allowedMethods: [HttpMethods.PUT],
        allowedOrigins: [props.consoleUrl],
        allowedHeaders: ["content-type", "x-amz-*"],
        exposedHeaders: ["ETag"],
        maxAge: 3000,
      },
    ],
    removalPolicy: props.removalPolicy,
  });
}
