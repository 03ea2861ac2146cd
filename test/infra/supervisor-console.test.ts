import { CachePolicy, OriginRequestPolicy, ResponseHeadersPolicy } from "aws-cdk-lib/aws-cloudfront";
import { describe, expect, it } from "vitest";
import { OUTPUTS } from "../../functions/contracts";
import { FUNCTION_IDS, type FunctionId } from "../../infra/function-catalog";
import { flatten } from "../../infra/nag";
import {
  asArray,
  defaultChildId,
  exampleConfig,
  flattenValue,
  referencedIds,
  statementsOfRole,
  synthesize,
} from "./helpers";

/** The supervisors' console and API as deployed (cdk-nag ran in synthesize: no finding left). */
const config = exampleConfig();
const { stack, template } = synthesize(config);
const supervisors = stack.supervisorApi;
const hosting = stack.console;

const id = defaultChildId;
const resource = (type: string, logicalId: string) => template.findResources(type)[logicalId];
const fnId = (fid: FunctionId) => id(stack.functions.get(fid).fn);
const poolId = id(supervisors.userPool);
const clientId = id(supervisors.client);
const uploadsId = id(supervisors.uploads);
const filesId = id(hosting.bucket);
const logsId = id(hosting.accessLogs);
const distributionId = id(hosting.distribution);
const consoleUrl = `https://<${distributionId}.DomainName>`;

describe("supervisors' user pool", () => {
  it("admits only admin-created users, with a strong password, optional TOTP and Plus-tier threat protection", () => {
    expect(resource("AWS::Cognito::UserPool", poolId)?.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
      MfaConfiguration: "OPTIONAL",
      EnabledMfas: ["SOFTWARE_TOKEN_MFA"],
      UserPoolTier: "PLUS",
      UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
    });
    const invitation = resource("AWS::Cognito::UserPool", poolId)?.Properties.AdminCreateUserConfig
      .InviteMessageTemplate.EmailMessage;
    expect(flattenValue(invitation)).toContain(`Silakan masuk di ${consoleUrl}`);
  });

  it("has one group per configured branch, named by its code, NASIONAL, and the personal-data role", () => {
    const groups = Object.values(template.findResources("AWS::Cognito::UserPoolGroup"));
    expect(groups.map((g) => g.Properties.GroupName).sort()).toEqual(
      [...config.branches.map((b) => b.code), "NASIONAL", "AKSES_DATA_PRIBADI"].sort(),
    );
    for (const g of groups) expect(g.Properties.UserPoolId).toEqual({ Ref: poolId });
  });

  it("a console app client: no secret, USER_PASSWORD_AUTH and refresh only, 8-hour ID tokens, no OAuth", () => {
    expect(resource("AWS::Cognito::UserPoolClient", clientId)?.Properties).toMatchObject({
      UserPoolId: { Ref: poolId },
      GenerateSecret: false,
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      IdTokenValidity: 480,
      TokenValidityUnits: { IdToken: "minutes" },
      AllowedOAuthFlowsUserPoolClient: false,
    });
    expect(Object.keys(template.findResources("AWS::Cognito::UserPoolClient"))).toEqual([clientId]);
  });
});

describe("supervisor API routes on the stack's HTTP API", () => {
  const routes = Object.values(template.findResources("AWS::ApiGatewayV2::Route"));
  const route = (key: string) => routes.find((r) => r.Properties.RouteKey === key)?.Properties;
  const integrationOf = (key: string) =>
    resource("AWS::ApiGatewayV2::Integration", referencedIds(route(key)?.Target)[0] as string)?.Properties;

  it("ANY /api/{proxy+} needs a JWT of the pool (issuer) for the console's client (audience)", () => {
    const proxy = route("ANY /api/{proxy+}");
    expect(proxy).toMatchObject({
      ApiId: { Ref: id(stack.paymentApi.api) },
      AuthorizationType: "JWT",
    });
    const authorizer = resource(
      "AWS::ApiGatewayV2::Authorizer",
      referencedIds(proxy?.AuthorizerId)[0] as string,
    );
    expect(authorizer?.Properties).toEqual({
      ApiId: { Ref: id(stack.paymentApi.api) },
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: { "Fn::GetAtt": [poolId, "ProviderURL"] },
      },
      Name: "SupervisorJwt",
    });
    expect(integrationOf("ANY /api/{proxy+}")).toMatchObject({
      IntegrationType: "AWS_PROXY",
      PayloadFormatVersion: "2.0",
    });
    expect(referencedIds(integrationOf("ANY /api/{proxy+}")?.IntegrationUri)).toEqual([
      fnId("supervisorApi"),
    ]);
  });

  it("GET /api/config is open (read before sign-in), on the same function; POST /api/session is local only", () => {
    expect(route("GET /api/config")?.AuthorizationType).toBe("NONE");
    expect(route("GET /api/config")?.AuthorizerId).toBeUndefined();
    expect(referencedIds(integrationOf("GET /api/config")?.IntegrationUri)).toEqual([fnId("supervisorApi")]);
    expect(route("POST /api/session")).toBeUndefined();
  });

  it("gives supervisor-api the pool and client ids it answers in /api/config, and the uploads bucket", () => {
    const env = (fid: FunctionId) =>
      resource("AWS::Lambda::Function", fnId(fid))?.Properties.Environment.Variables;
    expect(env("supervisorApi")).toMatchObject({
      SUPERVISOR_USER_POOL_ID: { Ref: poolId },
      SUPERVISOR_USER_POOL_CLIENT_ID: { Ref: clientId },
      UPLOADS_BUCKET: { Ref: uploadsId },
      CAMPAIGN_STATE_MACHINE_ARN: { Ref: id(stack.workflow.campaign) },
    });
    expect(env("snapshotImport")).toMatchObject({ UPLOADS_BUCKET: { Ref: uploadsId } });
    expect(env("snapshotImport").SUPERVISOR_USER_POOL_ID).toBeUndefined();
  });
});

