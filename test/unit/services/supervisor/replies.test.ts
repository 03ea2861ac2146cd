import { describe, expect, it } from "vitest";
import type { Interaction } from "../../../../functions/domain/interaction";
import { campaignReplies } from "../../../../functions/services/supervisor/replies";

const entry = (kind: string, at: string, detail: Interaction["detail"]): Interaction =>
  ({
    caseId: "GORONTALO#2026-11#0001234567890",
    campaignId: "GORONTALO#2026-11",
    participantId: "0001234567890",
    interactionKey: `${at}#${kind}#x`,
    kind,
    at,
    branchCode: "GORONTALO",
    detail,
    expiresAt: 0,
  }) as Interaction;

describe("the campaign's replies for the supervisor", () => {
  it("lists the WhatsApp replies only, newest first, the card number masked", async () => {
    const trail = [
      entry("WHATSAPP_REPLY", "2026-11-12T02:00:00.000Z", { reply: "PAID" }),
      entry("WHATSAPP_READ", "2026-11-12T01:00:00.000Z", { purpose: "REMINDER" }),
      entry("WHATSAPP_REPLY", "2026-11-13T02:00:00.000Z", { reply: "TEXT", text: "Saya bayar besok" }),
    ];
    const replies = await campaignReplies(
      { interactions: { allByCampaign: async () => trail } },
      { branchCode: "GORONTALO", period: "2026-11" },
    );
    expect(replies).toEqual([
      {
        at: "2026-11-13T02:00:00.000Z",
        participant: expect.stringMatching(/\*+7890$/),
        reply: "TEXT",
        text: "Saya bayar besok",
      },
      { at: "2026-11-12T02:00:00.000Z", participant: expect.stringMatching(/\*+7890$/), reply: "PAID" },
    ]);
    expect(JSON.stringify(replies)).not.toContain("0001234567890");
  });
});
