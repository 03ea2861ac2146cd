import { describe, expect, it } from "vitest";
import { runnerClock } from "../../local/asl/clock";
import { type LocalFunction, LocalStateMachines } from "../../local/asl/runner";
import { SimulatedClock } from "../../local/sim/clock";

/**
 * The runner on the embedded runtime's discrete-event clock: handlers run as actors (real I/O
 * keeps time still), the runner's sleeps go through `runnerClock`, and callbacks come from
 * actors the simulation schedules.
 */
describe("LocalStateMachines on the SimulatedClock", () => {
  it("runs concurrent waits, real I/O and scheduled callbacks without time moving during I/O", async () => {
    const sim = new SimulatedClock(new Date("2025-03-03T01:00:00Z"));
    const sfn = new LocalStateMachines({ clock: runnerClock(sim) });
    const timeMovedDuringIo: string[] = [];
    const actor =
      <E>(handler: LocalFunction<E>): LocalFunction<E> =>
      (event, context) =>
        sim.run(async () => handler(event, context));

    sfn.registerFunction(
      "io",
      actor(async (event: { id: string }) => {
        const before = sim.now().getTime();
        await new Promise((resolve) => setTimeout(resolve, 5)); // stands for DynamoDB Local
        if (sim.now().getTime() !== before) timeMovedDuringIo.push(event.id);
        return { at: sim.now().toISOString() };
      }),
    );
    sfn.registerFunction(
      "dialer",
      actor(async (event: { token: string; id: string }) => {
        // The participant answers 10 simulated minutes later.
        sim.schedule(
          new Date(sim.now().getTime() + 600_000),
          () => sfn.sendTaskSuccess(event.token, { answered: event.id }),
          (error) => timeMovedDuringIo.push(`callback failed: ${String(error)}`),
        );
        return null;
      }),
    );
    sfn.register("day", {
      StartAt: "EachCase",
      States: {
        EachCase: {
          Type: "Map",
          ItemsPath: "$.cases",
          ItemProcessor: {
            StartAt: "Stagger",
            States: {
              Stagger: { Type: "Wait", SecondsPath: "$.delay", Next: "Prepare" },
              Prepare: {
                Type: "Task",
                Resource: "arn:aws:lambda:local:000000000000:function:io",
                Parameters: { "id.$": "$.id" },
                ResultPath: "$.prepared",
                Next: "Call",
              },
              Call: {
                Type: "Task",
                Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
                Parameters: {
                  FunctionName: "dialer",
                  Payload: { "token.$": "$$.Task.Token", "id.$": "$.id" },
                },
                TimeoutSeconds: 3600,
                ResultPath: "$.call",
                End: true,
              },
            },
          },
          ResultPath: "$.results",
          Next: "NextMorning",
        },
        NextMorning: { Type: "Wait", TimestampPath: "$.tomorrow", Next: "Report" },
        Report: {
          Type: "Task",
          Resource: "arn:aws:lambda:local:000000000000:function:io",
          Parameters: { id: "report" },
          ResultPath: "$.report",
          End: true,
        },
      },
    });

    const done = await sfn.run("day", {
      tomorrow: "2025-03-04T01:00:00Z",
      cases: [
        { id: "a", delay: 60 },
        { id: "b", delay: 120 },
        { id: "c", delay: 60 },
      ],
    });

    expect(done.status).toBe("SUCCEEDED");
    expect(timeMovedDuringIo).toEqual([]);
    const output = done.output as {
      results: { id: string; prepared: { at: string }; call: unknown }[];
      report: { at: string };
    };
    expect(output.results.map((r) => [r.id, r.prepared.at, r.call])).toEqual([
      ["a", "2025-03-03T01:01:00.000Z", { answered: "a" }],
      ["b", "2025-03-03T01:02:00.000Z", { answered: "b" }],
      ["c", "2025-03-03T01:01:00.000Z", { answered: "c" }],
    ]);
    expect(output.report.at).toBe("2025-03-04T01:00:00.000Z");
    expect(sim.now().toISOString()).toBe("2025-03-04T01:00:00.000Z");
  });
});
