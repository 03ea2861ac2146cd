import { randomUUID } from "node:crypto";
import type { Clock } from "./clock";
import { StepFunctionsError } from "./errors";
import { ExecutionRecord } from "./execution";
import { canonical, toJson } from "./json";
import { type AccountArns, checkName, stateMachineNameOf } from "./names";
import { RegisteredStateMachine } from "./state-machine";

/**
 * The state machines and executions of the local account, with Step Functions' naming rules:
 * names are checked as AWS checks them, a state machine name is registered once, and execution
 * names are unique per state machine (ExecutionAlreadyExists).
 */
export class StateMachineRegistry {
  private readonly machines = new Map<string, RegisteredStateMachine>();
  private readonly executionsByKey = new Map<string, ExecutionRecord>();
  private readonly executionsByArn = new Map<string, ExecutionRecord>();

  constructor(
    private readonly arns: AccountArns,
    private readonly clock: Clock,
  ) {}

  register(name: string, definition: string | object, substitutions: Record<string, string>): string {
    checkName("state machine", name);
    if (this.machines.has(name)) {
      throw new StepFunctionsError(
        "StateMachineAlreadyExists",
        `state machine "${name}" is already registered`,
      );
    }
    const arn = this.arns.stateMachine(name);
    const machine = RegisteredStateMachine.compile(name, arn, definition, substitutions);
    this.machines.set(name, machine);
    return machine.arn;
  }

  /**
   * StartExecution's bookkeeping. The same name with the same input while the execution runs
   * gives that execution back (idempotent start, `created` false); otherwise an existing name
   * throws `ExecutionAlreadyExists`, as in AWS. A new execution is recorded, not yet launched.
   */
  recordStart(
    stateMachine: string,
    name: string | undefined,
    input: unknown,
  ): { record: ExecutionRecord; created: boolean } {
    const machine = this.machine(stateMachine);
    const executionName = name ?? randomUUID();
    checkName("execution", executionName);
    const json = toJson(input);
    const key = `${machine.name}\u0000${executionName}`;
    const existing = this.executionsByKey.get(key);
    if (existing) {
      if (existing.status === "RUNNING" && canonical(existing.input) === canonical(json)) {
        return { record: existing, created: false };
      }
      throw new StepFunctionsError(
        "ExecutionAlreadyExists",
        `Execution Already Exists: '${existing.arn}' (${existing.status}` +
          `${existing.status === "RUNNING" ? ", different input" : ""})`,
      );
    }
    const arn = this.arns.execution(machine.name, executionName);
    const record = new ExecutionRecord(machine, executionName, arn, json, this.clock.now());
    this.executionsByKey.set(key, record);
    this.executionsByArn.set(arn, record);
    return { record, created: true };
  }

  /** By name or ARN. */
  machine(reference: string): RegisteredStateMachine {
    const machine = this.machines.get(stateMachineNameOf(reference));
    if (!machine) {
      throw new StepFunctionsError(
        "StateMachineDoesNotExist",
        `State Machine Does Not Exist: '${reference}'`,
      );
    }
    return machine;
  }

  execution(executionArn: string): ExecutionRecord {
    const record = this.executionsByArn.get(executionArn);
    if (!record)
      throw new StepFunctionsError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  /** Every execution, in start order; only those of one state machine (name or ARN) if given. */
  executions(stateMachine?: string): ExecutionRecord[] {
    const name = stateMachine === undefined ? undefined : stateMachineNameOf(stateMachine);
    return [...this.executionsByArn.values()].filter((r) => !name || r.machine.name === name);
  }
}
