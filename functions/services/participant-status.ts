import type { ChannelProfile } from "../domain/messaging";
import {
  type ChangeMeta,
  profileAfterChange,
  type StatusChange,
  statusAuditOf,
} from "../domain/participant-status";
import type { ParticipantAuditStore } from "../store/participant-audit";
import type { ProfileStore } from "../store/profiles";

/** What setting a participant's lasting status needs: the profiles and the audit trail. */
export interface ParticipantStatusDeps {
  profiles: Pick<ProfileStore, "update">;
  audit: Pick<ParticipantAuditStore, "record">;
}

/**
 * Applies `changes` to the participant's profile in one guarded write, then audits each (who,
 * when, what, why, from where). A change that alters nothing (the same status again, a delivery
 * retried) is not audited twice.
 */
export async function setParticipantStatus(
  deps: ParticipantStatusDeps,
  participantId: string,
  changes: readonly StatusChange[],
  meta: ChangeMeta,
): Promise<ChannelProfile | undefined> {
  if (changes.length === 0) return undefined;
  let before: ChannelProfile | undefined;
  const after = await deps.profiles.update(participantId, (current) => {
    before = current;
    let next = current;
    for (const change of changes) next = profileAfterChange(next, participantId, change, meta);
    return next as ChannelProfile;
  });
  for (const change of changes) {
    const record = statusAuditOf(before, after, change, meta);
    if ((record.previous ?? "null") !== record.current) await deps.audit.record(record);
  }
  return after;
}
