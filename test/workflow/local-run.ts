import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalCampaignOptions, type LocalCampaignResult, runLocalCampaign } from "../../local/campaign";

/** A whole local month in a temporary out directory, with its JSON-lines files read back. */
export interface LocalRun {
  result: LocalCampaignResult;
  lines<T>(file: string): Promise<T[]>;
  remove(): Promise<void>;
}

export async function localRun(
  options: Omit<LocalCampaignOptions, "outDir" | "dataFile" | "branches"> & { participants: number },
): Promise<LocalRun> {
  const outDir = await mkdtemp(join(tmpdir(), "telecollect-run-"));
  const result = await runLocalCampaign({ dataFile: "", branches: [], outDir, ...options });
  return {
    result,
    lines: async <T>(file: string) =>
      (await readFile(join(outDir, file), "utf8"))
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as T),
    remove: () => rm(outDir, { recursive: true, force: true }),
  };
}
