import { describe, expect, it } from "vitest";
import { PRICE_PER_STATE_TRANSITION_USD } from "../../local/asl/runner";
import { fixture, setup } from "./runner-support";

/** Statistics: state transitions, history events, invocations and the estimated cost. */

describe("paged loop (Choice on a cursor)", () => {
  it("loops until the cursor is null and counts transitions and history", async () => {
    const { sfn } = setup();
    const calls: unknown[] = [];
    sfn.registerFunction("fetch-page", async (event: { cursor: string; total: number }) => {
      calls.push(event);
      const page = Number(event.cursor);
      return { cursor: page + 1 < 3 ? String(page + 1) : null, total: event.total + 10 };
    });
    sfn.register("paged", fixture("paged-loop"), { FetchPageFunctionArn: sfn.functionArn("fetch-page") });

    const done = await sfn.run("paged", { cursor: "0", total: 0 }, "march");

    expect(done.status).toBe("SUCCEEDED");
    // ResultPath "$" replaces the input (the interpreter alone would add a key named "$").
    expect(done.output).toEqual({ cursor: null, total: 30 });
    expect(calls).toEqual([
      { cursor: "0", total: 0 },
      { cursor: "1", total: 10 },
      { cursor: "2", total: 20 },
    ]);
    const [stats] = sfn.stats().executions;
    expect(stats).toMatchObject({
      name: "march",
      status: "SUCCEEDED",
      stateTransitions: 7,
      states: { FetchPage: 3, HasMorePages: 3, Done: 1 },
      lambdaInvocations: 3,
      retries: 0,
      // started + 7 entered + 7 exited + 3 × (scheduled, started, succeeded) + succeeded
      historyEvents: 1 + 7 + 7 + 9 + 1,
      historyLimitExceeded: false,
    });
    expect(sfn.stats().totals.estimatedCostUsd).toBeCloseTo(7 * PRICE_PER_STATE_TRANSITION_USD, 12);
  });
});
