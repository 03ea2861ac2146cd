import { randomUUID } from "node:crypto";
import { z } from "zod";
import { isCalendarDate } from "../../../domain/local-time";
import { branchView } from "../../../domain/supervisor";
import {
  createSnapshotUpload,
  readSnapshotUpload,
  UploadNotFoundError,
} from "../../../services/supervisor/snapshots";
import type { Ports } from "../composition-root";
import { branchOf } from "./branches";
import { ApiError, type ApiRequest, json, parseInput, type Route } from "./http";

const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

const accessQuery = z.object({
  since: z.string().refine(isCalendarDate, "expected a date YYYY-MM-DD"),
});

const uploadBody = z.strictObject({
  filename: z
    .string()
    .trim()
    .min(1, "required: the file's name")
    .max(255)
    .regex(/\.csv$/i, "must be a .csv file"),
});

async function me(request: ApiRequest, ports: Ports) {
  const branches = request.supervisor.branchCodes.flatMap((code) => {
    const branch = ports.branches.get(code);
    return branch ? [branchView(branch)] : [];
  });
  return json(200, { username: request.supervisor.username, branches, now: ports.clock.now().toISOString() });
}

async function audit(request: ApiRequest, ports: Ports) {
  const branch = branchOf(request, ports);
  const { limit } = parseInput(auditQuery, request.query);
  const records = await ports.supervision.actions(branch.code, limit);
  return json(200, {
    records: records.map(({ at, username, action, target, outcome, sourceIp }) => ({
      at,
      username,
      action,
      target,
      outcome,
      sourceIp,
    })),
  });
}

/** The record of unmasked reads, for the national office (data protection officer). */
async function accesses(request: ApiRequest, ports: Ports) {
  if (!request.supervisor.national) {
    throw new ApiError(
      "Forbidden",
      `${request.supervisor.username} may not read the record of personal data reads`,
    );
  }
  const { since } = parseInput(accessQuery, request.query);
  const records = await ports.supervision.accessesSince(since, ports.clock.now());
  return json(200, { records: records.map(({ requestId: _r, ...record }) => record) });
}

async function createUpload(request: ApiRequest, ports: Ports) {
  const { filename } = parseInput(uploadBody, request.body ?? {});
  if (request.supervisor.branchCodes.length === 0) {
    throw new ApiError("Forbidden", `${request.supervisor.username} holds no branch`);
  }
  const upload = await createSnapshotUpload(
    { supervision: ports.supervision, uploads: ports.snapshotUploads(), clock: ports.clock },
    { supervisor: request.supervisor, uploadId: randomUUID(), filename },
  );
  return json(201, upload);
}

async function readUpload(request: ApiRequest, ports: Ports) {
  try {
    const upload = await readSnapshotUpload(
      { supervision: ports.supervision },
      { supervisor: request.supervisor, uploadId: request.params.upload ?? "" },
    );
    return json(200, upload);
  } catch (error) {
    if (error instanceof UploadNotFoundError) throw new ApiError("NotFound", error.message);
    throw error;
  }
}

export const SUPERVISOR_ROUTES: readonly Route[] = [
  { method: "GET", pattern: /^\/api\/me$/, handle: me },
  { method: "GET", pattern: /^\/api\/access$/, handle: accesses },
  { method: "GET", pattern: /^\/api\/branches\/(?<branch>[^/]+)\/audit$/, handle: audit },
  { method: "POST", pattern: /^\/api\/snapshots$/, handle: createUpload },
  { method: "GET", pattern: /^\/api\/snapshots\/(?<upload>[A-Za-z0-9-]{8,64})$/, handle: readUpload },
];
