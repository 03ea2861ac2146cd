import { beforeAll, describe, expect, it } from "vitest";
import { handler } from "../../functions/handlers/map-arrears";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { invokeLocally } from "../../local/lambda";
import { branchPopulation } from "../fixtures/participants";
import { installHandlerPorts } from "../support/handler-ports";
import { freshTables, handlerVariables } from "./tables";

const invoke = (event: unknown, timeoutMs?: number) =>
  invokeLocally(handler as (e: unknown, c: import("aws-lambda").Context) => Promise<unknown>, event, {
    functionName: "map-arrears",
    ...(timeoutMs ? { timeoutMs } : {}),
  });

beforeAll(async () => {
  const db = await freshTables();
  const { tables, doc } = db;
  installHandlerPorts(handlerVariables(db));
  await new DynamoParticipantStore(doc, tables.participants).putMany(
    branchPopulation("SINGKAWANG", 62, "0003"),
  );
});

describe("map-arrears handler", () => {
  it("maps a branch from a Lambda event and returns the counts the state machine loops on", async () => {
    const result = await invoke({ branchCode: "SINGKAWANG", period: "2026-11" });
    // Months cycle 0..30 twice: 0 and 1 months (4 participants) are below the minimum of 2.
    expect(result).toMatchObject({ campaignId: "SINGKAWANG#2026-11", created: 58, existing: 0, skipped: 4 });
    expect(result).not.toHaveProperty("cursor");
  });

  it("rejects a malformed event with the field at fault, writing nothing", async () => {
    await expect(invoke({ branchCode: "SINGKAWANG", period: "2026-13" })).rejects.toThrow(
      /period: must be YYYY-MM/,
    );
    await expect(invoke({ branchCode: "singkawang", period: "2026-11" })).rejects.toThrow(
      /branchCode: must be a branch code/,
    );
  });

  it("rejects a strategy with a gap between buckets", async () => {
    const strategy = {
      buckets: [
        { id: "A", label: "2-3", minMonths: 2, maxMonths: 3, treatments: ["SMS"] },
        { id: "B", label: "5+", minMonths: 5, maxMonths: null, treatments: ["CALL"] },
      ],
    };
    await expect(invoke({ branchCode: "SINGKAWANG", period: "2026-12", strategy })).rejects.toThrow(
      /strategy.buckets.*gap/,
    );
  });
});
