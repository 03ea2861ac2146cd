import { describe, expect, it } from "vitest";
import { statusChangesOfDisposition } from "../../functions/domain/participant-status";
import { mapArrears } from "../../functions/services/map-arrears";
import { setParticipantStatus } from "../../functions/services/participant-status";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import { allCases } from "../../functions/store/cursor";
import { DynamoParticipantAuditStore } from "../../functions/store/participant-audit";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { DynamoProfileStore } from "../../functions/store/profiles";
import { participant } from "../fixtures/participants";
import { freshTables } from "./tables";

/*
 * What a wrong number teaches lasts: last month's call found the number to be someone else's, so
 * this month's mapping, on DynamoDB Local, neither texts nor calls it while it is still on file.
 */

const WRONG = "+6281234560001";
const NEW = "+6281234560099";

describe("a number found to be someone else's, at the next month's mapping", () => {
  it("is not contacted while on file; a participant with a new number is", async () => {
    const db = await freshTables();
    const participants = new DynamoParticipantStore(db.doc, db.tables.participants);
    const profiles = new DynamoProfileStore(db.doc, db.tables.profiles);
    const audit = new DynamoParticipantAuditStore(db.doc, db.tables.audit);
    const stillWrong = participant({ participantId: "0004000000001", phone: WRONG });
    const renewed = participant({ participantId: "0004000000002", phone: NEW });
    await participants.putMany([stillWrong, renewed]);
    // Both answered by someone else last month, on the number they had then.
    for (const p of [stillWrong, renewed]) {
      await setParticipantStatus(
        { profiles, audit },
        p.participantId,
        statusChangesOfDisposition({ code: "WRONG_NUMBER" }, WRONG, "2026-10-20", 30),
        { setBy: "agent-3", at: "2026-10-20T03:00:00.000Z", source: "DISPOSITION", why: "WRONG_NUMBER" },
      );
    }
    const cases = new DynamoCaseStore(db.doc, db.tables.cases);
    const result = await mapArrears(
      { participants, cases, campaigns: new DynamoCampaignStore(db.doc, db.tables.campaigns), profiles },
      { branchCode: "GORONTALO", period: "2026-11" },
      { now: new Date("2026-11-11T01:00:00.000Z"), timeBudgetMs: 60_000, deadline: Date.now() + 60_000 },
    );
    expect(result.notContactable).toBe(1);
    const mapped = new Map((await allCases(cases, "GORONTALO#2026-11")).map((c) => [c.participantId, c]));
    expect(mapped.get(stillWrong.participantId)).toMatchObject({
      status: "OPEN",
      contactable: false,
      lastOutcome: "WRONG_NUMBER",
    });
    expect(mapped.get(stillWrong.participantId)?.dialQueue).toBeUndefined();
    expect(mapped.get(renewed.participantId)).toMatchObject({
      contactable: true,
      dialQueue: "GORONTALO#2026-11",
    });
  });
});
