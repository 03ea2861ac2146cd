import type { DynamoDBDocumentClient, UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../channels/clock";
import { DEFAULT_RETENTION_DAYS } from "../contracts";
import { expiresAt } from "../domain/retention";
import { conditionalUpdate } from "./conditional";

/**
 * Account-wide quotas shared by every branch's campaign at once (SNS SMS per second,
 * StartOutboundVoiceContact per second, concurrent calls per Connect instance). The counters
 * live in DynamoDB, never in one execution's memory.
 */
export interface RateLimiter {
  /**
   * Takes between 1 and `wanted` permits of a per-second quota, waiting (on the clock) for the
   * next second when this one is used up. Resolves with the number taken.
   */
  acquire(limitId: string, perSecond: number, wanted: number): Promise<number>;
}

export interface ConcurrencyGate {
  /** Takes a slot when fewer than `max` are held; false otherwise. */
  tryEnter(gateId: string, max: number): Promise<boolean>;
  /** Gives a slot back (never below zero). */
  leave(gateId: string): Promise<void>;
}

/**
 * Fixed one-second windows on one item per quota: `{window, used}`. A permit is taken with a
 * conditional `used = used + n` while the item's window is this second and the sum stays within
 * the quota, or by moving the item to this second. So no calendar second ever exceeds the quota,
 * whoever the callers are. (One item rather than one per second: DynamoDB Local can let two
 * simultaneous conditional creates of the same new item both succeed, which real DynamoDB does
 * not; with the item created once up front, every take is an update of an existing item.)
 */
export class DynamoRateLimiter implements RateLimiter {
  private readonly created = new Set<string>();
  /** The last second each limit was taken in by this limiter. */
  private readonly lastSecond = new Map<string, number>();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly clock: Clock,
    private readonly retentionDays = DEFAULT_RETENTION_DAYS.limits,
  ) {}

  async acquire(limitId: string, perSecond: number, wanted: number): Promise<number> {
    if (wanted < 1) return 0;
    await this.ensure(limitId);
    for (;;) {
      const second = Math.floor(this.clock.now().getTime() / 1000);
      // Take as many as fit: try the whole request, then halve down to one.
      for (let n = Math.min(wanted, perSecond); n >= 1; n = Math.floor(n / 2)) {
        if (await this.take(limitId, second, perSecond, n)) return n;
      }
      await this.clock.sleepUntil(new Date((second + 1) * 1000));
    }
  }

  private async ensure(limitId: string) {
    if (this.created.has(limitId)) return;
    await this.conditionally({
      TableName: this.table,
      Key: { limitId },
      UpdateExpression: "SET #window = :zero, used = :zero, expiresAt = :expires",
      ConditionExpression: "attribute_not_exists(#window)",
      ExpressionAttributeNames: { "#window": "window" },
      ExpressionAttributeValues: { ":zero": 0, ":expires": expiresAt(this.clock.now(), this.retentionDays) },
    });
    this.created.add(limitId);
  }

  private async take(limitId: string, second: number, perSecond: number, n: number) {
    const names = { "#window": "window" };
    const addToWindow = () =>
      this.conditionally({
        TableName: this.table,
        Key: { limitId },
        UpdateExpression: "SET used = used + :n",
        ConditionExpression: "#window = :second AND used <= :room",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ":n": n, ":second": second, ":room": perSecond - n },
      });
    // The item still counts an earlier second: this take opens the new one. A window more than a
    // minute ahead is no caller's clock skew but another timeline (a simulated clock reused). Each
    // new second moves the TTL on; an item TTL deleted meanwhile is created again.
    const openWindow = () =>
      this.conditionally({
        TableName: this.table,
        Key: { limitId },
        UpdateExpression: "SET #window = :second, used = :n, expiresAt = :expires",
        ConditionExpression: "attribute_not_exists(#window) OR #window < :second OR #window > :ahead",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: {
          ":n": n,
          ":second": second,
          ":ahead": second + 60,
          ":expires": expiresAt(new Date(second * 1000), this.retentionDays),
        },
      });
    // Both writes are conditional, so the order is only a guess at which one holds: a second this
    // limiter has not seen yet is most likely still unopened.
    const seen = this.lastSecond.get(limitId) === second;
    this.lastSecond.set(limitId, second);
    return seen
      ? (await addToWindow()) || (await openWindow())
      : (await openWindow()) || (await addToWindow());
  }

  private conditionally(input: UpdateCommandInput): Promise<boolean> {
    return conditionalUpdate(this.doc, input);
  }
}

export class DynamoConcurrencyGate implements ConcurrencyGate {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly clock: Clock,
    private readonly retentionDays = DEFAULT_RETENTION_DAYS.limits,
  ) {}

  /** Each entry moves the gate's TTL on: it is deleted only the limits retention after its last call. */
  tryEnter(gateId: string, max: number) {
    return conditionalUpdate(this.doc, {
      TableName: this.table,
      Key: { limitId: gateId },
      UpdateExpression: "ADD held :one SET expiresAt = :expires",
      ConditionExpression: "attribute_not_exists(held) OR held < :max",
      ExpressionAttributeValues: {
        ":one": 1,
        ":max": max,
        ":expires": expiresAt(this.clock.now(), this.retentionDays),
      },
    });
  }

  async leave(gateId: string) {
    // Never below zero: a second leave for the same call changes nothing.
    await conditionalUpdate(this.doc, {
      TableName: this.table,
      Key: { limitId: gateId },
      UpdateExpression: "ADD held :minus",
      ConditionExpression: "held > :zero",
      ExpressionAttributeValues: { ":minus": -1, ":zero": 0 },
    });
  }
}
