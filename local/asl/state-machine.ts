import { type AslState, isPlainObject, substitutePlaceholders } from "./definition";
import { StepFunctionsError } from "./errors";
import { type PreparedDefinition, prepareDefinition } from "./prepare";
import { classifyResource, type TaskKind } from "./task-resources";
import { validateDefinition } from "./validate";

/** A state machine as registered: its definition prepared for the interpreter, its Tasks routed. */
export class RegisteredStateMachine {
  private constructor(
    readonly name: string,
    readonly arn: string,
    readonly prepared: PreparedDefinition,
    private readonly kinds: Map<string, TaskKind>,
  ) {}

  /**
   * From ASL text: `${Name}` placeholders substituted exactly as CDK's `definitionSubstitutions`
   * do (any unresolved placeholder is an error), then validated with {@link validateDefinition}.
   */
  static compile(
    name: string,
    arn: string,
    definition: string | object,
    substitutions: Record<string, string>,
  ): RegisteredStateMachine {
    const text = typeof definition === "string" ? definition : JSON.stringify(definition);
    const substituted = substitutePlaceholders(text, substitutions, `state machine "${name}"`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(substituted);
    } catch (error) {
      throw new StepFunctionsError(
        "InvalidDefinition",
        `state machine "${name}": not JSON after substitution: ${(error as Error).message}`,
      );
    }
    if (!isPlainObject(parsed))
      throw new StepFunctionsError("InvalidDefinition", `state machine "${name}": not an object`);
    validateDefinition(parsed, name);
    const prepared = prepareDefinition(parsed);
    const kinds = new Map<string, TaskKind>();
    for (const [stateName, state] of prepared.tasks) {
      kinds.set(stateName, classifyResource(String(state.Resource)));
    }
    return new RegisteredStateMachine(name, arn, prepared, kinds);
  }

  /** The Task state of that name as written (Retry, timeouts and all), and its routing. */
  task(stateName: string): { state: AslState; kind: TaskKind } {
    return {
      state: this.prepared.tasks.get(stateName) as AslState,
      kind: this.kinds.get(stateName) as TaskKind,
    };
  }

  /** The Wait state of that name as written. */
  wait(stateName: string): AslState {
    return this.prepared.waits.get(stateName) as AslState;
  }
}
