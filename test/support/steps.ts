/**
 * A step of a test file's story: `run` happens on the first call only and every caller gets that
 * outcome, so each test can ask for what it needs done first and still run alone or in any order.
 */
export function once<T>(run: () => Promise<T>): () => Promise<T> {
  let outcome: Promise<T> | undefined;
  return () => {
    outcome ??= run();
    return outcome;
  };
}
