import { readFile, stat } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { type ColumnIndex, fileRecords, headerWidth, readHeader } from "../functions/import/arrears-file";
import type { ImportSummary } from "../functions/import/arrears-import";
import { csvRecord, embeddedLineBreaks } from "../functions/import/csv";
import { CliError } from "./errors";
import type { SupervisorApiClient } from "./supervisor-api";

/** The largest file the upload address takes (docs/console.md). */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** One rejection as the API keeps it: no raw row (it may hold a name or a phone number). */
export interface UploadRejection {
  line: number;
  participantId: string;
  field: string;
  reason: string;
  message: string;
}

export interface SnapshotUploadResult {
  uploadId: string;
  status: "PENDING" | "DONE" | "FAILED";
  summary?: ImportSummary;
  rejections?: UploadRejection[];
  error?: string;
}

/** The file as uploaded: whole, or with `--branch`'s filter applied. */
export interface SnapshotBody {
  body: Buffer<ArrayBuffer>;
  /** Rows left out by the filter, which the server never sees. */
  skippedByFilter: number;
}

export async function snapshotBody(source: string, filter: readonly string[]): Promise<SnapshotBody> {
  const { size } = await stat(source);
  if (size > MAX_UPLOAD_BYTES) {
    throw new CliError(
      `${source}: ${size} bytes, more than the upload's ${MAX_UPLOAD_BYTES} bytes: split the file`,
    );
  }
  if (filter.length === 0) return { body: await readFile(source), skippedByFilter: 0 };
  return filterBranches(source, new Set(filter));
}

/**
 * The file with the rows of other branches left out as blank lines: the importer skips blank
 * lines but counts them, so every rejection still names its line in the supervisor's file. Rows
 * of the wrong width stay, to be rejected with their line as a direct import does.
 */
async function filterBranches(source: string, branches: ReadonlySet<string>): Promise<SnapshotBody> {
  const parts: string[] = [];
  let linesWritten = 0;
  let columns: ColumnIndex | undefined;
  let skippedByFilter = 0;
  for await (const { fields, line } of fileRecords(source)) {
    if (columns === undefined) {
      columns = readHeader(fields);
    } else if (
      fields.length === headerWidth(columns) &&
      !branches.has((fields[columns.branch_code] ?? "").trim())
    ) {
      skippedByFilter++;
      continue;
    }
    parts.push("\n".repeat(line - 1 - linesWritten), csvRecord(fields), "\n");
    linesWritten = line + embeddedLineBreaks(fields);
  }
  return { body: Buffer.from(parts.join(""), "utf8"), skippedByFilter };
}

const POLL_MS = 500;
const POLL_LIMIT_MS = 15 * 60_000;

/** Creates the upload, PUTs the file to its address, waits for the server's import to finish. */
export async function uploadSnapshot(
  api: SupervisorApiClient,
  filename: string,
  body: Buffer<ArrayBuffer>,
): Promise<SnapshotUploadResult> {
  const { uploadId, uploadUrl } = await api.json<{ uploadId: string; uploadUrl: string }>(
    "POST",
    "/snapshots",
    { filename: /\.csv$/i.test(filename) ? filename : `${filename}.csv` },
  );
  let put: Response;
  try {
    put = await fetch(uploadUrl, {
      method: "PUT",
      body,
      headers: { "content-type": "text/csv" },
    });
  } catch (error) {
    throw new CliError(`the upload address did not answer (${(error as Error).message}): upload ${uploadId}`);
  }
  if (!put.ok) throw new CliError(`the upload was refused (HTTP ${put.status}): upload ${uploadId}`);
  const deadline = Date.now() + POLL_LIMIT_MS;
  for (;;) {
    const upload = await api.json<SnapshotUploadResult>("GET", `/snapshots/${uploadId}`);
    if (upload.status !== "PENDING") return upload;
    if (Date.now() > deadline) {
      throw new CliError(`upload ${uploadId} is still being imported after 15 minutes: ask an engineer`);
    }
    await sleep(POLL_MS);
  }
}
