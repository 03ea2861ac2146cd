import { describe, expect, it } from "vitest";
import { importsOf, packagesReachedFrom, reachableFrom } from "../support/import-graph";

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
});
