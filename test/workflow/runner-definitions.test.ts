import { describe, expect, it } from "vitest";
import { placeholderNames, SubstitutionError, substitutePlaceholders } from "../../local/asl/definition";
import { AslValidationError, findDefinitionProblems, validateDefinition } from "../../local/asl/validate";
import { fixture, LAMBDA, setup, thrown } from "./runner-support";

/** A definition as the runner registers it: placeholders substituted, validated for both runtimes, and prepared so that the interpreter runs it as AWS does. */

describe("registration", () => {
  it("fails on an unresolved substitution placeholder", () => {
    const { sfn } = setup();
    const error = thrown(() => sfn.register("paged", fixture("paged-loop"), { OtherArn: "x" }));
    expect(error).toBeInstanceOf(SubstitutionError);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the ASL placeholder syntax
    expect(error.message).toContain("${FetchPageFunctionArn}");
    expect((error as SubstitutionError).unresolved).toEqual(["FetchPageFunctionArn"]);
  });

  it("substitutes like CloudFormation DefinitionSubstitutions", () => {
    const $ = "$";
    expect(placeholderNames(`{"a":"${$}{A}","b":"${$}{B}","c":"${$}{A}","d":"${$}{!Lit}"}`)).toEqual([
      "A",
      "B",
    ]);
    expect(substitutePlaceholders(`"${$}{A}-${$}{!Lit}"`, { A: "x" })).toBe(`"x-${$}{Lit}"`);
    expect(() => substitutePlaceholders('"${A"', { A: "x" })).toThrow(/unterminated/);
  });

  it("validates on register", () => {
    const { sfn } = setup();
    const error = thrown(() =>
      sfn.register("bad", { StartAt: "A", States: { A: { Type: "Pass", Assign: { x: 1 }, End: true } } }),
    );
    expect(error).toBeInstanceOf(AslValidationError);
    expect(error.message).toContain("/States/A/Assign");
  });
});

describe("validateDefinition", () => {
  const pass = { Type: "Pass", End: true };
  const map = (extra: Record<string, unknown>, processor: Record<string, unknown> = {}) => ({
    StartAt: "M",
    States: {
      M: {
        Type: "Map",
        ItemProcessor: { StartAt: "Inner", States: { Inner: pass }, ...processor },
        End: true,
        ...extra,
      },
    },
  });

  const rejected: [string, Record<string, unknown>, string][] = [
    ["JSONata at the top", { QueryLanguage: "JSONata", StartAt: "A", States: { A: pass } }, "/QueryLanguage"],
    [
      "JSONata on a state",
      { StartAt: "A", States: { A: { ...pass, QueryLanguage: "JSONata" } } },
      "/States/A/QueryLanguage",
    ],
    ["Assign", { StartAt: "A", States: { A: { ...pass, Assign: { x: 1 } } } }, "/States/A/Assign"],
    ["Output", { StartAt: "A", States: { A: { ...pass, Output: { x: 1 } } } }, "/States/A/Output"],
    [
      "Arguments",
      { StartAt: "A", States: { A: { Type: "Task", Resource: LAMBDA, Arguments: { x: 1 }, End: true } } },
      "/States/A/Arguments",
    ],
    [
      "a Distributed Map",
      map({}, { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" } }),
      "/States/M/ItemProcessor/ProcessorConfig/Mode",
    ],
    [
      "ItemReader",
      map({
        ItemReader: { Resource: "arn:aws:states:::s3:getObject", Parameters: { Bucket: "b", Key: "k" } },
      }),
      "/States/M/ItemReader",
    ],
    ["ItemBatcher", map({ ItemBatcher: { MaxItemsPerBatch: 10 } }), "/States/M/ItemBatcher"],
    [
      "ResultWriter",
      map({
        ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Parameters: { Bucket: "b", Prefix: "p" } },
      }),
      "/States/M/ResultWriter",
    ],
    [
      "Assign inside a Parallel branch",
      {
        StartAt: "P",
        States: {
          P: {
            Type: "Parallel",
            Branches: [
              { StartAt: "B0", States: { B0: pass } },
              { StartAt: "B1", States: { B1: { ...pass, Assign: { y: 2 } } } },
            ],
            End: true,
          },
        },
      },
      "/States/P/Branches/1/States/B1/Assign",
    ],
    [
      "Output inside a Map processor",
      {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemProcessor: { StartAt: "I", States: { I: { ...pass, Output: 1 } } },
            End: true,
          },
        },
      },
      "/States/M/ItemProcessor/States/I/Output",
    ],
    [
      "Assign in a Choice rule",
      {
        StartAt: "C",
        States: {
          C: {
            Type: "Choice",
            Choices: [{ Variable: "$.x", IsPresent: true, Next: "D", Assign: { a: 1 } }],
            Default: "D",
          },
          D: pass,
        },
      },
      "/States/C/Choices/0/Assign",
    ],
    [
      "Assign in a catcher",
      {
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: LAMBDA,
            Catch: [{ ErrorEquals: ["States.ALL"], Next: "D", Assign: { a: 1 } }],
            End: true,
          },
          D: pass,
        },
      },
      "/States/T/Catch/0/Assign",
    ],
    [
      "a callback task that does not pass its token",
      {
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
            Parameters: { FunctionName: "f", Payload: {} },
            End: true,
          },
        },
      },
      "/States/T/Parameters",
    ],
  ];

  it.each(rejected)("rejects %s, naming the state path", (_what, definition, path) => {
    const error = thrown(() => validateDefinition(definition, "bad-machine"));
    expect(error).toBeInstanceOf(AslValidationError);
    expect(error.message).toContain('State machine "bad-machine"');
    expect(error.message).toContain(`${path}:`);
  });

  it("reports asl-validator's findings too, without mutating the definition", () => {
    const definition = { StartAt: "A", States: { A: { Type: "Pass", Next: "Nowhere" } } };
    const before = structuredClone(definition);
    const problems = findDefinitionProblems(definition);
    expect(problems.some((p) => p.includes("MISSING_TRANSITION_TARGET"))).toBe(true);
    expect(definition).toEqual(before);
  });

  it("accepts every fixture", () => {
    for (const name of [
      "paged-loop",
      "retry-flaky",
      "catch-fail",
      "child",
      "parent-sync",
      "callback",
      "waits",
      "map-fanout",
    ]) {
      const text = fixture(name);
      const dummy = Object.fromEntries(placeholderNames(text).map((p) => [p, `${LAMBDA}-${p}`]));
      expect(findDefinitionProblems(JSON.parse(substitutePlaceholders(text, dummy))), name).toEqual([]);
    }
  });
});

