import { RetryableError } from "../errors";

/** The same item kept changing under us: the caller (Lambda, Step Functions) retries later. */
export class ConcurrentUpdateError extends Error {
  override name = RetryableError.ConcurrentUpdate;
}
