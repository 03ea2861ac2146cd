import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "./helpers";

/** `npm run generate-sample`'s program, as npm runs it. */
function generateSample(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/generate-sample.ts", ...args],
      { cwd: REPO, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

const dir = await mkdtemp(join(tmpdir(), "telecollect-sample-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("npm run generate-sample", () => {
  it("reproduces the bundled data/sample-arrears.csv byte for byte from its seed", async () => {
    const out = join(dir, "sample.csv");
    const run = await generateSample(["--seed", "20261101", "--count", "2000", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Wrote 2000 rows");
    const bundled = await readFile(join(REPO, "data/sample-arrears.csv"));
    expect((await readFile(out)).equals(bundled)).toBe(true);
  });
});
