import { describe, expect, it } from "vitest";
import { type ClassifiableParticipant, classifyParticipant } from "../../../functions/domain/arrears-mapping";
import { DEFAULT_STRATEGY } from "../../../functions/domain/strategy";

const participant = (overrides: Partial<ClassifiableParticipant>): ClassifiableParticipant => ({
  participantId: "0001234567890",
  monthsInArrears: 5,
  arrearsAmount: 525_000,
  premiumClass: 3,
  familyMembers: 3,
  contactable: true,
  ...overrides,
});

describe("classifyParticipant", () => {
  it("leaves out participants below the minimum months", () => {
    expect(
      classifyParticipant(participant({ monthsInArrears: 1, arrearsAmount: 35_000 }), DEFAULT_STRATEGY),
    ).toEqual({ eligible: false, reason: "BELOW_MIN_MONTHS" });
  });

  it("classifies 5 months of Kelas III for a family of 3", () => {
    expect(classifyParticipant(participant({}), DEFAULT_STRATEGY)).toEqual({
      eligible: true,
      bucketId: "M04_06",
      countedMonths: 5,
      amountDue: 525_000,
      priority: 1708,
      rehab: { eligible: true, maxInstalments: 2 },
      treatments: ["SMS", "CALL", "REHAB_OFFER"],
    });
  });

  it("takes the imported amount as the amount due", () => {
    const c = classifyParticipant(participant({ arrearsAmount: 600_000 }), DEFAULT_STRATEGY);
    expect(c).toMatchObject({ eligible: true, amountDue: 600_000 });
  });

  it("caps counted months at 24 but keeps 30 months in the open bucket", () => {
    const c = classifyParticipant(
      participant({ monthsInArrears: 30, premiumClass: 1, familyMembers: 1, arrearsAmount: 3_600_000 }),
      DEFAULT_STRATEGY,
    );
    expect(c).toMatchObject({
      eligible: true,
      bucketId: "M24_PLUS",
      countedMonths: 24,
      priority: 10_000,
      rehab: { eligible: true, maxInstalments: 12 },
    });
  });

  it("offers no REHAB below 4 months", () => {
    const c = classifyParticipant(
      participant({ monthsInArrears: 3, arrearsAmount: 315_000 }),
      DEFAULT_STRATEGY,
    );
    expect(c).toMatchObject({ bucketId: "M02_03", rehab: { eligible: false, maxInstalments: 0 } });
    expect(c.eligible && c.treatments).toEqual(["SMS", "CALL"]);
  });

  it("drops SMS and calls for a participant without a usable phone", () => {
    const c = classifyParticipant(participant({ contactable: false }), DEFAULT_STRATEGY);
    expect(c).toMatchObject({ eligible: true, bucketId: "M04_06", treatments: ["REHAB_OFFER"] });
  });
});
