import { z } from "zod";
import { uploadIdOfKey } from "../channels/snapshots/index";
import { importSnapshotUpload } from "../services/supervisor/snapshots";
import { s3SnapshotDownloads } from "./shared/aws/snapshots";
import { type NamedAdapters, ports } from "./shared/composition-root";
import { lambdaHandler } from "./shared/lambda-handler";
import { logger } from "./shared/powertools";

const adapters = { snapshotDownloads: s3SnapshotDownloads } satisfies NamedAdapters;

/** The uploads bucket's ObjectCreated notification (one record per object). */
const s3EventSchema = z.object({
  Records: z.array(z.object({ s3: z.object({ object: z.object({ key: z.string() }) }) })).min(1),
});

/** Imports each uploaded snapshot; the result goes on its upload for the supervisor to read. */
export const handler = lambdaHandler(s3EventSchema, async (event) => {
  const p = ports(adapters);
  for (const record of event.Records) {
    const uploadId = uploadIdOfKey(record.s3.object.key);
    if (!uploadId) {
      logger.warn("object is not a snapshot upload: ignored", { key: record.s3.object.key });
      continue;
    }
    const upload = await importSnapshotUpload(
      {
        supervision: p.supervision,
        downloads: p.snapshotDownloads(),
        participants: p.participants,
        branches: p.config.branches,
        clock: p.clock,
        statuses: { profiles: p.profiles, audit: p.participantAudit },
      },
      uploadId,
    );
    logger.info("snapshot imported", { uploadId, status: upload.status, imported: upload.summary?.imported });
  }
});
