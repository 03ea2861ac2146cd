import { describe, expect, it } from "vitest";
import { fixture, START, setup } from "./runner-support";
import { eventually } from "./test-clock";

/** Wait states on the simulated clock. */

describe("Wait states on the simulated clock", () => {
  it("completes far-future waits instantly and moves the clock there", async () => {
    const { clock, sfn } = setup("jump");
    sfn.register("waits", fixture("waits"));

    // Slept in real time, these waits would outlast the test's timeout.
    const done = await sfn.run("waits", { until: "2030-06-01T00:00:00Z", pauseSeconds: 3600 });

    expect(done.status).toBe("SUCCEEDED");
    // $$.Execution.StartTime is the simulated start, not the wall clock.
    expect(done.output).toEqual({ startedAt: START, until: "2030-06-01T00:00:00Z" });
    // TimestampPath, then SecondsPath (1 h) and Seconds (60 s) on top.
    expect(clock.now().toISOString()).toBe("2030-06-01T01:01:00.000Z");
    expect(done.stopDate?.toISOString()).toBe("2030-06-01T01:01:00.000Z");
    expect(sfn.stats().executions[0]).toMatchObject({ waits: 4, stateTransitions: 5 });
  });

  it("resolves a TimestampPath wait only when the clock gets there", async () => {
    const { clock, sfn } = setup("manual");
    sfn.register("until", {
      StartAt: "W",
      States: { W: { Type: "Wait", TimestampPath: "$.at", End: true } },
    });
    const execution = sfn.startExecution("until", "u1", { at: "2025-03-03T05:00:00Z" });
    await eventually(() => (clock.pendingTimers === 1 ? true : undefined), "the wait");
    await clock.advanceTo("2025-03-03T04:59:59Z");
    expect(execution.status).toBe("RUNNING");
    await clock.advanceTo("2025-03-03T05:00:00Z");
    expect((await execution.done).status).toBe("SUCCEEDED");
  });
});
