import { Readable } from "node:stream";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { uploadIdOfKey, uploadObjectKey } from "../../../../functions/channels/snapshots/index";
import { S3SnapshotDownloads, S3SnapshotUploads } from "../../../../functions/channels/snapshots/s3";

const BUCKET = "telecollect-uploads-123456789012";
const UPLOAD = "5f0c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f";
const s3 = mockClient(S3Client);

beforeEach(() => s3.reset());

const client = () =>
  new S3Client({
    region: "ap-southeast-3",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  });

describe("snapshot uploads in S3", () => {
  it("presigns a PUT of uploads/<id>.csv as text/csv, valid 15 minutes from now, sending nothing", async () => {
    const now = new Date("2026-11-11T01:00:00Z");
    const { url, expiresAt } = await new S3SnapshotUploads(client(), BUCKET).uploadUrl(UPLOAD, now);
    const address = new URL(url);
    expect(address.hostname).toBe(`${BUCKET}.s3.ap-southeast-3.amazonaws.com`);
    expect(address.pathname).toBe(`/uploads/${UPLOAD}.csv`);
    expect(address.searchParams.get("X-Amz-Expires")).toBe("900");
    expect(address.searchParams.get("X-Amz-Date")).toBe("20261111T010000Z");
    expect(address.searchParams.get("X-Amz-SignedHeaders")).toContain("host");
    expect(expiresAt).toBe("2026-11-11T01:15:00.000Z");
    expect(s3.calls()).toHaveLength(0);
  });

  it("streams the uploaded file with GetObject on the same key", async () => {
    s3.on(GetObjectCommand).resolves({ Body: Readable.from([Buffer.from("a,b\n")]) as never });
    const body = await new S3SnapshotDownloads(client(), BUCKET).open(UPLOAD);
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: BUCKET,
      Key: `uploads/${UPLOAD}.csv`,
    });
    expect(Buffer.concat(await body.toArray()).toString()).toBe("a,b\n");
  });

  it("reads the upload id back from an S3 event's key, and nothing from another object", () => {
    expect(uploadIdOfKey(uploadObjectKey(UPLOAD))).toBe(UPLOAD);
    expect(uploadIdOfKey(`uploads/${UPLOAD}.txt`)).toBeUndefined();
    expect(uploadIdOfKey(`other/${UPLOAD}.csv`)).toBeUndefined();
  });
});