describe("console hosting", () => {
  const distribution = () =>
    resource("AWS::CloudFront::Distribution", distributionId)?.Properties.DistributionConfig;
  const originById = (originId: string) =>
    distribution().Origins.find((o: { Id: string }) => o.Id === originId);

  it("serves index.html from the private files bucket through Origin Access Control", () => {
    const d = distribution();
    expect(d.DefaultRootObject).toBe("index.html");
    expect(d.DefaultCacheBehavior.ViewerProtocolPolicy).toBe("redirect-to-https");
    const origin = originById(d.DefaultCacheBehavior.TargetOriginId);
    expect(referencedIds(origin.DomainName)).toEqual([filesId]);
    expect(referencedIds(origin.OriginAccessControlId)).toHaveLength(1);
    const oac = resource(
      "AWS::CloudFront::OriginAccessControl",
      referencedIds(origin.OriginAccessControlId)[0] as string,
    );
    expect(oac?.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: "s3",
      SigningBehavior: "always",
      SigningProtocol: "sigv4",
    });
    // Only this distribution may read the files (no OAI, no public read).
    const policy = Object.values(template.findResources("AWS::S3::BucketPolicy")).find(
      (p) => p.Properties.Bucket.Ref === filesId,
    );
    const reads = policy?.Properties.PolicyDocument.Statement.filter(
      (s: { Effect: string }) => s.Effect === "Allow",
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      Action: "s3:GetObject",
      Principal: { Service: "cloudfront.amazonaws.com" },
    });
    expect(flattenValue(reads[0].Condition.StringEquals["AWS:SourceArn"])).toBe(
      `arn:<AWS::Partition>:cloudfront::<AWS::AccountId>:distribution/<${distributionId}>`,
    );
  });

  it("forwards /api/* to the HTTP API over TLS 1.2, uncached, with every viewer header but Host (Authorization)", () => {
    const behaviours = distribution().CacheBehaviors;
    expect(behaviours.map((b: { PathPattern: string }) => b.PathPattern)).toEqual(["/api/*"]);
    const api = behaviours[0];
    expect(api).toMatchObject({
      CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
      OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
      ViewerProtocolPolicy: "https-only",
    });
    expect([...api.AllowedMethods].sort()).toEqual([
      "DELETE",
      "GET",
      "HEAD",
      "OPTIONS",
      "PATCH",
      "POST",
      "PUT",
    ]);
    const origin = originById(api.TargetOriginId);
    expect(flattenValue(origin.DomainName)).toBe(
      `<${id(stack.paymentApi.api)}>.execute-api.ap-southeast-1.<AWS::URLSuffix>`,
    );
    expect(origin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: "https-only",
      OriginSSLProtocols: ["TLSv1.2"],
    });
  });

  it("answers with the security headers policy, and logs to the access-log bucket", () => {
    const d = distribution();
    const headers = ResponseHeadersPolicy.SECURITY_HEADERS.responseHeadersPolicyId;
    expect(d.DefaultCacheBehavior.ResponseHeadersPolicyId).toBe(headers);
    expect(d.CacheBehaviors[0].ResponseHeadersPolicyId).toBe(headers);
    expect(d.Logging).toEqual({
      Bucket: { "Fn::GetAtt": [logsId, "RegionalDomainName"] },
      Prefix: "cloudfront/",
    });
  });

  it("copies the console build into the files bucket and invalidates the distribution", () => {
    const deployments = Object.values(template.findResources("Custom::CDKBucketDeployment"));
    expect(deployments).toHaveLength(1);
    expect(deployments[0]?.Properties).toMatchObject({
      DestinationBucketName: { Ref: filesId },
      DistributionId: { Ref: distributionId },
      DistributionPaths: ["/*"],
      Prune: true,
    });
  });
});

