import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FUNCTION_CATALOG } from "../../infra/function-catalog";
import { importsOf, packagesReachedFrom, ROOT, reachableFrom, sourcesUnder } from "../support/import-graph";

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

/** The files that wire the handlers: the composition root and the adapters handlers name (aws/). */
const COMPOSITION_ROOT = [
  "functions/handlers/shared/composition-root.ts",
  ...sourcesUnder("functions/handlers/shared/aws"),
];

/** The ports of the outside world, each with an AWS adapter in functions/ and a local one in local/. */
const PORTS = [
  "Clock",
  "SmsSender",
  "WhatsAppSender",
  "Dialer",
  "SupervisorNotifier",
  "SecretSource",
  "CampaignExecutions",
  "CampaignStops",
  "SnapshotUploads",
  "SnapshotDownloads",
];

/** `class X implements Port` or `const x: Port =`, per port, in the given files. */
function implementations(files: readonly string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of files) {
    const source = read(file);
    const declared = [
      ...[...source.matchAll(/^export class (\w+) implements ([\w, ]+) \{/gm)].flatMap((m) =>
        (m[2] as string).split(",").map((port) => [port.trim(), `${file} ${m[1]}`]),
      ),
      ...[...source.matchAll(/^export const (\w+): (\w+) = \{/gm)].map((m) => [m[2], `${file} ${m[1]}`]),
    ];
    for (const [port, where] of declared)
      found.set(port as string, [...(found.get(port as string) ?? []), where as string]);
  }
  return found;
}

/** Writes to process.env: an assignment, `??=`, `||=`, Object.assign onto it, or delete. */
const ENV_WRITE =
  /process\.env(?:\.\w+|\[[^\]]+\])?\s*(?:\?\?=|\|\|=|=(?!=))|Object\.assign\(\s*process\.env\b|delete\s+process\.env/g;

/**
 * The only writes to process.env left in local/, test/ and bench/ (what follows `process.env`):
 * switches of Powertools and the AWS SDK, which read them once when their modules load, before any
 * of our code can pass anything.
 */
const ALLOWED_ENV_WRITES = [
  "local/environment.ts: [name] ??=",
  "test/global-setup.ts: .AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED =",
];

/** Module boundaries a newcomer can rely on, checked on the import graph (static and dynamic). */
describe("architecture: who may import whom", () => {
  it("the CLI loads no CDK code: stack output and table names come from functions/contracts.ts", () => {
    const files = reachableFrom("cli/main.ts");
    expect(files.filter((f) => f.startsWith("infra/"))).toEqual([]);
    const packages = packagesReachedFrom("cli/main.ts");
    const cdk = ["aws-cdk-lib", "constructs", "cdk-nag"].filter((p) => packages.has(p));
    expect(cdk.map((p) => `${p} (from ${packages.get(p)})`)).toEqual([]);
  });

  it("the shared names load nothing but the table schemas", () => {
    expect(importsOf("functions/contracts.ts").map((e) => e.to)).toEqual(["functions/store/schemas.ts"]);
  });

  it("local/ never loads the CLI: npm start and the CLI share the report renderers of functions/reports/", () => {
    const reached = new Set(sourcesUnder("local").flatMap((f) => reachableFrom(f, { withTypes: true })));
    const intoCli = [...reached]
      .flatMap((f) => importsOf(f))
      .filter((e) => e.to.startsWith("cli/") && !e.from.startsWith("cli/"))
      .map((e) => `${e.from} -> ${e.to}`);
    expect(intoCli).toEqual([]);
  });

  it("nothing below the handlers imports them: use cases, channels, stores and domain get ports", () => {
    const below = sourcesUnder("functions").filter((f) => !f.startsWith("functions/handlers/"));
    const upward = below.flatMap((file) =>
      importsOf(file)
        .filter((edge) => edge.to.startsWith("functions/handlers/"))
        .map((edge) => `${edge.from} -> ${edge.to}`),
    );
    expect(upward).toEqual([]);
  });

  it("only the composition root builds the DynamoDB stores and the AWS adapters in functions/", () => {
    const sources = sourcesUnder("functions");
    const adapters = sources.flatMap((file) =>
      [...read(file).matchAll(/^export class (\w+) implements /gm)].map((m) => m[1] as string),
    );
    expect(adapters).toEqual(
      expect.arrayContaining(["DynamoDialQueue", "DynamoAgentRoster", "ConnectDialer", "SnsSmsSender"]),
    );
    const built = sources
      .filter((file) => !COMPOSITION_ROOT.includes(file))
      .flatMap((file) =>
        adapters.filter((name) => read(file).includes(`new ${name}(`)).map((name) => `${file}: new ${name}`),
      );
    expect(built).toEqual([]);
  });

  it("each handler names the adapters of exactly the channels (and payments table) the stack grants it", () => {
    const named = Object.values(FUNCTION_CATALOG).map((spec) => {
      const declared = /^const adapters = \{([^}]*)\}/m.exec(read(spec.entry))?.[1] ?? "";
      return { entry: spec.entry, adapters: [...declared.matchAll(/(\w+):/g)].map((m) => m[1]).sort() };
    });
    const granted = Object.values(FUNCTION_CATALOG).map((spec) => ({
      entry: spec.entry,
      adapters: [...spec.channels, ...("payments" in spec.tables ? ["payments"] : [])].sort(),
    }));
    expect(named).toEqual(granted);
  });

  it("each port has two adapters: AWS's in functions/, the local one in local/adapters/", () => {
    const aws = implementations(sourcesUnder("functions"));
    const local = implementations(sourcesUnder("local"));
    const adapters = PORTS.map((port) => ({
      port,
      aws: (aws.get(port) ?? []).length,
      local: local.get(port) ?? [],
    }));
    expect(adapters.map(({ port, aws, local }) => ({ port, aws, local: local.length }))).toEqual(
      PORTS.map((port) => ({ port, aws: 1, local: 1 })),
    );
    // The simulated clock stays with the simulators it drives (the ASL runner, payers, contact center).
    const misplaced = adapters
      .flatMap((a) => a.local)
      .filter((where) => !where.startsWith("local/adapters/") && !where.startsWith("local/sim/clock.ts "));
    expect(misplaced).toEqual([]);
  });

  it("the local runtime, tests and benchmarks hand the handlers their config instead of setting process.env", () => {
    const writes = ["local", "test", "bench"]
      .flatMap((dir) => sourcesUnder(dir))
      .flatMap((file) =>
        [...read(file).matchAll(ENV_WRITE)].map((m) => `${file}: ${m[0].replace("process.env", "")}`),
      );
    expect(writes.sort()).toEqual([...ALLOWED_ENV_WRITES].sort());
  });
});

