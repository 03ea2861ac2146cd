import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * PLACEHOLDER until the console's own build lands (it replaces this file at merge): writes a
 * one-page index.html into `outDir`, synchronously, so the CDK asset's local bundling has
 * something to deploy.
 */
export function buildConsoleSync(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, "index.html"),
    '<!doctype html>\n<html lang="id"><head><meta charset="utf-8"><title>telecollect</title></head>' +
      "<body><p>Konsol telecollect sedang disiapkan.</p></body></html>\n",
  );
}
