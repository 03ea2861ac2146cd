import { readFileSync } from "node:fs";
import { LocalStateMachines } from "../../local/asl/runner";
import { TestClock } from "./test-clock";

/** Shared by the runner's tests (runner-*.test.ts). */

export const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/asl/${name}.asl.json`, import.meta.url), "utf8");

export const START = "2025-03-03T01:00:00.000Z";

export const LAMBDA = "arn:aws:lambda:local:000000000000:function:noop";

/** A runner on a test clock: "jump" moves time at each sleep, "manual" waits for the test. */
export function setup(mode: "jump" | "manual" = "jump") {
  const clock = new TestClock(START, mode);
  const sfn = new LocalStateMachines({ clock });
  return { clock, sfn };
}

export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw");
}

export class TransientError extends Error {
  override name = "TransientError";
}

export class PermanentError extends Error {
  override name = "PermanentError";
}
