/**
 * Imported first by the local entry points: Powertools reads these when the handlers' modules
 * load, before any other code runs.
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
