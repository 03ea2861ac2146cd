import { S3Client } from "@aws-sdk/client-s3";
import { S3SnapshotDownloads, S3SnapshotUploads } from "../../../channels/snapshots/s3";
import type { BuildContext } from "../composition-root";
import { tracer } from "../powertools";
import { settings } from "./settings";

export const s3SnapshotUploads = ({ config }: BuildContext) =>
  new S3SnapshotUploads(
    tracer.captureAWSv3Client(new S3Client({})),
    settings(config.channels.uploadsBucket, "snapshotUploads"),
  );

export const s3SnapshotDownloads = ({ config }: BuildContext) =>
  new S3SnapshotDownloads(
    tracer.captureAWSv3Client(new S3Client({})),
    settings(config.channels.uploadsBucket, "snapshotDownloads"),
  );
