import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** The repository's root, from which every path here is relative. */
export const ROOT = resolve(import.meta.dirname, "../..");

/** One import of a source file: a repo-relative file, or a package name for a bare specifier. */
export interface ImportEdge {
  from: string;
  to: string;
  /** `import type` / `export type`: erased at build, no runtime dependency. */
  typeOnly: boolean;
}

const IMPORT = /^(?:import|export)\s+(type\s+)?(?:[^;]*?\sfrom\s+)?"([^"]+)";/gms;
const DYNAMIC_IMPORT = /\bimport\(\s*"([^"]+)"\s*\)/g;

function resolveSpecifier(file: string, specifier: string): string {
  if (!specifier.startsWith(".")) {
    const parts = specifier.split("/");
    return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
  }
  const target = resolve(dirname(join(ROOT, file)), specifier);
  const found = [target, `${target}.ts`, join(target, "index.ts")].find(
    (f) => existsSync(f) && !f.endsWith("/") && /\.(ts|mjs|json)$/.test(f),
  );
  return relative(ROOT, found ?? target);
}

/** The imports a source file declares (static and dynamic), resolved. */
export function importsOf(file: string): ImportEdge[] {
  const source = readFileSync(join(ROOT, file), "utf8");
  const edges: ImportEdge[] = [];
  for (const m of source.matchAll(IMPORT)) {
    edges.push({ from: file, to: resolveSpecifier(file, m[2] as string), typeOnly: Boolean(m[1]) });
  }
  for (const m of source.matchAll(DYNAMIC_IMPORT)) {
    edges.push({ from: file, to: resolveSpecifier(file, m[1] as string), typeOnly: false });
  }
  return edges;
}

/** Every repo file `entry` reaches through imports (runtime imports only, unless `withTypes`). */
export function reachableFrom(entry: string, options: { withTypes?: boolean } = {}): string[] {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const edge of importsOf(file)) {
      if (edge.typeOnly && !options.withTypes) continue;
      if (edge.to.endsWith(".ts") && existsSync(join(ROOT, edge.to))) queue.push(edge.to);
    }
  }
  return [...seen].sort();
}

/** The packages (bare specifiers) reached from `entry`, with the file that imports each. */
export function packagesReachedFrom(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  for (const file of reachableFrom(entry)) {
    for (const edge of importsOf(file)) {
      if (!edge.typeOnly && !edge.to.includes("/") && !edge.to.startsWith("node:")) {
        if (!packages.has(edge.to)) packages.set(edge.to, file);
      } else if (!edge.typeOnly && edge.to.startsWith("@") && !edge.to.endsWith(".ts")) {
        if (!packages.has(edge.to)) packages.set(edge.to, file);
      }
    }
  }
  return packages;
}

/** The TypeScript sources under `dir` (repo-relative), recursively. */
export function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourcesUnder(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(path);
  }
  return out.sort();
}
