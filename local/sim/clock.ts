import type { Clock } from "../../functions/channels/clock";

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

/**
 * A discrete-event clock for the local runtime. Work runs as actors (`run`); time stands still
 * while any actor is busy (computing or waiting on real I/O such as DynamoDB Local) and jumps to
 * the next timer only when every actor sleeps on the clock. So a month of campaign runs in
 * minutes, and nothing happens "between" two instants that the code did not ask for.
 */
export class SimulatedClock implements Clock {
  private current: number;
  private busy = 0;
  private seq = 0;
  private timers: Timer[] = [];
  private checkQueued = false;
  private advances = 0;

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** How many times time jumped forward; for progress displays and tests. */
  get jumps(): number {
    return this.advances;
  }

  /** An aborted sleep ends at once and its timer is dropped (the ASL runner cancels timeouts so). */
  sleepUntil(at: Date, signal?: AbortSignal): Promise<void> {
    if (at.getTime() <= this.current || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      this.busy--;
      const timer = this.push(at.getTime(), () => {
        signal?.removeEventListener("abort", onAbort);
        this.busy++;
        resolve();
      });
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        this.busy++;
        resolve();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Runs `work` as an actor: the clock waits for it whenever it is not sleeping on the clock. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await work();
    } finally {
      this.busy--;
      this.queueCheck();
    }
  }

  /**
   * The calling actor waits for `work` (another actor, e.g. a handler invoked by a simulated call)
   * and is not busy meanwhile: if that actor sleeps on the clock, time may advance.
   */
  async handOff<T>(work: () => Promise<T>): Promise<T> {
    this.busy--;
    try {
      return await work();
    } finally {
      this.busy++;
    }
  }

  /** Runs `task` as an actor once the clock reaches `at` (background events: calls, payments). */
  schedule(at: Date, task: () => Promise<void>, onError: (error: unknown) => void): void {
    this.push(Math.max(at.getTime(), this.current), () => {
      this.run(task).catch(onError);
    });
  }

  private push(at: number, fire: () => void): Timer {
    const timer = { at, seq: this.seq++, fire };
    this.timers.push(timer);
    this.queueCheck();
    return timer;
  }

  private queueCheck() {
    if (this.checkQueued) return;
    this.checkQueued = true;
    // Let promise continuations and I/O callbacks of this turn register first.
    setImmediate(() => {
      this.checkQueued = false;
      this.advanceIfIdle();
    });
  }

  private advanceIfIdle() {
    if (this.busy > 0 || this.timers.length === 0) return;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = this.timers[0]?.at ?? this.current;
    if (next > this.current) {
      this.current = next;
      this.advances++;
    }
    const due = this.timers.filter((t) => t.at <= this.current);
    this.timers = this.timers.filter((t) => t.at > this.current);
    for (const timer of due) timer.fire();
    this.queueCheck();
  }
}
