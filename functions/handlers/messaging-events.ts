/**
 * Placeholder so the stack can bundle its catalogued entry: the messaging-events handler
 * (issue 15) replaces this file. Until then an event fails, and lands in the dead-letter queue.
 */
export async function handler(): Promise<never> {
  throw new Error("messaging-events is not implemented yet");
}
