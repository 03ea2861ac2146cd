import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Case, CaseStatus, FollowUpState } from "../domain/case";
import { maskCaseId } from "../domain/masking";
import type { MessageChannel } from "../domain/messaging";
import { FatalError } from "../errors";
import { conditionalUpdate } from "./conditional";
import { UpdateExpression } from "./update-expression";

/** A follow-up mark found its claim gone or changed: two writers, a bug (named as the wave's). */
export class FollowUpStateConflictError extends Error {
  override name = FatalError.FollowUpStateConflict;
}

type CaseRef = Pick<Case, "campaignId" | "participantId">;

/** What must still hold of the case when a follow-up is claimed. */
export interface FollowUpRequirement {
  status: CaseStatus;
  /** A promise eve: the promise is still pending, for this date. */
  pendingPromiseDate?: string;
  /** Nothing paid on the case yet (a REHAB instalment reminder: a payment this campaign ends it). */
  unpaid?: boolean;
}

/**
 * Follow-up state on the case item (`followUps.<key>`), claimed before the send, and the case's
 * message times (`messageTimes`, every message of either channel, the cap's input).
 *
 * At most one message per key: the claim is a conditional write only one invocation wins; a claim
 * never marked (the invocation died) is never claimed again, so never resent.
 */
export interface CaseFollowUpStore {
  /** Claims `key` when the case has no state for it, or a transient failure; and still meets `requires`. */
  claim(
    c: CaseRef & Pick<Case, "followUps">,
    key: string,
    requires: FollowUpRequirement,
    now: Date,
  ): Promise<"CLAIMED" | "ALREADY">;
  /** CLAIMED -> SENT, the send time appended to `messageTimes` in the same write. */
  markSent(
    c: CaseRef,
    key: string,
    now: Date,
    sent: { channel: MessageChannel; uncapped?: boolean },
  ): Promise<void>;
  /** CLAIMED -> FAILED; a retryable failure may be claimed again. */
  markFailed(
    c: CaseRef,
    key: string,
    now: Date,
    failure: { reason: string; retryable: boolean },
  ): Promise<void>;
}

export class DynamoCaseFollowUpStore implements CaseFollowUpStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async claim(
    c: CaseRef & Pick<Case, "followUps">,
    key: string,
    requires: FollowUpRequirement,
    now: Date,
  ): Promise<"CLAIMED" | "ALREADY"> {
    // A nested path needs its map: cases mapped before follow-ups get it once.
    if (!c.followUps) await this.ensureMap(c);
    const x = followUpClaim(key, now).require("#status = :caseStatus", { ":caseStatus": requires.status });
    if (requires.pendingPromiseDate) {
      x.name("#date", "date").require("promise.#status = :pending AND promise.#date = :promiseDate", {
        ":pending": "PENDING",
        ":promiseDate": requires.pendingPromiseDate,
      });
    }
    if (requires.unpaid) x.require("amountPaid = :zero", { ":zero": 0 });
    return (await conditionalUpdate(this.doc, x.update(this.table, keyOf(c)))) ? "CLAIMED" : "ALREADY";
  }

  async markSent(c: CaseRef, key: string, now: Date, sent: { channel: MessageChannel; uncapped?: boolean }) {
    const state: FollowUpState = { status: "SENT", at: now.toISOString(), ...sent };
    await this.fromClaimed(c, key, state);
  }

  async markFailed(c: CaseRef, key: string, now: Date, failure: { reason: string; retryable: boolean }) {
    const state: FollowUpState = { status: "FAILED", at: now.toISOString(), ...failure };
    await this.fromClaimed(c, key, state);
  }

  private async fromClaimed(c: CaseRef, key: string, state: FollowUpState) {
    const x = followUpMark(key, state);
    if (!(await conditionalUpdate(this.doc, x.update(this.table, keyOf(c))))) {
      throw new FollowUpStateConflictError(
        `case ${maskCaseId(c)} follow-up ${key.split("#")[0]} was not CLAIMED when marking it ${state.status}`,
      );
    }
  }

  /** `SET followUps = {}` unless present; never creates a case that is not there. */
  private async ensureMap(c: CaseRef) {
    await conditionalUpdate(this.doc, {
      TableName: this.table,
      Key: keyOf(c),
      UpdateExpression: "SET followUps = if_not_exists(followUps, :empty)",
      ConditionExpression: "attribute_exists(campaignId)",
      ExpressionAttributeValues: { ":empty": {} },
    });
  }
}

/** Appends a message's send time (`:times`) to the case's, for the cap across channels. */
export const APPEND_MESSAGE_TIME = "messageTimes = list_append(if_not_exists(messageTimes, :none), :times)";

/** The claim of follow-up `key` on an item (a case, a due-soon notice): no state yet, or a transient failure. */
export function followUpClaim(key: string, now: Date): UpdateExpression {
  const claim: FollowUpState = { status: "CLAIMED", at: now.toISOString() };
  return new UpdateExpression()
    .name("#k", key)
    .name("#status", "status")
    .assign("followUps.#k", ":claim", claim)
    .assign("updatedAt", ":now", claim.at)
    .require(
      "(attribute_not_exists(followUps.#k) OR (followUps.#k.#status = :failed AND followUps.#k.retryable = :true))",
      { ":failed": "FAILED", ":true": true },
    );
}

/** CLAIMED -> `state`; a message sent appends its time to the item's message times, unless asked for. */
export function followUpMark(key: string, state: FollowUpState): UpdateExpression {
  const x = new UpdateExpression()
    .name("#k", key)
    .name("#status", "status")
    .assign("followUps.#k", ":state", state)
    .assign("updatedAt", ":now", state.at)
    .require("followUps.#k.#status = :claimed", { ":claimed": "CLAIMED" });
  if (state.status === "SENT" && !state.uncapped) {
    x.set.push(APPEND_MESSAGE_TIME);
    x.value(":none", []).value(":times", [state.at]);
  }
  return x;
}

const keyOf = (c: CaseRef) => ({ campaignId: c.campaignId, participantId: c.participantId });
