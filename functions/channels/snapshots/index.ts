import type { Readable } from "node:stream";

/**
 * Ports for arrears snapshots uploaded through the supervisor API: an S3 bucket in AWS
 * (s3.ts: a presigned PUT, then a streamed GET), the local runtime's upload endpoint and files
 * locally (local/adapters/snapshot-files.ts).
 */
export interface SnapshotUploads {
  /** Where the client PUTs the CSV of this upload, and until when the address works. */
  uploadUrl(uploadId: string, now: Date): Promise<{ url: string; expiresAt: string }>;
}

export interface SnapshotDownloads {
  /** The uploaded CSV, streamed. */
  open(uploadId: string): Promise<Readable>;
}

/** How long an upload address lives. */
export const UPLOAD_URL_SECONDS = 15 * 60;

/** Where an upload's file lives in the bucket; the import Lambda reads the id back from an S3 event's key. */
export const uploadObjectKey = (uploadId: string) => `uploads/${uploadId}.csv`;

const UPLOAD_KEY = /^uploads\/([A-Za-z0-9-]{8,64})\.csv$/;

export function uploadIdOfKey(key: string): string | undefined {
  return UPLOAD_KEY.exec(decodeURIComponent(key.replace(/\+/g, " ")))?.[1];
}
