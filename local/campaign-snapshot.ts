import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { SAMPLE_BRANCHES } from "../functions/domain/branches";
import { localInstant } from "../functions/domain/local-time";
import { type ImportSummary, importArrears } from "../functions/import/arrears-import";
import { DynamoParticipantAuditStore } from "../functions/store/participant-audit";
import { DynamoParticipantStore } from "../functions/store/participants";
import { DynamoProfileStore } from "../functions/store/profiles";
import { DynamoMeter } from "./metering";
import type { LocalRuntime } from "./runtime";
import { CSV_HEADER, iterateArrearsRows, toCsvLine } from "./sample/population";

/* The month's snapshot import of the local run: the file, or a generated population. */

/** What the import reads of the run's options (local/campaign.ts's SnapshotOptions). */
export interface SnapshotOptions {
  /** The arrears file, unless `participants` asks for a generated population of that size. */
  dataFile: string;
  participants?: number;
  seed: number;
  period: string;
  /** Only these branches' rows (all when empty). */
  branches: string[];
  outDir: string;
}

/** Campaigns start on the 11th at 08:00 WIB (premiums are due before the 10th), as the schedule does. */
export function campaignStart(period: string): Date {
  return localInstant(`${period}-11`, 8 * 60, "Asia/Jakarta");
}

async function generatedSnapshot(options: SnapshotOptions): Promise<string> {
  const path = join(options.outDir, "generated-arrears.csv");
  const out = createWriteStream(path);
  out.write(`${CSV_HEADER}\n`);
  for (const row of iterateArrearsRows({ seed: options.seed, count: options.participants ?? 0 })) {
    if (!out.write(`${toCsvLine(row)}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => {
    out.once("error", reject);
    out.end(resolve);
  });
  return path;
}

/** The imported snapshot, the branches it gave participants to, and the import's DynamoDB usage. */
export interface ImportedSnapshot {
  imported: ImportSummary;
  branchCodes: string[];
  meter: DynamoMeter;
}

/** Imports the arrears snapshot (the file, or a generated population) as the month's import would. */
export async function importSnapshot(
  runtime: LocalRuntime,
  options: SnapshotOptions,
): Promise<ImportedSnapshot> {
  const meter = new DynamoMeter().attach(runtime.doc);
  const source = options.participants ? await generatedSnapshot(options) : options.dataFile;
  const imported = await importArrears({
    source,
    branches: SAMPLE_BRANCHES,
    store: new DynamoParticipantStore(runtime.doc, runtime.tables.participants),
    now: campaignStart(options.period),
    // A file's status columns set lasting statuses, audited as the snapshot import's.
    statuses: {
      deps: {
        profiles: new DynamoProfileStore(runtime.doc, runtime.tables.profiles),
        audit: new DynamoParticipantAuditStore(runtime.doc, runtime.tables.audit),
      },
      setBy: "import:local",
    },
    rejectedRowsPath: join(options.outDir, "rejected-rows.csv"),
    contactUpdatesPath: join(options.outDir, "contact-updates.csv"),
    ...(options.branches.length > 0 ? { branchFilter: options.branches } : {}),
  });
  meter.stop();
  const branchCodes = Object.entries(imported.byBranch)
    .filter(([, counts]) => counts.imported > 0)
    .map(([code]) => code);
  return { imported, branchCodes, meter };
}
