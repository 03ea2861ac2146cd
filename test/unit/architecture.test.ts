import { describe, expect, it } from "vitest";
import { importsOf, packagesReachedFrom, reachableFrom, sourcesUnder } from "../support/import-graph";

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
});
