import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";

const REFUSED = /unit tests do no I\/O: .* belongs in test\/integration/;

/** `npm run test:unit` must pass on a machine without Java: a unit test that does I/O fails fast. */
describe("unit tests do no I/O", () => {
  it("a DynamoDB call fails with the reason instead of reaching DynamoDB Local", async () => {
    const client = new DynamoDBClient({
      endpoint: "http://127.0.0.1:8000",
      region: "ap-southeast-3",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      maxAttempts: 1,
    });
    await expect(client.send(new ListTablesCommand({}))).rejects.toThrow(REFUSED);
  });

  it("fetch, a listening server and a child process (such as java) are refused", async () => {
    await expect(fetch("http://127.0.0.1:8000/")).rejects.toHaveProperty(
      "cause.message",
      expect.stringMatching(REFUSED),
    );
    expect(() => createServer().listen(0)).toThrow(REFUSED);
    expect(() => spawn("java", ["-version"])).toThrow(REFUSED);
  });
});
