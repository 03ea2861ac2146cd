import type { Readable } from "node:stream";
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { type SnapshotDownloads, type SnapshotUploads, UPLOAD_URL_SECONDS, uploadObjectKey } from "./index";

/** Uploads go straight to S3 with a presigned PUT: the file never passes through the API (10 MB limit). */
export class S3SnapshotUploads implements SnapshotUploads {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async uploadUrl(uploadId: string, now: Date) {
    const url = await getSignedUrl(
      this.client,
      new PutObjectCommand({ Bucket: this.bucket, Key: uploadObjectKey(uploadId), ContentType: "text/csv" }),
      { expiresIn: UPLOAD_URL_SECONDS, signingDate: now },
    );
    return { url, expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString() };
  }
}

export class S3SnapshotDownloads implements SnapshotDownloads {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async open(uploadId: string) {
    const out = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: uploadObjectKey(uploadId) }),
    );
    return out.Body as Readable;
  }
}
