import type { Participant } from "../domain/participant";
import type { ParticipantStore } from "../store/participants";

/** Writes participants through ParticipantStore.putMany in chunks, with a bounded number in flight. */
export class ChunkedWriter {
  private batch: Participant[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;
  requests = 0;

  constructor(
    private readonly store: ParticipantStore,
    private readonly chunkSize: number,
    private readonly maxInFlight: number,
  ) {}

  async add(participant: Participant): Promise<void> {
    this.batch.push(participant);
    if (this.batch.length >= this.chunkSize) await this.flush();
  }

  /** Writes what is buffered and waits for every write; throws the first write failure. */
  async finish(): Promise<void> {
    await this.flush();
    await Promise.all(this.inFlight);
    this.throwIfFailed();
  }

  /** After a failure elsewhere: lets the writes in flight end before the error leaves the importer. */
  async settle(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  private async flush(): Promise<void> {
    this.throwIfFailed();
    const items = this.batch;
    if (items.length === 0) return;
    this.batch = [];
    while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
    this.throwIfFailed();
    // Tracked promises never reject, so none goes unhandled; the failure is rethrown on the next call.
    const write: Promise<void> = Promise.resolve()
      .then(() => this.store.putMany(items))
      .then(
        ({ requests }) => {
          this.requests += requests;
        },
        (error: unknown) => {
          this.failure ??= { error };
        },
      )
      .finally(() => this.inFlight.delete(write));
    this.inFlight.add(write);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
