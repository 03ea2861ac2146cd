import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Node 20.19+ is supported although aws-local-stepfunctions declares Node >= 22 (npm ci warns
 * EBADENGINE on Node 20): the one Node 22 API it calls, Promise.withResolvers, is polyfilled by the
 * runner (local/asl/polyfill.ts). This runs a Task state in a fresh Node process with that API
 * removed, as on Node 20, so it fails whenever the runner stops installing the polyfill.
 */
const REPO = fileURLToPath(new URL("../../", import.meta.url));

const CHILD = `
const native = typeof Promise.withResolvers;
delete Promise.withResolvers;
const { readFileSync } = await import("node:fs");
const { LocalStateMachines } = await import("./local/asl/runner.ts");
const sfn = new LocalStateMachines({});
sfn.registerFunction("fetch-page", async (e) => ({
  cursor: Number(e.cursor) + 1 < 3 ? String(Number(e.cursor) + 1) : null,
  total: e.total + 10,
}));
sfn.register("paged", readFileSync("test/fixtures/asl/paged-loop.asl.json", "utf8"), {
  FetchPageFunctionArn: sfn.functionArn("fetch-page"),
});
const done = await sfn.run("paged", { cursor: "0", total: 0 });
console.log(JSON.stringify({ native, status: done.status, output: done.output, error: done.error ?? null }));
`;

function runChild(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", CHILD],
      { cwd: REPO, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** `>=A.B <C || >=D` as package.json states it: does `version` satisfy it? */
function satisfies(range: string, version: string): boolean {
  const parse = (v: string) => v.replace(/^v/, "").split(".").map(Number) as [number, number, number];
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  };
  const v = parse(version);
  return range.split("||").some((part) =>
    part
      .trim()
      .split(/\s+/)
      .every((c) => {
        const [, op, bound] = /^(>=|<)(.+)$/.exec(c) ?? [];
        const diff = compare(v, parse(bound ?? "0"));
        return op === ">=" ? diff >= 0 : diff < 0;
      }),
  );
}

describe("the Node versions package.json states", () => {
  it("include Node 20.19+ and this Node, and exclude what the polyfill does not cover", async () => {
    const { engines } = JSON.parse(await readFile(`${REPO}package.json`, "utf8"));
    expect(satisfies(engines.node, process.version)).toBe(true);
    expect(satisfies(engines.node, "20.19.0")).toBe(true);
    expect(satisfies(engines.node, "20.18.3")).toBe(false);
    expect(satisfies(engines.node, "21.7.3")).toBe(false);
    expect(satisfies(engines.node, "22.0.0")).toBe(true);
  });

  it("run the local Step Functions runner's Task states without Promise.withResolvers", async () => {
    const child = await runChild();
    expect(child.code, child.stderr).toBe(0);
    const result = JSON.parse(child.stdout);
    expect(result).toMatchObject({ status: "SUCCEEDED", output: { cursor: null, total: 30 }, error: null });
    // On Node 20 itself the API is missing to begin with: the path tested is the one it runs.
    if (process.versions.node.startsWith("20.")) expect(result.native).toBe("undefined");
  });
});
