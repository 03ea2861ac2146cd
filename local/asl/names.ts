import { StepFunctionsError } from "./errors";

/** Names and ARNs as Step Functions and Lambda spell and check them. */

const NAME_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/** Throws `InvalidName` for a state machine or execution name Step Functions would refuse. */
export function checkName(kind: string, name: string): void {
  if (name.length < 1 || name.length > 80 || NAME_FORBIDDEN.test(name) || hasControlCharacter(name)) {
    throw new StepFunctionsError(
      "InvalidName",
      `invalid ${kind} name "${name}": 1 to 80 characters, no whitespace, brackets, wildcards, ` +
        'control characters or any of " # % \\ ^ | ~ ` $ & , ; : /',
    );
  }
}

export const LAMBDA_ARN = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/;
const PARTIAL_LAMBDA_ARN = /^[^:]+:function:([^:]+)(?::[^:]+)?$/;
const STATE_MACHINE_ARN = /^arn:aws[\w-]*:states:[^:]*:[^:]*:stateMachine:([^:]+)(?::[^:]+)?$/;

/** Function name of a Lambda reference: name, name:qualifier, partial or full ARN. */
export function lambdaFunctionName(reference: string): string {
  const match = LAMBDA_ARN.exec(reference) ?? PARTIAL_LAMBDA_ARN.exec(reference);
  if (match?.[1]) return match[1];
  return reference.split(":")[0] ?? reference;
}

/** State machine name of a reference: its name or its ARN (any qualifier). */
export function stateMachineNameOf(reference: string): string {
  return STATE_MACHINE_ARN.exec(reference)?.[1] ?? reference;
}

/** The ARNs of one (local) account and region. */
export class AccountArns {
  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {}

  stateMachine(name: string): string {
    return `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${name}`;
  }

  function(name: string): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}`;
  }

  execution(stateMachineName: string, name: string): string {
    return `arn:aws:states:${this.region}:${this.accountId}:execution:${stateMachineName}:${name}`;
  }
}

/** The role every local execution runs as (`$$.Execution.RoleArn`), from its execution ARN. */
export function executionRoleArn(executionArn: string): string {
  return `arn:aws:iam::${executionArn.split(":")[4]}:role/local-step-functions`;
}