describe("Choice type tests", () => {
  it.each([
    ["IsNull", { v: 1 }, { v: null }],
    ["IsPresent", { w: 1 }, { v: 1 }],
    ["IsNumeric", { v: "1" }, { v: 1 }],
    ["IsString", { v: 1 }, { v: "1" }],
    ["IsBoolean", { v: 1 }, { v: true }],
    ["IsTimestamp", { v: "soon" }, { v: "2025-01-01T00:00:00Z" }],
  ])(
    "%s: false matches when the test fails (and only then), also nested",
    async (test, whenFalse, whenTrue) => {
      const { sfn } = setup();
      sfn.register("choice", {
        StartAt: "C",
        States: {
          C: {
            Type: "Choice",
            Choices: [
              { Variable: "$.v", [test]: false, Next: "No" },
              {
                And: [{ Variable: "$.v", [test]: true }, { Not: { Variable: "$.v", [test]: false } }],
                Next: "Yes",
              },
            ],
            Default: "Neither",
          },
          No: { Type: "Pass", Result: "no", End: true },
          Yes: { Type: "Pass", Result: "yes", End: true },
          Neither: { Type: "Pass", Result: "neither", End: true },
        },
      });
      expect((await sfn.run("choice", whenFalse)).output).toBe("no");
      expect((await sfn.run("choice", whenTrue)).output).toBe("yes");
    },
  );
});

describe("preparation for the interpreter", () => {
  it("fixes what the interpreter alone mis-runs: falsy Pass Result, ResultPath $", async () => {
    const { sfn } = setup();
    sfn.register("fixes", {
      StartAt: "Zero",
      States: {
        Zero: { Type: "Pass", Result: 0, ResultPath: "$.zero", Next: "False" },
        False: { Type: "Pass", Result: false, ResultPath: "$.no", Next: "Replace" },
        Replace: {
          Type: "Pass",
          Parameters: { "kept.$": "$.zero", "no.$": "$.no" },
          ResultPath: "$",
          End: true,
        },
      },
    });
    const done = await sfn.run("fixes", { a: 1 });
    expect(done.output).toEqual({ kept: 0, no: false });
  });
});
