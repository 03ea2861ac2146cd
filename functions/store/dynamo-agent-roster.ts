import {
  type DynamoDBDocumentClient,
  GetCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../channels/clock";
import { DEFAULT_RETENTION_DAYS } from "../contracts";
import { expiresAt } from "../domain/retention";
import type { AgentRoster, RosterEntry, RosterPhase, StartedContact } from "./agent-roster";
import { isConditionFailure } from "./conditional";
import { retriedConditionalUpdate, withConflictRetry } from "./conflict-retry";
import { UpdateExpression } from "./update-expression";

const rosterKey = (campaignId: string) => ({ limitId: `calls#${campaignId}` });

/**
 * Rosters known to exist, per client, table and campaign. Each call start moves the item's TTL on,
 * so it is deleted only the limits retention after the campaign's last call: once is enough.
 */
const rostersEnsured = new WeakMap<object, Set<string>>();

/** The agent roster on DynamoDB: one item per campaign in the limits table (see agent-roster.ts). */
export class DynamoAgentRoster implements AgentRoster {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly limitsTable: string,
    private readonly clock: Clock,
    private readonly retentionDays = DEFAULT_RETENTION_DAYS.limits,
  ) {}

  async entries(campaignId: string): Promise<RosterEntry[]> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.limitsTable, Key: rosterKey(campaignId), ConsistentRead: true }),
    );
    const calls = (out.Item?.calls ?? {}) as Record<string, Omit<RosterEntry, "participantId">>;
    return Object.entries(calls).map(([participantId, entry]) => ({ participantId, ...entry }));
  }

  async ensure(campaignId: string): Promise<void> {
    const key = `${this.limitsTable}/${campaignId}`;
    const ensured = rostersEnsured.get(this.doc) ?? new Set<string>();
    rostersEnsured.set(this.doc, ensured);
    if (ensured.has(key)) return;
    const input: UpdateCommandInput = {
      TableName: this.limitsTable,
      Key: rosterKey(campaignId),
      UpdateExpression: "SET calls = if_not_exists(calls, :empty), expiresAt = :expires",
      ExpressionAttributeValues: { ":empty": {}, ":expires": this.expiresAt() },
    };
    await withConflictRetry(() => this.doc.send(new UpdateCommand(input)));
    ensured.add(key);
  }

  /**
   * Puts a participant on the roster before claiming a call; false when already there or when
   * every agent is taken (checked in the same write: several dialers may race for the last seat).
   */
  async reserve(
    campaignId: string,
    entry: Omit<RosterEntry, "phase" | "endedAt">,
    agentsOnShift: number,
  ): Promise<boolean> {
    const x = new UpdateExpression().name("#p", entry.participantId);
    x.set.push("calls.#p = :entry");
    x.assign("expiresAt", ":expires", this.expiresAt());
    x.conditions.push("attribute_exists(calls)", "attribute_not_exists(calls.#p)", "size(calls) < :agents");
    x.value(":entry", { attempt: entry.attempt, startedAt: entry.startedAt, phase: "CALL" });
    x.value(":agents", agentsOnShift);
    return this.conditional(x, campaignId);
  }

  /** The call ended answered: the agent stays busy in after-contact work. True when this moved it. */
  async toWrapUp(
    campaignId: string,
    participantId: string,
    attempt: number,
    endedAt: string,
  ): Promise<boolean> {
    const x = new UpdateExpression().name("#p", participantId).name("#phase", "phase");
    x.set.push("calls.#p.#phase = :wrap", "calls.#p.endedAt = :ended");
    x.conditions.push("calls.#p.attempt = :a", "calls.#p.#phase = :call");
    x.value(":wrap", "WRAP_UP").value(":ended", endedAt).value(":a", attempt).value(":call", "CALL");
    return this.conditional(x, campaignId);
  }

  /**
   * Keeps on the roster a call Connect started when its case could not be updated, so the next tick
   * confirms it on the case (see DialQueue.confirmStart). False when the entry is not this attempt's any more.
   */
  async noteStarted(
    campaignId: string,
    participantId: string,
    attempt: number,
    started: StartedContact,
  ): Promise<boolean> {
    const x = new UpdateExpression().name("#p", participantId);
    x.set.push("calls.#p.started = :started");
    x.conditions.push("calls.#p.attempt = :a");
    x.value(":started", started).value(":a", attempt);
    return this.conditional(x, campaignId);
  }

  /**
   * Takes a participant off the roster (only that attempt, and only in `phase` when given).
   * Returns the phase it was in, or undefined when another writer already took it off.
   */
  async release(
    campaignId: string,
    participantId: string,
    match: { attempt?: number; phase?: RosterPhase },
  ): Promise<RosterPhase | undefined> {
    const x = new UpdateExpression().name("#p", participantId);
    x.remove.push("calls.#p");
    x.conditions.push("attribute_exists(calls.#p)");
    if (match.attempt !== undefined) x.require("calls.#p.attempt = :a", { ":a": match.attempt });
    if (match.phase) {
      x.name("#phase", "phase").value(":phase", match.phase);
      x.conditions.push("calls.#p.#phase = :phase");
    }
    const input = {
      ...x.update(this.limitsTable, rosterKey(campaignId)),
      ReturnValues: "UPDATED_OLD" as const,
    };
    try {
      const out = await withConflictRetry(() => this.doc.send(new UpdateCommand(input)));
      const old = (out.Attributes?.calls as Record<string, RosterEntry> | undefined)?.[participantId];
      return old?.phase ?? "CALL";
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  private expiresAt(): number {
    return expiresAt(this.clock.now(), this.retentionDays);
  }

  private conditional(x: UpdateExpression, campaignId: string): Promise<boolean> {
    return retriedConditionalUpdate(this.doc, x.update(this.limitsTable, rosterKey(campaignId)));
  }
}
