import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // DynamoDB Local starts once for the whole run; each test file works in its own tables.
    globalSetup: ["test/global-setup.ts"],
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      POWERTOOLS_METRICS_DISABLED: "true",
      POWERTOOLS_LOG_LEVEL: "ERROR",
      // As in the local runtime: no X-Ray daemon, and no async hook on every promise.
      POWERTOOLS_TRACE_ENABLED: "false",
      AWS_XRAY_MANUAL_MODE: "true",
    },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
