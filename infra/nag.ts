import { Stack, Validations } from "aws-cdk-lib";
import type { Policy } from "aws-cdk-lib/aws-iam";
import type { IConstruct } from "constructs";

/**
 * cdk-nag 3 acknowledgements. Every one names the exact finding (for IAM5 the exact wildcard
 * resource or action) and says why it is right here; an unacknowledged finding fails synth.
 */
export function acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: ruleId, reason });
}

/** Flattens a resolved CloudFormation value the way cdk-nag names IAM5 findings. */
export function flatten(node: unknown): string {
  if (node === undefined) return "";
  if (typeof node === "string") return node.replace(/\$\{/g, "<").replace(/}/g, ">");
  if (typeof node === "object" && node !== null) {
    const o = node as Record<string, unknown>;
    if (Array.isArray(o["Fn::Join"])) {
      const [delimiter, items] = o["Fn::Join"] as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    if (o["Fn::Sub"] !== undefined) return flatten(o["Fn::Sub"]);
    if (Array.isArray(o["Fn::GetAtt"])) {
      const [resource, attribute] = o["Fn::GetAtt"] as [unknown, unknown];
      return `<${flatten(resource)}.${flatten(attribute)}>`;
    }
    if (o["Fn::ImportValue"] !== undefined) return flatten(o["Fn::ImportValue"]);
    if (o.Ref !== undefined) return `<${flatten(o.Ref)}>`;
  }
  return JSON.stringify(node);
}

/** Acknowledges AwsSolutions-IAM5 for one wildcard resource of a policy under `scope`. */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  const flat = resource === "*" ? "*" : flatten(Stack.of(scope).resolve(resource));
  acknowledge(scope, `AwsSolutions-IAM5[Resource::${flat}]`, reason);
}

/**
 * Acknowledges AwsSolutions-IAM5 for every wildcard action and resource a policy holds now: for
 * policies a library construct writes (its statements are fixed once it is built).
 */
export function acknowledgeWildcardsOf(policy: Policy, reason: string): void {
  const document = Stack.of(policy).resolve(policy.document.toJSON()) as {
    Statement: { Effect: string; Action: string | string[]; Resource: unknown }[];
  };
  const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
  const findings = new Set<string>();
  for (const statement of document.Statement.filter((s) => s.Effect === "Allow")) {
    for (const action of asArray(statement.Action).filter((a) => a.includes("*"))) {
      findings.add(`AwsSolutions-IAM5[Action::${action}]`);
    }
    for (const resource of asArray(statement.Resource)
      .map(flatten)
      .filter((r) => r.includes("*"))) {
      findings.add(`AwsSolutions-IAM5[Resource::${resource}]`);
    }
  }
  for (const finding of findings) acknowledge(policy, finding, reason);
}
