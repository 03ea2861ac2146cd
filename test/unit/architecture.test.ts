import { readFileSync } from "node:fs";
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
      expect.arrayContaining(["DynamoCaseCallStore", "ConnectDialer", "SnsSmsSender"]),
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
});
