/**
 * Snapshot uploads through the supervisor API: an address to PUT the CSV to, then an import of the
 * stored file limited to the uploader's branches, its result kept for the uploader to read.
 */
import type { Clock } from "../../channels/clock";
import type { SnapshotDownloads, SnapshotUploads } from "../../channels/snapshots/index";
import type { Branch } from "../../domain/branches";
import type { Supervisor } from "../../domain/supervisor";
import { ImportFileError, importArrears } from "../../import/arrears-import";
import type { SnapshotUpload, SupervisionStore, UploadRejection } from "../../store/audit";
import type { ParticipantStore } from "../../store/participants";
import type { ParticipantStatusDeps } from "../participant-status";

/** Rejections an upload keeps for the console; the summary counts them all. */
export const MAX_UPLOAD_REJECTIONS = 200;

export class UploadNotFoundError extends Error {
  override name = "UploadNotFoundError";
}

export async function createSnapshotUpload(
  deps: { supervision: SupervisionStore; uploads: SnapshotUploads; clock: Clock },
  input: { supervisor: Supervisor; uploadId: string; filename: string },
) {
  const now = deps.clock.now();
  await deps.supervision.createUpload({
    uploadId: input.uploadId,
    username: input.supervisor.username,
    branchCodes: [...input.supervisor.branchCodes],
    filename: input.filename,
    status: "PENDING",
    createdAt: now.toISOString(),
  });
  const { url, expiresAt } = await deps.uploads.uploadUrl(input.uploadId, now);
  return { uploadId: input.uploadId, uploadUrl: url, expiresAt };
}

/** The upload as its uploader sees it; someone else's reads as not found. */
export async function readSnapshotUpload(
  deps: { supervision: SupervisionStore },
  input: { supervisor: Supervisor; uploadId: string },
): Promise<SnapshotUpload> {
  const upload = await deps.supervision.upload(input.uploadId);
  if (!upload || upload.username !== input.supervisor.username) {
    throw new UploadNotFoundError(`upload ${input.uploadId} not found`);
  }
  return upload;
}

export interface SnapshotImportDeps {
  supervision: SupervisionStore;
  downloads: SnapshotDownloads;
  participants: ParticipantStore;
  branches: readonly Branch[];
  clock: Clock;
  /** The status columns (deceased, do not contact, REHAB plan...): set, audited as the uploader's. */
  statuses: ParticipantStatusDeps;
}

/**
 * Imports an uploaded file into the participants, rows of branches the uploader does not hold
 * rejected; the result (or the reason the file could not be read) goes on the upload. Running it
 * again for the same upload upserts the same rows: an S3 event delivered twice does no harm.
 */
export async function importSnapshotUpload(deps: SnapshotImportDeps, uploadId: string) {
  const upload = await deps.supervision.upload(uploadId);
  if (!upload) throw new UploadNotFoundError(`upload ${uploadId} not found`);
  if (upload.status === "DONE") return upload;
  const rejections: UploadRejection[] = [];
  const now = deps.clock.now();
  try {
    const summary = await importArrears({
      source: await deps.downloads.open(uploadId),
      branches: deps.branches,
      allowedBranches: upload.branchCodes,
      store: deps.participants,
      statuses: { deps: deps.statuses, setBy: upload.username },
      now,
      onRejection: ({ raw: _raw, ...rejection }) => {
        if (rejections.length < MAX_UPLOAD_REJECTIONS) rejections.push(rejection);
      },
    });
    const result = {
      status: "DONE" as const,
      finishedAt: deps.clock.now().toISOString(),
      summary,
      rejections,
    };
    await deps.supervision.finishUpload(uploadId, result);
    await recordImport(deps, upload, summary.byBranch);
    return { ...upload, ...result };
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    const result = {
      status: "FAILED" as const,
      finishedAt: deps.clock.now().toISOString(),
      error: error.message,
    };
    await deps.supervision.finishUpload(uploadId, result);
    return { ...upload, ...result };
  }
}

/** One `snapshot.import` record on each branch the upload wrote to. */
async function recordImport(
  deps: SnapshotImportDeps,
  upload: SnapshotUpload,
  byBranch: Record<string, { imported: number }>,
) {
  const at = deps.clock.now().toISOString();
  for (const [branchCode, counts] of Object.entries(byBranch)) {
    if (counts.imported === 0) continue;
    await deps.supervision.recordAction({
      branchCode,
      at,
      username: upload.username,
      action: "snapshot.import",
      target: upload.uploadId,
      outcome: 200,
      sourceIp: "",
      requestId: upload.uploadId,
    });
  }
}