describe("buckets", () => {
  const bucket = (logicalId: string) => resource("AWS::S3::Bucket", logicalId)?.Properties;
  const policyOf = (logicalId: string) =>
    Object.values(template.findResources("AWS::S3::BucketPolicy")).find(
      (p) => p.Properties.Bucket.Ref === logicalId,
    );

  it.each([
    ["files", filesId],
    ["uploads", uploadsId],
    ["access logs", logsId],
  ])("%s: public access blocked, encrypted, SSL enforced", (_name, logicalId) => {
    expect(bucket(logicalId)).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
    });
    expect(policyOf(logicalId)?.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    );
  });

  it("the files and uploads buckets log their accesses to the access-log bucket", () => {
    expect(bucket(filesId)?.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logsId },
      LogFilePrefix: "s3/console/",
    });
    expect(bucket(uploadsId)?.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logsId },
      LogFilePrefix: "s3/uploads/",
    });
  });

  it("uploads (personal data) are deleted 7 days after upload; PUT allowed from the console's origin only", () => {
    expect(bucket(uploadsId)?.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({
        ExpirationInDays: 7,
        Status: "Enabled",
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      }),
    ]);
    expect(bucket(uploadsId)?.LifecycleConfiguration.Rules[0].Prefix).toBeUndefined();
    const cors = bucket(uploadsId)?.CorsConfiguration.CorsRules;
    expect(cors).toHaveLength(1);
    expect(cors[0].AllowedMethods).toEqual(["PUT"]);
    expect(cors[0].AllowedOrigins.map(flattenValue)).toEqual([consoleUrl]);
  });

  it("access logs are kept as long as the stack's log groups", () => {
    expect(bucket(logsId)?.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({ ExpirationInDays: config.logRetentionDays, Status: "Enabled" }),
    ]);
  });
});

describe("snapshot import on upload", () => {
  it("a CSV created under uploads/ invokes snapshot-import, which S3 may invoke for this bucket only", () => {
    const notifications = Object.values(template.findResources("Custom::S3BucketNotifications"));
    expect(notifications).toHaveLength(1);
    expect(notifications[0]?.Properties.BucketName).toEqual({ Ref: uploadsId });
    expect(notifications[0]?.Properties.NotificationConfiguration).toEqual({
      LambdaFunctionConfigurations: [
        {
          Events: ["s3:ObjectCreated:*"],
          Filter: {
            Key: {
              FilterRules: expect.arrayContaining([
                { Name: "prefix", Value: "uploads/" },
                { Name: "suffix", Value: ".csv" },
              ]),
            },
          },
          LambdaFunctionArn: { "Fn::GetAtt": [fnId("snapshotImport"), "Arn"] },
        },
      ],
    });
    const permissions = Object.values(template.findResources("AWS::Lambda::Permission")).filter(
      (p) => p.Properties.Principal === "s3.amazonaws.com",
    );
    expect(permissions).toHaveLength(1);
    expect(permissions[0]?.Properties).toMatchObject({
      FunctionName: { "Fn::GetAtt": [fnId("snapshotImport"), "Arn"] },
      SourceArn: { "Fn::GetAtt": [uploadsId, "Arn"] },
    });
  });
});

describe("IAM: the uploads", () => {
  const s3Pairs = (fid: FunctionId) =>
    statementsOfRole(template, id(stack.functions.get(fid).role))
      .filter((s) => s.Effect === "Allow")
      .flatMap((s) =>
        asArray(s.Action)
          .filter((a) => a.startsWith("s3:"))
          .flatMap((a) => asArray(s.Resource).map((r) => `${a} on ${flatten(r)}`)),
      );

  it("supervisor-api may only PutObject under uploads/ (to presign), snapshot-import only GetObject there", () => {
    expect(s3Pairs("supervisorApi")).toEqual([`s3:PutObject on <${uploadsId}.Arn>/uploads/*`]);
    expect(s3Pairs("snapshotImport")).toEqual([`s3:GetObject on <${uploadsId}.Arn>/uploads/*`]);
  });

  it("no other function of the catalog touches S3", () => {
    for (const fid of FUNCTION_IDS.filter((f) => f !== "supervisorApi" && f !== "snapshotImport")) {
      expect(s3Pairs(fid), fid).toEqual([]);
    }
  });
});

describe("outputs", () => {
  it("the console URL, the API URL, the pool and client ids, the uploads bucket", () => {
    const outputs = template.findOutputs("*");
    expect(flattenValue(outputs[OUTPUTS.consoleUrl]?.Value)).toBe(consoleUrl);
    expect(flattenValue(outputs[OUTPUTS.supervisorApiUrl]?.Value)).toBe(
      `https://<${id(stack.paymentApi.api)}>.execute-api.ap-southeast-1.<AWS::URLSuffix>/api`,
    );
    expect(outputs[OUTPUTS.supervisorUserPoolId]?.Value).toEqual({ Ref: poolId });
    expect(outputs[OUTPUTS.supervisorUserPoolClientId]?.Value).toEqual({ Ref: clientId });
    expect(outputs[OUTPUTS.snapshotUploadsBucketName]?.Value).toEqual({ Ref: uploadsId });
  });
});