/** The import circles among `files` (runtime and type imports), each as the files around it. */
function importCircles(files: readonly string[]): string[][] {
  const inside = new Set(files);
  const state = new Map<string, "visiting" | "done">();
  const circles: string[][] = [];
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "visiting") {
      circles.push([...path.slice(path.indexOf(file)), file]);
      return;
    }
    state.set(file, "visiting");
    for (const edge of importsOf(file)) if (inside.has(edge.to)) visit(edge.to, [...path, file]);
    state.set(file, "done");
  };
  for (const file of files) visit(file, []);
  return circles;
}

describe("architecture: the shape of the code", () => {
  it("has no import circle anywhere in the project's code", () => {
    const files = ["functions", "local", "cli", "infra", "bench", "console"].flatMap((dir) =>
      sourcesUnder(dir),
    );
    expect(importCircles(files).map((circle) => circle.join(" -> "))).toEqual([]);
  });

  it("finds a circle when there is one (the check itself)", () => {
    expect(importCircles(["test/support/circle-a.ts", "test/support/circle-b.ts"]).length).toBeGreaterThan(0);
  });

  it("use cases load no AWS SDK: their ports come as interfaces, their helpers from SDK-free modules", () => {
    const loaded = sourcesUnder("functions/services").flatMap((file) =>
      [...packagesReachedFrom(file)]
        .filter(([name]) => name.startsWith("@aws-sdk/"))
        .map(([name, via]) => `${file} loads ${name} via ${via}`),
    );
    expect(loaded).toEqual([]);
  });

  it("stores tell a failed condition one way: functions/store/conditional.ts", () => {
    const elsewhere = sourcesUnder("functions")
      .filter((file) => file !== "functions/store/conditional.ts")
      .filter((file) => /ConditionalCheckFailed|\.Code\b/.test(read(file)));
    expect(elsewhere).toEqual([]);
  });

  it("names each unit test after the module it tests, mirroring its path (functions/ left out)", () => {
    const WHOLE_TREE = ["test/unit/architecture.test.ts", "test/unit/no-io.test.ts"];
    const moduleOf = (test: string): string | undefined => {
      const stem = test.replace(/^test\/unit\//, "").replace(/\.test\.ts$/, "");
      // A second file on one module adds what it covers: dial-queue-conflicts.test.ts.
      const parts = stem.split("-");
      for (let n = parts.length; n > 0; n--) {
        const candidate = parts.slice(0, n).join("-");
        const found = [`functions/${candidate}.ts`, `${candidate}.ts`].find((f) => existsSync(join(ROOT, f)));
        if (found) return found;
      }
      return undefined;
    };
    const unnamed = sourcesUnder("test/unit")
      .filter((file) => file.endsWith(".test.ts") && !WHOLE_TREE.includes(file))
      .filter((file) => moduleOf(file) === undefined);
    expect(unnamed).toEqual([]);
  });
});
