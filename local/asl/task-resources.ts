import { StepFunctionsError } from "./errors";
import { LAMBDA_ARN } from "./names";
import { LOCAL_WAIT_RESOURCE } from "./prepare";

/** What a Task's `Resource` asks for, and so where the runner routes it. */
export type TaskKind =
  | { kind: "lambda"; functionName: string }
  | { kind: "lambda:invoke"; callback: boolean }
  | { kind: "startExecution"; mode: ChildExecutionMode }
  | { kind: "integration"; resource: string; callback: boolean }
  | { kind: "wait" };

/** `states:startExecution` without a suffix, `.sync`, `.sync:2`, or `.waitForTaskToken`. */
export type ChildExecutionMode = "async" | "sync" | "sync:2" | "callback";

const INTEGRATION = /^arn:aws[\w-]*:states:::(.+?)(\.sync:2|\.sync|\.waitForTaskToken)?$/;

export function classifyResource(resource: string): TaskKind {
  if (resource === LOCAL_WAIT_RESOURCE) return { kind: "wait" };
  const lambda = LAMBDA_ARN.exec(resource);
  if (lambda?.[1]) return { kind: "lambda", functionName: lambda[1] };
  const integration = INTEGRATION.exec(resource);
  if (integration) {
    const [, service = "", suffix] = integration;
    if (service === "lambda:invoke" && suffix !== ".sync" && suffix !== ".sync:2") {
      return { kind: "lambda:invoke", callback: suffix === ".waitForTaskToken" };
    }
    if (service === "states:startExecution") {
      const mode =
        suffix === ".sync:2" ? "sync:2" : suffix === ".sync" ? "sync" : suffix ? "callback" : "async";
      return { kind: "startExecution", mode };
    }
    const callback = suffix === ".waitForTaskToken";
    return {
      kind: "integration",
      resource: callback ? resource.slice(0, -suffix.length) : resource,
      callback,
    };
  }
  throw new StepFunctionsError("InvalidDefinition", `unsupported Task resource "${resource}"`);
}
