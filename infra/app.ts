import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { ConfigError, loadConfig } from "./config";
import { TelecollectStack } from "./stack";

/**
 * `npx cdk synth` / `npx cdk deploy`, offline-safe: the config comes from `-c configFile=…`
 * and/or the `telecollect` context (default: config/example.json); the account and region are
 * the Connect instance's.
 */
const app = new App();
// Findings fail synth; acknowledgements carry their reason next to the resource.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(app.node);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // A readable message, not a stack trace: the operator fixes the config and runs again.
  process.stderr.write(`\n${error.message}\n\n`);
  process.exit(1);
}

new TelecollectStack(app, config.stackName, {
  config,
  description: "telecollect: monthly telecollecting campaigns for BPJS Kesehatan branches",
});
app.synth();
