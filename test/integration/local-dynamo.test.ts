import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prefixedTableNames } from "../../functions/contracts";
import { createDocumentClient } from "../../functions/store/client";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { createTables, startLocalDynamo } from "../../local/dynamodb";
import { participant } from "../fixtures/participants";

const groupAlive = (pid: number) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("local DynamoDB launcher", () => {
  let dataDir = "";
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("keeps tables in a data directory across restarts and leaves no Java process behind", async () => {
    dataDir = await mkdtemp(join(tmpdir(), "telecollect-dynamo-"));
    const tables = prefixedTableNames("persist-");
    const first = await startLocalDynamo({ dataDir });
    await createTables(first.endpoint, tables);
    await new DynamoParticipantStore(
      createDocumentClient({ endpoint: first.endpoint }),
      tables.participants,
    ).putMany([participant({ participantId: "0001999999999" })]);
    await first.stop();
    expect(groupAlive(first.pid)).toBe(false);

    const second = await startLocalDynamo({ dataDir });
    try {
      // Creating again is a no-op on existing tables, as `npm start` does on every run.
      await createTables(second.endpoint, tables);
      const store = new DynamoParticipantStore(
        createDocumentClient({ endpoint: second.endpoint }),
        tables.participants,
      );
      expect(await store.get("0001999999999")).toMatchObject({ branchCode: "GORONTALO" });
    } finally {
      await second.stop();
    }
    expect(groupAlive(second.pid)).toBe(false);
  });

  it("says why when the port is taken", async () => {
    const first = await startLocalDynamo();
    try {
      await expect(startLocalDynamo({ port: first.port, readyTimeoutMs: 10_000 })).rejects.toThrow(
        /DynamoDB Local/,
      );
    } finally {
      await first.stop();
    }
  });
});
