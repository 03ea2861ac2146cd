import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

/** One project per kind of test, named after its folder: `vitest run --project unit`. */
function project(
  name: string,
  options: { dynamoDbLocal?: boolean; setupFiles?: string[] } = {},
): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name,
      include: [`test/${name}/**/*.test.ts`],
      // DynamoDB Local (Java) starts once per project that asks for it; each test file works in
      // its own tables. Projects without it run with no Java on PATH.
      globalSetup: options.dynamoDbLocal ? ["test/global-setup.ts"] : [],
      setupFiles: options.setupFiles ?? [],
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      project("unit", { setupFiles: ["test/unit/no-io.ts"] }),
      project("integration", { dynamoDbLocal: true }),
      project("workflow"),
      project("infra"),
      project("cli", { dynamoDbLocal: true }),
      project("api"),
      project("browser"),
    ],
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
