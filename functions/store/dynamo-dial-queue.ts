import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { CaseTransition } from "../domain/case-transitions";
import { interactionItem, type NewInteraction } from "../domain/interaction";
import { isConditionFailure } from "./conditional";
import {
  retriedConditionalTransact,
  retriedConditionalUpdate,
  type TransactItem,
  withConflictRetry,
} from "./conflict-retry";
import type { AttemptClaim, CaseKey, DialCase, DialQueue, DispositionClaim, QueuedCase } from "./dial-queue";
import { putInteractionOnce } from "./interactions";
import { CASES_BY_CONTACT, CASES_DIAL_QUEUE } from "./schemas";
import { UpdateExpression } from "./update-expression";

const keyOf = (c: CaseKey) => ({ campaignId: c.campaignId, participantId: c.participantId });

/** The fields a transition changes (see CaseTransition). */
function applyTransition(x: UpdateExpression, campaignId: string, t: CaseTransition): void {
  if (t.lastOutcome) x.assign("lastOutcome", ":lastOutcome", t.lastOutcome);
  if (t.contacted) x.assign("contacted", ":contacted", true);
  if (t.lastAgentId) x.assign("lastAgentId", ":agent", t.lastAgentId);
  if (t.contactable !== undefined) x.assign("contactable", ":contactable", t.contactable);
  if (t.phone) x.assign("phone", ":phone", t.phone.e164).assign("phoneType", ":phoneType", t.phone.type);
  if (t.suspectPhone === "CLEAR") x.remove.push("suspectPhone");
  else if (t.suspectPhone) x.assign("suspectPhone", ":suspectPhone", t.suspectPhone.set);
  if (t.promise) x.assign("promise", ":promise", t.promise);
  else if (t.clearPromise) x.remove.push("promise");
  if (t.queue.next === "REQUEUE") {
    x.assign("dialQueue", ":queue", campaignId)
      .assign("dialRank", ":rank", t.queue.dialRank)
      .assign("nextAttemptAt", ":next", t.queue.nextAttemptAt);
  } else if (t.queue.next === "REMOVE") {
    x.remove.push("dialQueue", "dialRank");
  }
}

/** Optimistic guard: the fields a decision was taken on are still what was read. */
function guardSeen(x: UpdateExpression, c: DialCase): void {
  x.name("#status", "status")
    .require("#status = :open", { ":open": "OPEN" })
    .require("callAttempts = :seenAttempts", { ":seenAttempts": c.callAttempts })
    .require("nextAttemptAt = :seenNext", { ":seenNext": c.nextAttemptAt });
  guardLastOutcome(x, c);
  if (c.inFlight) x.require("inFlight.attempt = :seenInFlight", { ":seenInFlight": c.inFlight.attempt });
  else x.require("attribute_not_exists(inFlight)");
}

function guardLastOutcome(x: UpdateExpression, c: DialCase): void {
  if (c.lastOutcome) x.require("lastOutcome = :seenOutcome", { ":seenOutcome": c.lastOutcome });
  else x.require("attribute_not_exists(lastOutcome)");
}

/** The call's disposition on record (see DispositionClaim). */
function claimDisposition(x: UpdateExpression, c: DialCase, claim: DispositionClaim): void {
  x.name("#dispositions", "dispositions");
  if (!c.dispositions) {
    x.assign("#dispositions", ":dispositions", { [claim.key]: claim.record });
    x.require("attribute_not_exists(#dispositions)");
  } else {
    x.name("#call", claim.key).assign("#dispositions.#call", ":recorded", claim.record);
    if (claim.replaces) {
      x.name("#fingerprint", "fingerprint");
      x.require("#dispositions.#call.#fingerprint = :replaces", { ":replaces": claim.replaces });
    } else {
      x.require("attribute_exists(#dispositions)").require("attribute_not_exists(#dispositions.#call)");
    }
  }
}

