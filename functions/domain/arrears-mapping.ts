import type { Participant } from "./participant";
import { countedMonths } from "./premiums";
import { type RehabOffer, rehabOffer } from "./rehab";
import { bucketFor, type CampaignStrategy, callPriority, type Treatment } from "./strategy";

export type ClassifiableParticipant = Pick<
  Participant,
  "monthsInArrears" | "arrearsAmount" | "premiumClass" | "familyMembers" | "contactable" | "participantId"
>;

export type Classification =
  | { eligible: false; reason: "BELOW_MIN_MONTHS" }
  | {
      eligible: true;
      bucketId: string;
      countedMonths: number;
      amountDue: number;
      /** 0..10000, higher is called first (see callPriority). */
      priority: number;
      rehab: RehabOffer;
      treatments: Treatment[];
    };

/**
 * Places a participant in the strategy's bucket. The bucket's treatments are narrowed to what applies:
 * no SMS or call without a usable phone, no REHAB offer outside REHAB's 4-24 months.
 */
export function classifyParticipant(p: ClassifiableParticipant, strategy: CampaignStrategy): Classification {
  const bucket = bucketFor(p.monthsInArrears, strategy);
  // The schema makes buckets contiguous and open-ended from minMonths, so only low months miss.
  if (!bucket) return { eligible: false, reason: "BELOW_MIN_MONTHS" };
  const rehab = rehabOffer(p.monthsInArrears, strategy.monthsCap);
  const amountDue = p.arrearsAmount;
  return {
    eligible: true,
    bucketId: bucket.id,
    countedMonths: countedMonths(p.monthsInArrears, strategy.monthsCap),
    amountDue,
    priority: callPriority(amountDue, p.monthsInArrears, strategy),
    rehab,
    treatments: bucket.treatments.filter((t) => (t === "REHAB_OFFER" ? rehab.eligible : p.contactable)),
  };
}
