import {
  InvalidToken,
  SendTaskSuccessCommand,
  SFNClient,
  TaskDoesNotExist,
  TaskTimedOut,
} from "@aws-sdk/client-sfn";
import type { Dependencies } from "../../handlers/shared/dependencies";

/**
 * Port for Step Functions task callbacks (`.waitForTaskToken`): SendTaskSuccess in AWS; in the
 * local runtime the ASL runner's own sendTaskSuccess, so both resolve the same waiting task.
 */
export interface TaskCallbacks {
  /** Resumes the waiting task; a token whose task already ended (timed out) is ignored. */
  succeed(token: string, output: Record<string, unknown>): Promise<void>;
}

export class StepFunctionsCallbacks implements TaskCallbacks {
  constructor(private readonly client: SFNClient) {}

  async succeed(token: string, output: Record<string, unknown>) {
    try {
      await this.client.send(
        new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }),
      );
    } catch (error) {
      // The wait already ended by its timeout, or a second waker came first: nothing to resume.
      if (error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken)
        return;
      throw error;
    }
  }
}

let fromEnvironment: TaskCallbacks | undefined;

export function taskCallbacks(deps: Pick<Dependencies, "callbacks">): TaskCallbacks {
  if (deps.callbacks) return deps.callbacks;
  fromEnvironment ??= new StepFunctionsCallbacks(new SFNClient({}));
  return fromEnvironment;
}
