import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type SnapshotDownloads,
  type SnapshotUploads,
  UPLOAD_URL_SECONDS,
} from "../../functions/channels/snapshots/index";

/**
 * The local adapter of the snapshot ports, standing in for the uploads bucket: the upload address
 * is the local server's `PUT /uploads/<id>?signature=...` (signed like a presigned URL: only the
 * address the API gave works, until it expires), the file kept in a directory of the runtime.
 */
export class LocalSnapshotFiles implements SnapshotUploads, SnapshotDownloads {
  private readonly key = randomBytes(32);

  constructor(
    private readonly directory: string,
    private readonly serverUrl: () => string,
  ) {}

  // By the wall clock, as the person uploading lives by it: the runtime's simulated clock may race ahead.
  async uploadUrl(uploadId: string, _now: Date) {
    const expires = Date.now() + UPLOAD_URL_SECONDS * 1000;
    const signature = this.sign(uploadId, expires);
    return {
      url: `${this.serverUrl()}/uploads/${uploadId}?expires=${expires}&signature=${signature}`,
      expiresAt: new Date(expires).toISOString(),
    };
  }

  /** Whether a PUT's address is one this adapter gave and has not expired at `now`. */
  accepts(uploadId: string, query: URLSearchParams, now = new Date()): boolean {
    const expires = Number(query.get("expires"));
    const given = Buffer.from(query.get("signature") ?? "");
    const expected = Buffer.from(this.sign(uploadId, expires));
    return expires > now.getTime() && given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** What the PUT to the upload address stores. */
  async store(uploadId: string, body: Buffer): Promise<void> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    await writeFile(this.path(uploadId), body, { mode: 0o600 });
  }

  async open(uploadId: string) {
    return createReadStream(this.path(uploadId));
  }

  private sign(uploadId: string, expires: number) {
    return createHmac("sha256", this.key).update(`${uploadId}:${expires}`).digest("base64url");
  }

  private path(uploadId: string) {
    return join(this.directory, `${uploadId}.csv`);
  }
}
