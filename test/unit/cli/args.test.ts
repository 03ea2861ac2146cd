import { describe, expect, it } from "vitest";
import { parseBranch, parseChoice, parseCommandArgs, parsePeriod, targetChoice } from "../../../cli/args";
import { parseCliConfig } from "../../../cli/config";
import { findCommand } from "../../../cli/run";
import { stackOutputs } from "../../../cli/target";
import { branchIndex, SAMPLE_BRANCHES } from "../../../functions/domain/branches";

const branches = branchIndex(SAMPLE_BRANCHES);

describe("argument parsing", () => {
  it("accepts a month and names the bad value otherwise", () => {
    expect(parsePeriod("2026-11")).toBe("2026-11");
    expect(() => parsePeriod("2026-13")).toThrow("--period: '2026-13' is not a month (expected YYYY-MM)");
    expect(() => parsePeriod("26-11")).toThrow("--period: '26-11'");
    expect(() => parsePeriod(undefined)).toThrow("--period: required");
  });

  it("knows the configured branches", () => {
    expect(parseBranch("JAYAPURA", branches).timeZone).toBe("Asia/Jayapura");
    expect(() => parseBranch("gorontalo", branches)).toThrow(
      "--branch: unknown branch 'gorontalo' (known: GORONTALO, SEMARANG, SINGKAWANG, JAYAPURA, MERAUKE)",
    );
  });

  it("checks choices", () => {
    expect(parseChoice("format", undefined, ["table", "csv"] as const)).toBeUndefined();
    expect(parseChoice("format", "csv", ["table", "csv"] as const)).toBe("csv");
    expect(() => parseChoice("format", "xml", ["table", "csv"] as const)).toThrow(
      "--format: 'xml' is not one of table, csv",
    );
  });

  it("turns parseArgs errors and missing positionals into usage errors", () => {
    const options = { json: { type: "boolean" } } as const;
    expect(() => parseCommandArgs(["--nope"], options, { min: 0, max: 0, name: "" })).toThrow(
      expect.objectContaining({ name: "UsageError" }),
    );
    expect(() => parseCommandArgs([], options, { min: 1, max: 1, name: "FILE.csv" })).toThrow(
      "FILE.csv: required",
    );
    expect(() => parseCommandArgs(["a", "b"], options, { min: 1, max: 1, name: "FILE.csv" })).toThrow(
      "unexpected argument 'b'",
    );
  });

  it("finds two-word commands before their arguments", () => {
    expect(findCommand(["campaign", "stop", "--reason", "x"])?.command.name).toBe("campaign stop");
    expect(findCommand(["campaign", "stop", "--reason", "x"])?.rest).toEqual(["--reason", "x"]);
    expect(findCommand(["import", "a.csv"])?.command.name).toBe("import");
    expect(findCommand(["campaign"])).toBeUndefined();
  });
});

describe("target resolution", () => {
  it("is the local runtime with --local, else the stack (default from config)", () => {
    expect(targetChoice({ local: true }, "Telecollect")).toEqual({ kind: "local" });
    expect(targetChoice({}, "Telecollect")).toEqual({ kind: "aws", stack: "Telecollect" });
    expect(targetChoice({ stack: "Telecollect-Staging" }, "Telecollect")).toEqual({
      kind: "aws",
      stack: "Telecollect-Staging",
    });
    expect(() => targetChoice({ local: true, stack: "X" }, "Telecollect")).toThrow("choose one");
    expect(() => targetChoice({ stack: "9 bad" }, "Telecollect")).toThrow("--stack: '9 bad'");
  });

  it("reads table names and the state machine from the stack outputs", () => {
    const outputs = [
      { OutputKey: "CampaignStateMachineArn", OutputValue: "arn:aws:states:r:1:stateMachine:C" },
      ...[
        "Participants",
        "Campaigns",
        "Cases",
        "Interactions",
        "Payments",
        "Limits",
        "Audit",
        "Messages",
        "Profiles",
        "Kader",
      ].map((t) => ({
        OutputKey: `${t}TableName`,
        OutputValue: `T-${t}`,
      })),
    ];
    expect(stackOutputs("S", outputs)).toEqual({
      campaignStateMachineArn: "arn:aws:states:r:1:stateMachine:C",
      tables: {
        participants: "T-Participants",
        campaigns: "T-Campaigns",
        cases: "T-Cases",
        interactions: "T-Interactions",
        payments: "T-Payments",
        limits: "T-Limits",
        audit: "T-Audit",
        messages: "T-Messages",
        profiles: "T-Profiles",
        kader: "T-Kader",
      },
    });
    expect(() => stackOutputs("S", outputs.slice(2))).toThrow(
      "stack S lacks output(s) CampaignStateMachineArn, ParticipantsTableName",
    );
  });

  it("validates the config file naming the bad field", () => {
    expect(parseCliConfig({}, "config.json")).toEqual({
      stack: "Telecollect",
      allowUnmasked: false,
      callsPerAgentDay: 60,
    });
    expect(() => parseCliConfig({ callsPerAgentDay: 0 }, "config.json")).toThrow(
      /^config\.json: callsPerAgentDay: /,
    );
    expect(() => parseCliConfig({ allowUnmasked: "yes" }, "config.json")).toThrow(/allowUnmasked: /);
    expect(() => parseCliConfig({ stak: "x" }, "config.json")).toThrow(/stak/);
  });
});
