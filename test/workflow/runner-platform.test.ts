import { afterEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "../../local/asl/clock";
import { installPromiseWithResolvers } from "../../local/asl/polyfill";
import { START } from "./runner-support";
import { settle } from "./test-clock";

/** What the runner relies on from the platform: Promise.withResolvers (polyfilled on Node 20) and the wall clock. */

describe("polyfill", () => {
  it("installs Promise.withResolvers when missing, and only then", async () => {
    const promiseCtor = Promise as unknown as {
      withResolvers?: <T>() => { promise: Promise<T>; resolve(v: T): void };
    };
    const original = Object.getOwnPropertyDescriptor(Promise, "withResolvers");
    try {
      delete promiseCtor.withResolvers;
      expect(installPromiseWithResolvers()).toBe(true);
      const { promise, resolve } = (
        Promise as unknown as { withResolvers<T>(): { promise: Promise<T>; resolve(v: T): void } }
      ).withResolvers<number>();
      resolve(42);
      await expect(promise).resolves.toBe(42);
      expect(installPromiseWithResolvers()).toBe(false);
    } finally {
      if (original) Object.defineProperty(Promise, "withResolvers", original);
    }
  });
});

describe("systemClock", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("wakes when the wall clock reaches the time, and at once on abort, dropping its timer", async () => {
    vi.useFakeTimers({ now: new Date(START), toFake: ["setTimeout", "clearTimeout", "Date"] });
    let woke = false;
    void systemClock.sleepUntil(new Date(Date.now() + 30)).then(() => {
      woke = true;
    });
    await vi.advanceTimersByTimeAsync(29);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(woke).toBe(true);

    const controller = new AbortController();
    let aborted = false;
    void systemClock.sleepUntil(new Date(Date.now() + 60_000), controller.signal).then(() => {
      aborted = true;
    });
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await settle();
    expect(aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
