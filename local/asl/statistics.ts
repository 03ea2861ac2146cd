import type { ExecutionStatus } from "./execution-description";

/**
 * What executions cost and how close they come to Step Functions' limits: state transitions (the
 * billing unit of Standard workflows), an estimate of the history events AWS would write, and the
 * work they did (retries, invocations, callbacks, child executions, waits, Map iterations).
 */

/** Standard workflows: US$0.025 per 1,000 state transitions (retries count). */
export const PRICE_PER_STATE_TRANSITION_USD = 0.000_025;
/** Step Functions' execution history limit (events). */
export const HISTORY_EVENT_LIMIT = 25_000;

export interface ExecutionStats {
  executionArn: string;
  stateMachineName: string;
  name: string;
  status: ExecutionStatus;
  /** States entered plus retries: the billing unit of Standard workflows. */
  stateTransitions: number;
  /** Estimate of the events AWS would write to the execution history. */
  historyEvents: number;
  historyLimitExceeded: boolean;
  /** Entries (and retries) per state name. */
  states: Record<string, number>;
  retries: number;
  lambdaInvocations: number;
  callbacks: number;
  childExecutions: number;
  waits: number;
  mapIterations: number;
}

/** The figures summed over executions. */
type SummedFigures =
  | "stateTransitions"
  | "historyEvents"
  | "retries"
  | "lambdaInvocations"
  | "callbacks"
  | "childExecutions"
  | "waits"
  | "mapIterations";

export interface RunnerStats {
  executions: ExecutionStats[];
  totals: Pick<ExecutionStats, SummedFigures> & {
    executions: number;
    byStatus: Partial<Record<ExecutionStatus, number>>;
    /** stateTransitions × the Standard price (free tier ignored). */
    estimatedCostUsd: number;
  };
}

export type ExecutionCounts = Omit<ExecutionStats, "executionArn" | "stateMachineName" | "name" | "status">;

/** The counts of one execution, as it runs. */
export class ExecutionCounters {
  private readonly counts: ExecutionCounts = {
    stateTransitions: 0,
    historyEvents: 0,
    historyLimitExceeded: false,
    states: {},
    retries: 0,
    lambdaInvocations: 0,
    callbacks: 0,
    childExecutions: 0,
    waits: 0,
    mapIterations: 0,
  };

  /** A state entered: one transition. */
  countState(name: string): void {
    this.counts.stateTransitions += 1;
    this.counts.states[name] = (this.counts.states[name] ?? 0) + 1;
  }

  /** A retry is billed as a transition of its state. */
  countRetry(stateName: string): void {
    this.counts.retries += 1;
    this.countState(stateName);
  }

  addHistory(events: number): void {
    this.counts.historyEvents += events;
    if (this.counts.historyEvents > HISTORY_EVENT_LIMIT) this.counts.historyLimitExceeded = true;
  }

  countLambdaInvocation(): void {
    this.counts.lambdaInvocations += 1;
  }

  countCallback(): void {
    this.counts.callbacks += 1;
  }

  countChildExecution(): void {
    this.counts.childExecutions += 1;
  }

  countWait(): void {
    this.counts.waits += 1;
  }

  countMapIteration(): void {
    this.counts.mapIterations += 1;
  }

  snapshot(): ExecutionCounts {
    return structuredClone(this.counts);
  }
}

/**
 * Counts the interpreter's events of one execution (Tasks, Waits and their retries are counted by
 * the runner, which runs them); `onStateExited` sees each state's output.
 */
export async function countInterpreterEvents(
  counters: ExecutionCounters,
  events: AsyncGenerator<{ type: string }>,
  onStateExited: (stateName: string, output: unknown) => void,
): Promise<void> {
  for await (const event of events) {
    const { state } = event as unknown as { state: { name: string; type: string; output?: unknown } };
    switch (event.type) {
      case "StateEntered":
        counters.countState(state.name);
        // MapStateEntered + MapStateStarted + MapStateSucceeded (likewise Parallel).
        counters.addHistory(state.type === "Map" || state.type === "Parallel" ? 3 : 1);
        break;
      case "StateExited":
        counters.addHistory(1);
        onStateExited(state.name, state.output);
        break;
      case "StateRetried":
        // Only Map/Parallel retries reach the interpreter (the runner retries Tasks itself).
        counters.countRetry(state.name);
        break;
      case "MapIterationStarted":
        counters.countMapIteration();
        counters.addHistory(1);
        break;
      case "MapIterationSucceeded":
      case "MapIterationFailed":
        counters.addHistory(1);
        break;
      default:
        break;
    }
  }
}

/** The stats of every execution, with their totals and the estimated cost. */
export function runnerStats(executions: ExecutionStats[]): RunnerStats {
  const totals: RunnerStats["totals"] = {
    executions: executions.length,
    byStatus: {},
    stateTransitions: 0,
    historyEvents: 0,
    retries: 0,
    lambdaInvocations: 0,
    callbacks: 0,
    childExecutions: 0,
    waits: 0,
    mapIterations: 0,
    estimatedCostUsd: 0,
  };
  for (const e of executions) {
    totals.byStatus[e.status] = (totals.byStatus[e.status] ?? 0) + 1;
    totals.stateTransitions += e.stateTransitions;
    totals.historyEvents += e.historyEvents;
    totals.retries += e.retries;
    totals.lambdaInvocations += e.lambdaInvocations;
    totals.callbacks += e.callbacks;
    totals.childExecutions += e.childExecutions;
    totals.waits += e.waits;
    totals.mapIterations += e.mapIterations;
  }
  totals.estimatedCostUsd = totals.stateTransitions * PRICE_PER_STATE_TRANSITION_USD;
  return { executions, totals };
}
