import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { placeholderNames, substitutePlaceholders } from "../../local/asl/definition";
import { LocalStateMachines } from "../../local/asl/runner";
import { findDefinitionProblems } from "../../local/asl/validate";

const root = fileURLToPath(new URL("../../", import.meta.url));

function aslFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(join(root, dir));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(".asl.json"))
    .sort()
    .map((n) => join(dir, n));
}

const workflows = aslFiles("workflows");
const fixtures = aslFiles("test/fixtures/asl");

/**
 * Stand-ins for what CDK substitutes at deploy time: a state machine ARN for placeholders that
 * name one, a Lambda function ARN otherwise (any value valid as a Task Resource).
 */
function dummySubstitutions(text: string, sfn: LocalStateMachines): Record<string, string> {
  return Object.fromEntries(
    placeholderNames(text).map((name) => [
      name,
      /statemachine/i.test(name)
        ? sfn.stateMachineArn(name.replace(/\W/g, ""))
        : sfn.functionArn(name.replace(/\W/g, "")),
    ]),
  );
}

function check(file: string): void {
  const text = readFileSync(join(root, file), "utf8");
  const sfn = new LocalStateMachines();
  const substitutions = dummySubstitutions(text, sfn);
  expect(findDefinitionProblems(JSON.parse(substitutePlaceholders(text, substitutions, file))), file).toEqual(
    [],
  );
  // Registration also checks the substitution, every Task resource kind and the interpreted copy.
  sfn.register("check", text, substitutions);
}

describe("every workflows/*.asl.json", () => {
  it("finds both state machines the stack deploys", () => {
    expect(workflows).toEqual(["workflows/campaign.asl.json", "workflows/dialing-day.asl.json"]);
  });

  for (const file of workflows) {
    it(`${file} is valid for both runtimes`, () => check(file));
  }
});

describe("the validator on the workflow fixtures", () => {
  it("finds the fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
  });

  for (const file of fixtures) {
    it(`${file} is valid for both runtimes`, () => check(file));
  }
});
