import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { TelecollectStack } from "./stack";

const app = new App();
// Findings fail synth; acknowledgements carry their reason next to the resource.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
new TelecollectStack(app, "Telecollect", {
  // Amazon Connect has no Jakarta region; Singapore hosts the instance (DESIGN.md).
  env: { region: app.node.tryGetContext("region") ?? "ap-southeast-1" },
  description: "telecollect: monthly telecollecting campaigns for BPJS Kesehatan branches",
});
app.synth();
