/**
 * Time as a port: AWS runs on the system clock; the local runtime runs a simulated clock so a
 * month-long campaign takes minutes. Domain code never reads either: it is handed `now`.
 */
export interface Clock {
  now(): Date;
  /** Resolves at `at` (immediately when it has passed). */
  sleepUntil(at: Date): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleepUntil: (at) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at.getTime() - Date.now()))),
};
