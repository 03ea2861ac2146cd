import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App, type CfnResource, Validations } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { mergeConfig, parseConfig, type TelecollectConfig } from "../../infra/config";
import { REPO_ROOT } from "../../infra/constructs/functions";
import { TelecollectStack } from "../../infra/stack";

export const EXAMPLE_CONFIG_FILE = join(REPO_ROOT, "config/example.json");

export function exampleConfigInput(): Record<string, unknown> {
  return JSON.parse(readFileSync(EXAMPLE_CONFIG_FILE, "utf8"));
}

export function exampleConfig(overrides: Record<string, unknown> = {}): TelecollectConfig {
  return parseConfig(mergeConfig(exampleConfigInput(), overrides), "test");
}

export interface Synthesized {
  app: App;
  stack: TelecollectStack;
  template: Template;
  /** The cloud assembly's directory (staged assets live there). */
  assemblyDir: string;
}

/** The stack as `npx cdk synth` builds it (cdk-nag included), with bundling skipped. */
export function synthesize(config: TelecollectConfig = exampleConfig()): Synthesized {
  const app = new App({ context: { "aws:cdk:bundling-stacks": [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new TelecollectStack(app, config.stackName, { config });
  const assembly = app.synth();
  return { app, stack, template: Template.fromStack(stack), assemblyDir: assembly.directory };
}

export const logicalId = (resource: IConstruct) =>
  (resource as CfnResource).stack.getLogicalId(resource as CfnResource);

export const defaultChildId = (construct: IConstruct) => logicalId(construct.node.defaultChild as IConstruct);

export interface Statement {
  Effect: "Allow" | "Deny";
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

export const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

/** Every statement of every AWS::IAM::Policy attached to a role (by the role's logical id). */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources("AWS::IAM::Policy");
  return Object.values(policies)
    .filter((p) => asArray(p.Properties.Roles).some((r: { Ref?: string }) => r.Ref === roleLogicalId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

/** Logical ids a CloudFormation value refers to (Ref / Fn::GetAtt), anywhere inside it. */
export function referencedIds(value: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.Ref === "string") out.push(o.Ref);
      if (Array.isArray(o["Fn::GetAtt"])) out.push(o["Fn::GetAtt"][0] as string);
      Object.values(o).forEach(visit);
    }
  };
  visit(value);
  return out;
}

/**
 * A CloudFormation string (literal or Fn::Join) as text, each reference replaced by
 * `<LogicalId.Attribute>` (or `<Ref>`), the way cdk-nag flattens it.
 */
export function flattenValue(value: unknown): string {
  if (typeof value === "string") return value;
  const o = value as Record<string, unknown>;
  if (Array.isArray(o["Fn::Join"])) {
    const [sep, parts] = o["Fn::Join"] as [string, unknown[]];
    return parts.map(flattenValue).join(sep);
  }
  if (Array.isArray(o["Fn::GetAtt"])) return `<${(o["Fn::GetAtt"] as string[]).join(".")}>`;
  if (typeof o.Ref === "string") return `<${o.Ref}>`;
  return JSON.stringify(value);
}
