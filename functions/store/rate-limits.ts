import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../channels/clock";

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
 * Fixed one-second windows: one item per quota and second, `ADD used :n` only while the total
 * stays within the quota. So no calendar second ever exceeds it, whoever the callers are.
 */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly clock: Clock,
  ) {}

  async acquire(limitId: string, perSecond: number, wanted: number): Promise<number> {
    if (wanted < 1) return 0;
    for (;;) {
      const second = Math.floor(this.clock.now().getTime() / 1000);
      // Take as many as fit: try the whole request, then halve down to one.
      for (let n = Math.min(wanted, perSecond); n >= 1; n = Math.floor(n / 2)) {
        if (await this.take(limitId, second, perSecond, n)) return n;
      }
      await this.clock.sleepUntil(new Date((second + 1) * 1000));
    }
  }

  private async take(limitId: string, second: number, perSecond: number, n: number) {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { limitId: `${limitId}#${second}` },
          UpdateExpression: "ADD used :n SET expiresAt = :ttl",
          ConditionExpression: "attribute_not_exists(used) OR used <= :room",
          ExpressionAttributeValues: { ":n": n, ":room": perSecond - n, ":ttl": second + 3_600 },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

export class DynamoConcurrencyGate implements ConcurrencyGate {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async tryEnter(gateId: string, max: number) {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { limitId: gateId },
          UpdateExpression: "ADD held :one",
          ConditionExpression: "attribute_not_exists(held) OR held < :max",
          ExpressionAttributeValues: { ":one": 1, ":max": max },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async leave(gateId: string) {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { limitId: gateId },
          UpdateExpression: "ADD held :minus",
          ConditionExpression: "held > :zero",
          ExpressionAttributeValues: { ":minus": -1, ":zero": 0 },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
