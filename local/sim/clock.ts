import type { Clock } from "../../functions/channels/clock";

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
  cancelled: boolean;
}

const earlier = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** A binary min-heap of timers by (time, push order). */
class TimerQueue {
  private readonly heap: Timer[] = [];

  push(timer: Timer): void {
    const h = this.heap;
    h.push(timer);
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!earlier(h[i] as Timer, h[parent] as Timer)) break;
      [h[i], h[parent]] = [h[parent] as Timer, h[i] as Timer];
      i = parent;
    }
  }

  /** The earliest timer still armed, removed from the queue. */
  pop(): Timer | undefined {
    for (;;) {
      const h = this.heap;
      const top = h[0];
      if (!top) return undefined;
      const last = h.pop() as Timer;
      if (h.length > 0) {
        h[0] = last;
        for (let i = 0; ; ) {
          const left = 2 * i + 1;
          const right = left + 1;
          let least = i;
          if (left < h.length && earlier(h[left] as Timer, h[least] as Timer)) least = left;
          if (right < h.length && earlier(h[right] as Timer, h[least] as Timer)) least = right;
          if (least === i) break;
          [h[i], h[least]] = [h[least] as Timer, h[i] as Timer];
          i = least;
        }
      }
      if (!top.cancelled) return top;
    }
  }
}

/**
 * A deterministic discrete-event clock for the local runtime. Work runs as actors (`run`,
 * `schedule`), and one actor at a time: an actor runs until it ends or sleeps on the clock, and
 * only then does the next one start or wake, in the order of (time, when it was queued). Time
 * stands still while an actor is busy (computing or waiting on real I/O such as DynamoDB Local)
 * and jumps to the next timer when none is. So a month of campaign runs in minutes, and the same
 * inputs give the same order of events, whatever the machine's speed: which agent takes which
 * call, which SMS or call gets which second of the account-wide quotas.
 *
 * The one rule for code that runs as an actor: never sleep on the clock while other work of the
 * same actor is in flight (a `Promise.all` of a read and a permit, a pool of sends each waiting
 * for its permit). The sleep counts the whole actor idle, so time moves on and other actors run
 * while that work still reads and writes, in whatever order the machine's load gives.
 */
export class SimulatedClock implements Clock {
  private current: number;
  private busy = 0;
  private seq = 0;
  private readonly timers = new TimerQueue();
  private checkQueued = false;
  private advances = 0;
  private settled: (() => void)[] = [];
  private stopped = false;

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
        timer.cancelled = true;
        this.busy++;
        resolve();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /**
   * Runs `work` as an actor, now in simulated time, once no other actor is busy: the clock waits
   * for it whenever it is not sleeping on the clock. An actor that awaits another actor's work
   * must do it through `handOff`, or both would wait for each other.
   */
  run<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.push(this.current, () => {
        this.act(work).then(resolve, reject);
      });
    });
  }

  /**
   * The calling actor waits for `work` (another actor, e.g. a handler invoked by a simulated call)
   * and is not busy meanwhile: that actor may start, and if it sleeps on the clock, time may advance.
   */
  async handOff<T>(work: () => Promise<T>): Promise<T> {
    this.busy--;
    this.queueCheck();
    try {
      return await work();
    } finally {
      this.busy++;
    }
  }

  /** Runs `task` as an actor once the clock reaches `at` (background events: calls, payments). */
  schedule(at: Date, task: () => Promise<void>, onError: (error: unknown) => void): void {
    this.push(Math.max(at.getTime(), this.current), () => {
      this.act(task).catch(onError);
    });
  }

  /**
   * Time stops for good: nothing scheduled runs any more (the system it drives is shutting down,
   * and its handlers' ports are gone). Work already running finishes; settle() resolves.
   */
  stop(): void {
    this.stopped = true;
    while (this.timers.pop());
    this.releaseSettled();
  }

  /** Resolves once no actor is busy and nothing is scheduled any more. */
  settle(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      this.settled.push(resolve);
      this.queueCheck();
    });
  }

  private async act<T>(work: () => Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await work();
    } finally {
      this.busy--;
      this.queueCheck();
    }
  }

  private push(at: number, fire: () => void): Timer {
    const timer = { at, seq: this.seq++, fire, cancelled: false };
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
      this.startNext();
    });
  }

  private releaseSettled() {
    const waiting = this.settled;
    this.settled = [];
    for (const resolve of waiting) resolve();
  }

  /** When no actor is busy: the earliest timer fires (time jumps to it), and only that one. */
  private startNext() {
    if (this.busy > 0 || this.stopped) return;
    const timer = this.timers.pop();
    if (!timer) {
      this.releaseSettled();
      return;
    }
    if (timer.at > this.current) {
      this.current = timer.at;
      this.advances++;
    }
    timer.fire();
    this.queueCheck();
  }
}
