import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../../../../local/sim/clock";

const T0 = new Date("2026-11-11T01:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe("simulated clock", () => {
  it("jumps straight to a sleeper's wake-up time when nothing else is busy", async () => {
    const clock = new SimulatedClock(T0);
    const started = Date.now();
    await clock.run(async () => {
      await clock.sleepUntil(at(30 * 86_400));
      expect(clock.now()).toEqual(at(30 * 86_400));
    });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("holds time while an actor is busy with real work", async () => {
    const clock = new SimulatedClock(T0);
    const seen: number[] = [];
    await Promise.all([
      clock.run(async () => {
        await clock.sleepUntil(at(10));
        seen.push((clock.now().getTime() - T0.getTime()) / 1000);
      }),
      clock.run(async () => {
        // Real I/O-like delay: the other actor must not wake up before this finishes.
        await new Promise((r) => setTimeout(r, 50));
        seen.push((clock.now().getTime() - T0.getTime()) / 1000);
      }),
    ]);
    expect(seen).toEqual([0, 10]);
  });

  it("wakes concurrent sleepers in time order and runs scheduled events between them", async () => {
    const clock = new SimulatedClock(T0);
    const log: string[] = [];
    const stamp = (label: string) => log.push(`${label}@${(clock.now().getTime() - T0.getTime()) / 1000}`);
    clock.schedule(
      at(15),
      async () => {
        stamp("event");
      },
      (e) => {
        throw e;
      },
    );
    await Promise.all([
      clock.run(async () => {
        await clock.sleepUntil(at(20));
        stamp("b");
      }),
      clock.run(async () => {
        await clock.sleepUntil(at(10));
        stamp("a");
        await clock.sleepUntil(at(25));
        stamp("a2");
      }),
    ]);
    expect(log).toEqual(["a@10", "event@15", "b@20", "a2@25"]);
  });

  it("does not sleep for a time already passed", async () => {
    const clock = new SimulatedClock(T0);
    await clock.run(async () => {
      await clock.sleepUntil(at(-5));
      expect(clock.now()).toEqual(T0);
    });
  });
});

describe("simulated clock cancellation", () => {
  it("ends an aborted sleep at once and drops its timer, so time does not jump to it", async () => {
    const clock = new SimulatedClock(T0);
    const controller = new AbortController();
    await clock.run(async () => {
      const long = clock.sleepUntil(at(3_600), controller.signal);
      controller.abort();
      await long;
      await clock.sleepUntil(at(5));
    });
    expect(clock.now()).toEqual(at(5));
  });

  it("runs nothing scheduled once stopped, and settles at once", async () => {
    const clock = new SimulatedClock(T0);
    const ran: string[] = [];
    const failed: unknown[] = [];
    clock.schedule(
      at(60),
      async () => void ran.push("before stop"),
      (e) => failed.push(e),
    );
    clock.stop();
    clock.schedule(
      at(120),
      async () => void ran.push("after stop"),
      (e) => failed.push(e),
    );
    await clock.settle();
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toEqual([]);
    expect(failed).toEqual([]);
    expect(clock.now()).toEqual(T0);
  });
});
