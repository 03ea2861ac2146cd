import type { ChannelProfile } from "../domain/messaging";

/**
 * What the system has learned about reaching each participant, lasting across campaigns
 * (table `profiles`, keyed by participantId; issue-16 statuses join it later).
 */
export interface ProfileStore {
  /** The profiles of these participants (BatchGetItem); absent ones are not in the map. */
  getMany(participantIds: readonly string[]): Promise<Map<string, ChannelProfile>>;
  get(participantId: string): Promise<ChannelProfile | undefined>;
  /**
   * Read, change with `change`, write back guarded by the read's updatedAt (retried on a race):
   * how statuses and opt-outs are applied.
   */
  update(
    participantId: string,
    change: (current: ChannelProfile | undefined) => ChannelProfile,
  ): Promise<ChannelProfile>;
}
