/**
 * `aws-local-stepfunctions` 3.0.0 calls `Promise.withResolvers` (ES2024, Node 22) in every Task
 * state; Node 20 lacks it. Importing this module installs a spec-shaped polyfill when missing.
 */

export interface PromiseWithResolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

type WithResolvers = <T>(this: PromiseConstructor) => PromiseWithResolvers<T>;

function withResolvers<T>(this: PromiseConstructor): PromiseWithResolvers<T> {
  let resolve!: PromiseWithResolvers<T>["resolve"];
  let reject!: PromiseWithResolvers<T>["reject"];
  // `this` keeps subclass semantics, as the native method does (`SubPromise.withResolvers()`).
  const promise = new this<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A typed `Promise.withResolvers()` that works whatever the lib/target settings say. */
export function promiseWithResolvers<T>(): PromiseWithResolvers<T> {
  return withResolvers.call<PromiseConstructor, [], PromiseWithResolvers<T>>(Promise);
}

/** Installs `Promise.withResolvers` when missing; returns true when it had to. Idempotent. */
export function installPromiseWithResolvers(): boolean {
  const ctor = Promise as PromiseConstructor & { withResolvers?: WithResolvers };
  if (typeof ctor.withResolvers === "function") return false;
  Object.defineProperty(Promise, "withResolvers", {
    value: withResolvers,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  return true;
}

installPromiseWithResolvers();
