import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type BuildOptions, build, buildSync, type OutputFile } from "esbuild";

/**
 * The console's build: one minified script and one stylesheet (Preact, htm and Chart.js bundled,
 * nothing fetched from elsewhere at run time) and the page that loads them. In memory for the local
 * server, or written to a folder for CDK's asset bundling.
 */

export interface ConsoleFile {
  body: Buffer;
  contentType: string;
}

const HERE = import.meta.dirname;

const OPTIONS: BuildOptions = {
  entryPoints: [
    { in: join(HERE, "main.ts"), out: "app" },
    { in: join(HERE, "app.css"), out: "app" },
  ],
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2022", "chrome109", "firefox115", "safari15"],
  outdir: "/console",
  write: false,
  legalComments: "none",
  logLevel: "silent",
};

/** The page, naming its script and stylesheet with a hash of their content (a new build, a new URL). */
function indexHtml(js: Uint8Array, css: Uint8Array): string {
  const hash = (body: Uint8Array) => createHash("sha256").update(body).digest("hex").slice(0, 12);
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Konsol Penagihan</title>
<link rel="stylesheet" href="./app.css?v=${hash(css)}">
<script type="module" src="./app.js?v=${hash(js)}"></script>
</head>
<body>
<div id="app"><noscript>Konsol ini membutuhkan JavaScript.</noscript></div>
</body>
</html>
`;
}

function files(outputs: readonly OutputFile[] = []): Map<string, ConsoleFile> {
  const named = (ext: string) => outputs.find((o) => o.path.endsWith(`/app.${ext}`)) as OutputFile;
  const js = named("js").contents;
  const css = named("css").contents;
  return new Map([
    ["/index.html", { body: Buffer.from(indexHtml(js, css)), contentType: "text/html; charset=utf-8" }],
    ["/app.js", { body: Buffer.from(js), contentType: "text/javascript; charset=utf-8" }],
    ["/app.css", { body: Buffer.from(css), contentType: "text/css; charset=utf-8" }],
  ]);
}

/** The console's files by path ("/index.html", "/app.js", "/app.css"); "/" serves "/index.html". */
export async function buildConsole(): Promise<Map<string, ConsoleFile>> {
  return files((await build(OPTIONS)).outputFiles);
}

/** The same files written into `outDir` (index.html, app.js, app.css). */
export function buildConsoleSync(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  for (const [path, file] of files(buildSync(OPTIONS).outputFiles))
    writeFileSync(join(outDir, path), file.body);
}

// `npm run build:console [DIR]`: the files into DIR (default out/console), with their sizes.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ?? "out/console";
  buildConsoleSync(outDir);
  for (const name of readdirSync(outDir))
    console.log(`${join(outDir, name)} ${statSync(join(outDir, name)).size} bytes`);
}
