import { join } from "node:path";
import { DockerImage, Duration, type RemovalPolicy, Stack } from "aws-cdk-lib";
import type { IHttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin, S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import type { Policy } from "aws-cdk-lib/aws-iam";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import { buildConsoleSync } from "../../console/build";
import { acknowledge, acknowledgeWildcardsOf } from "../nag";
import { REPO_ROOT } from "./functions";

export interface ConsoleHostingProps {
  /** The stack's HTTP API: CloudFront sends `/api/*` to it. */
  api: IHttpApi;
  removalPolicy: RemovalPolicy;
  logRetention: RetentionDays;
}

/** The console's path prefix that CloudFront forwards to the HTTP API. */
export const API_PATH_PATTERN = "/api/*";

/** The console's source folder; its build (console/build.ts) writes the files S3 serves. */
export const CONSOLE_SOURCE_DIR = join(REPO_ROOT, "console");

/**
 * The supervisors' console: a private bucket behind CloudFront (Origin Access Control), the app
 * at `/`, and `/api/*` forwarded to the HTTP API uncached with every viewer header but Host (the
 * Authorization header reaches the JWT authorizer), so the console calls its own origin: no CORS.
 * Also the stack's access-log bucket (CloudFront and the S3 buckets log there).
 */
export class ConsoleHosting extends Construct {
  readonly accessLogs: Bucket;
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly deployment: BucketDeployment;
  /** https://<distribution domain> */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    this.accessLogs = new Bucket(this, "AccessLogs", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // CloudFront's standard logs are delivered with an ACL grant: the bucket must allow ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(props.logRetention) }],
      removalPolicy: props.removalPolicy,
    });
    acknowledge(
      this.accessLogs,
      "AwsSolutions-S1",
      "This is the access-log bucket itself (CloudFront and the console and uploads buckets log here); logging its own accesses into itself would log every log delivery, without end. It keeps logs as long as the stack's log groups (logRetentionDays).",
    );

    this.bucket = new Bucket(this, "Files", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: "s3/console/",
      removalPolicy: props.removalPolicy,
    });

    const securityHeaders = ResponseHeadersPolicy.SECURITY_HEADERS;
    this.distribution = new Distribution(this, "Distribution", {
      comment: "telecollect supervisors' console",
      defaultRootObject: "index.html",
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
      },
      additionalBehaviors: {
        [API_PATH_PATTERN]: {
          origin: new HttpOrigin(apiDomain(this, props.api), {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // With caching disabled, this managed policy forwards Authorization too.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Edge locations in Asia (Jakarta among them), without South America and Oceania's prices.
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: this.accessLogs,
      logFilePrefix: "cloudfront/",
    });
    acknowledge(
      this.distribution,
      "AwsSolutions-CFR1",
      "No geo restriction: supervisors sign in from wherever they are (travel, training abroad); every API request needs a Cognito token of an admin-created user, and the static files hold no data.",
    );
    acknowledge(
      this.distribution,
      "AwsSolutions-CFR2",
      "No AWS WAF web ACL: a CloudFront web ACL must live in us-east-1 while this stack deploys in the Connect instance's region; the API behind /api/* accepts only Cognito tokens (JWT authorizer) and is throttled at the stage, and sign-in is protected by Cognito's Plus-tier threat protection.",
    );
    acknowledge(
      this.distribution,
      "AwsSolutions-CFR4",
      "The console is served on its *.cloudfront.net name with CloudFront's default certificate, whose security policy CloudFront fixes (a minimum protocol has no effect without a custom certificate); a custom domain with an ACM certificate in us-east-1 would allow TLSv1.2_2021. Browsers in use negotiate TLS 1.2 or 1.3 anyway.",
    );

    this.deployment = new BucketDeployment(this, "Deployment", {
      sources: [consoleBuild()],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ["/*"],
      prune: true,
      logGroup: new LogGroup(this, "DeploymentLogs", {
        retention: props.logRetention,
        removalPolicy: props.removalPolicy,
      }),
    });
    acknowledgeDeploymentHandler(this.deployment);
    this.url = `https://${this.distribution.distributionDomainName}`;
  }
}

/** The findings on aws-cdk-lib's deploy-time copy function (one per stack, shared by every BucketDeployment). */
function acknowledgeDeploymentHandler(deployment: BucketDeployment): void {
  const role = deployment.handlerRole;
  acknowledge(
    role,
    "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
    "aws-cdk-lib's BucketDeployment handler role: CloudFormation runs it only while deploying, to copy the console build into its bucket; the managed policy lets it write its own logs, nothing else.",
  );
  acknowledgeWildcardsOf(
    role.node.findChild("DefaultPolicy") as Policy,
    "aws-cdk-lib's BucketDeployment grants these when copying the console build at deploy time: read of the CDK assets bucket (the build's zip), read/write/delete of the console files bucket's objects (prune), and CloudFront invalidations, which it grants on * because they name the distribution only at run time. No function of the application uses this role.",
  );
  const handler = role.node.scope;
  if (handler) {
    acknowledge(
      handler,
      "AwsSolutions-L1",
      "aws-cdk-lib's BucketDeployment handler (a Python function with the AWS CLI layer) runs the Python version aws-cdk-lib pins for it; it runs only during deployments, and upgrading aws-cdk-lib upgrades it.",
    );
  }
}

/** The API's execute-api host name (its $default stage: no path). */
function apiDomain(scope: Construct, api: IHttpApi): string {
  const stack = Stack.of(scope);
  return `${api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
}

/** The console built here, without Docker, by console/build.ts (skipped when a test skips bundling). */
function consoleBuild() {
  return Source.asset(CONSOLE_SOURCE_DIR, {
    bundling: {
      image: DockerImage.fromRegistry("none"),
      local: {
        tryBundle(outputDir: string) {
          buildConsoleSync(outputDir);
          return true;
        },
      },
    },
  });
}
