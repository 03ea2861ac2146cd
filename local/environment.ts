/**
 * Imported first by the local entry points: Powertools (and the AWS SDK) read these when the
 * handlers' modules load, before any other code runs. The one place the local runtime writes
 * process.env (with vitest.config.ts's `env` for the tests): the handlers' own config is passed
 * explicitly (local/system.ts composes their ports), and test/unit/architecture.test.ts fails on a
 * new write.
 */
const defaults: Record<string, string> = {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  // Metrics go to CloudWatch in AWS; locally the run's own report shows the figures.
  POWERTOOLS_METRICS_DISABLED: "true",
  POWERTOOLS_LOG_LEVEL: "WARN",
  // No X-Ray daemon here. Manual mode also keeps the X-Ray SDK from hooking every promise
  // (cls-hooked async hooks), which slowed the whole local run.
  POWERTOOLS_TRACE_ENABLED: "false",
  AWS_XRAY_MANUAL_MODE: "true",
  AWS_REGION: "ap-southeast-1",
};
for (const [name, value] of Object.entries(defaults)) process.env[name] ??= value;