/** The dial queue on DynamoDB: the cases table, its dialQueue and byContact indexes, and the interactions table. */
export class DynamoDialQueue implements DialQueue {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tables: { cases: string; interactions: string },
    private readonly retentionDays: number,
  ) {}

  // -------------------------------------------------------------------------------------------
  // Reads

  async get(key: CaseKey): Promise<DialCase | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tables.cases, Key: keyOf(key), ConsistentRead: true }),
    );
    return out.Item as DialCase | undefined;
  }

  /**
   * The case whose call in flight is this Amazon Connect contact: its key from the sparse GSI
   * byContact (keys only), then the case itself, read consistently. Conditional writes on it
   * still fail if it changes after this read (read again then).
   */
  async findByContact(contactId: string): Promise<DialCase | undefined> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tables.cases,
        IndexName: CASES_BY_CONTACT,
        KeyConditionExpression: "activeContactId = :c",
        ExpressionAttributeValues: { ":c": contactId },
        Limit: 1,
      }),
    );
    const key = out.Items?.[0] as CaseKey | undefined;
    return key ? this.get(key) : undefined;
  }

  /**
   * Reads the dial queue in dialRank order, page by page, handing each case to `visit` until it
   * returns true (enough candidates). The due/window/cap checks are the caller's (domain rules).
   * Returns whether the whole queue was read.
   */
  async scanDialQueue(
    campaignId: string,
    visit: (c: QueuedCase) => Promise<boolean> | boolean,
    options: { dueBy?: Date; pageSize?: number } = {},
  ): Promise<{ exhausted: boolean }> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tables.cases,
          IndexName: CASES_DIAL_QUEUE,
          KeyConditionExpression: "dialQueue = :q",
          // The filter runs in DynamoDB: cases waiting for a later attempt never travel.
          ...(options.dueBy
            ? {
                FilterExpression: "nextAttemptAt <= :due",
                ExpressionAttributeValues: { ":q": campaignId, ":due": options.dueBy.toISOString() },
              }
            : { ExpressionAttributeValues: { ":q": campaignId } }),
          Limit: options.pageSize ?? (options.dueBy ? 500 : 100),
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of out.Items ?? []) {
        if (await visit(item as QueuedCase)) return { exhausted: false };
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return { exhausted: true };
  }

  async queueEmpty(campaignId: string): Promise<boolean> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tables.cases,
        IndexName: CASES_DIAL_QUEUE,
        KeyConditionExpression: "dialQueue = :q",
        ExpressionAttributeValues: { ":q": campaignId },
        ProjectionExpression: "participantId",
        Limit: 1,
      }),
    );
    return (out.Items?.length ?? 0) === 0;
  }

  // -------------------------------------------------------------------------------------------
  // Attempts, outcomes and dispositions

  /**
   * Claims attempt n on a case read from the queue, only if nothing changed since and no call is
   * in flight. Returns the whole case as claimed, or undefined when the claim lost.
   */
  async claimAttempt(c: QueuedCase, claim: AttemptClaim): Promise<DialCase | undefined> {
    const x = new UpdateExpression().name("#status", "status");
    const today = c.attemptsToday?.date === claim.localDate ? c.attemptsToday.count : 0;
    x.set.push(
      "callAttempts = :attempt",
      "attemptsToday = :today",
      "inFlight = :inFlight",
      "updatedAt = :now",
    );
    x.conditions.push(
      "#status = :open",
      "attribute_not_exists(inFlight)",
      "callAttempts = :prev",
      "nextAttemptAt = :next",
      "dialQueue = :queue",
    );
    x.value(":attempt", claim.attempt)
      .value(":today", { date: claim.localDate, count: today + 1 })
      .value(":inFlight", { contactId: "", attempt: claim.attempt, startedAt: claim.startedAt })
      .value(":now", claim.startedAt)
      .value(":open", "OPEN")
      .value(":prev", claim.attempt - 1)
      .value(":next", c.nextAttemptAt)
      .value(":queue", c.campaignId);
    const input = { ...x.update(this.tables.cases, keyOf(c)), ReturnValues: "ALL_NEW" as const };
    try {
      const out = await withConflictRetry(() => this.doc.send(new UpdateCommand(input)));
      return out.Attributes as DialCase;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /**
   * Gives a claimed attempt back (a retryable start failure: nothing was dialled), so it neither
   * counts toward the caps nor is lost. The failure is recorded first, on its own: it happened
   * whether or not the give-back still applies.
   */
  async unclaimAttempt(c: DialCase, attempt: number, failure: NewInteraction, now: Date): Promise<boolean> {
    const x = new UpdateExpression();
    x.set.push("callAttempts = :prev", "updatedAt = :now");
    x.remove.push("inFlight");
    if (c.attemptsToday) x.assign("attemptsToday", ":today", c.attemptsToday);
    else x.remove.push("attemptsToday");
    x.conditions.push("inFlight.attempt = :a", "attribute_not_exists(activeContactId)");
    x.value(":prev", attempt - 1)
      .value(":now", now.toISOString())
      .value(":a", attempt);
    await this.recordInteraction(failure);
    return this.conditional(x.update(this.tables.cases, keyOf(c)));
  }

  /**
   * Connect accepted the start: the contact is now the case's active contact. The CALL_STARTED
   * entry is written on its own, alongside (the call did start, even if its outcome overtakes the
   * case's update); outside a transaction both writes cost half.
   */
  async confirmStart(
    key: CaseKey,
    attempt: number,
    contactId: string,
    started: NewInteraction,
  ): Promise<boolean> {
    const x = new UpdateExpression();
    x.set.push("inFlight.contactId = :cid", "activeContactId = :cid", "updatedAt = :now");
    x.conditions.push("inFlight.attempt = :a");
    x.value(":cid", contactId).value(":a", attempt).value(":now", started.at);
    const [, confirmed] = await Promise.all([
      this.recordInteraction(started),
      this.conditional(x.update(this.tables.cases, keyOf(key))),
    ]);
    return confirmed;
  }

  /**
   * Ends attempt n once: clears the call in flight and applies the transition, with its
   * interaction, in one transaction. False when this attempt already ended (a duplicate) or the
   * case changed since it was read (read again and retry).
   */
  async endAttempt(
    c: DialCase,
    ended: { attempt: number; contactId?: string | undefined },
    transition: CaseTransition,
    interaction: NewInteraction,
  ): Promise<boolean> {
    const x = new UpdateExpression();
    applyTransition(x, c.campaignId, transition);
    x.set.push("updatedAt = :now");
    x.remove.push("inFlight", "activeContactId");
    x.value(":now", interaction.at).value(":a", ended.attempt);
    x.conditions.push("inFlight.attempt = :a");
    if (ended.contactId) x.require("activeContactId = :cid", { ":cid": ended.contactId });
    else x.require("attribute_not_exists(activeContactId)");
    // A disposition recorded during the call changes what the outcome does: decide on what was read.
    const disposition = c.inFlight?.disposition;
    x.name("#disp", "disposition");
    if (disposition) x.require("inFlight.#disp = :disp", { ":disp": disposition });
    else x.require("attribute_not_exists(inFlight.#disp)");
    guardLastOutcome(x, c);
    return this.transact([
      { Update: x.update(this.tables.cases, keyOf(c)) },
      this.putInteraction(interaction),
    ]);
  }

  /**
   * One conditional update of the case plus its DISPOSITION interaction, all or nothing. The call's
   * entry in `dispositions` is the claim: a second writer of the same call's first disposition, or
   * of an amendment of a form already replaced, fails the condition. A transition (the case is
   * OPEN) is applied under the same optimistic guard as every dialer write.
   */
  async applyDisposition(
    c: DialCase,
    claim: DispositionClaim,
    interaction: NewInteraction,
    transition?: CaseTransition,
  ): Promise<boolean> {
    const x = new UpdateExpression();
    if (transition) {
      guardSeen(x, c);
      applyTransition(x, c.campaignId, transition);
      // During a call the outcome must not undo what the agent decided (see endAttempt).
      if (c.inFlight && transition.lastOutcome) {
        x.name("#disp", "disposition");
        x.assign("inFlight.#disp", ":disp", transition.lastOutcome);
      }
    }
    claimDisposition(x, c, claim);
    x.set.push("updatedAt = :now");
    x.value(":now", interaction.at);
    return this.transact([
      { Update: x.update(this.tables.cases, keyOf(c)) },
      this.putInteraction(interaction),
    ]);
  }

  /** A pending promise passed its date + grace: BROKEN, at the top of the queue, recorded once. */
  async markPromiseBroken(c: QueuedCase, boostedRank: string, interaction: NewInteraction): Promise<boolean> {
    const x = new UpdateExpression().name("#ps", "status").name("#pd", "date");
    x.set.push("promise.#ps = :broken", "dialRank = :rank", "updatedAt = :now");
    x.conditions.push("promise.#ps = :pending", "promise.#pd = :date", "attribute_not_exists(inFlight)");
    x.value(":broken", "BROKEN")
      .value(":rank", boostedRank)
      .value(":now", interaction.at)
      .value(":pending", "PENDING")
      .value(":date", c.promise?.date ?? "");
    return this.transact([
      { Update: x.update(this.tables.cases, keyOf(c)) },
      this.putInteraction(interaction),
    ]);
  }

  /** Takes a case that can never be called again out of the queue (not while a call is in flight). */
  async removeFromQueue(key: CaseKey): Promise<boolean> {
    const x = new UpdateExpression();
    x.remove.push("dialQueue", "dialRank");
    x.conditions.push("attribute_exists(dialQueue)", "attribute_not_exists(inFlight)");
    return this.conditional(x.update(this.tables.cases, keyOf(key)));
  }

  /** Appends an interaction on its own, once (false when it was already there). */
  async recordInteraction(interaction: NewInteraction): Promise<boolean> {
    return withConflictRetry(() =>
      putInteractionOnce(this.doc, this.tables.interactions, interaction, this.retentionDays),
    );
  }

  // -------------------------------------------------------------------------------------------

  /** Same item as DynamoInteractionStore.record, so the two never disagree. */
  private putInteraction(interaction: NewInteraction): TransactItem {
    return {
      Put: {
        TableName: this.tables.interactions,
        Item: interactionItem(interaction, this.retentionDays),
        ConditionExpression: "attribute_not_exists(interactionKey)",
      },
    };
  }

  /** An update whose condition may fail: false then. */
  private conditional(input: UpdateCommandInput): Promise<boolean> {
    return retriedConditionalUpdate(this.doc, input);
  }

  /** A transaction whose conditions may fail: false then; conflicts with other writers are retried. */
  private transact(items: TransactItem[]): Promise<boolean> {
    return retriedConditionalTransact(this.doc, items);
  }
}
