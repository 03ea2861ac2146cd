import type { S3Event } from "aws-lambda";

/** Imports an uploaded arrears snapshot (docs/console.md, "Snapshot upload"). Being built. */
export async function handler(_event: S3Event): Promise<void> {
  throw new Error("snapshot-import: not implemented yet");
}
