import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  describeFieldIssues,
  describeIssues,
  ENVIRONMENT,
  EVENT,
  fieldIssues,
  fieldName,
  parseOrThrow,
} from "../../../functions/domain/validation";

const schema = z.object({
  branches: z.array(z.object({ code: z.string().min(2, "too short"), timeZone: z.string() })),
  PERIOD: z
    .string()
    .regex(/^\d{4}-\d{2}$/, "must be YYYY-MM")
    .optional(),
});
const issuesOf = (input: unknown) => schema.safeParse(input).error?.issues ?? [];

describe("naming the field at fault", () => {
  it("writes paths as root.field[2].sub, with or without a root", () => {
    expect(fieldName(["branches", 2, "timeZone"])).toBe("branches[2].timeZone");
    expect(fieldName([2, "timeZone"], { root: "branches" })).toBe("branches[2].timeZone");
    expect(fieldName(["Sections", 2, "Items", 5])).toBe("Sections[2].Items[5]");
    // The Powertools parser gives Standard Schema segments.
    expect(fieldName([{ key: "detail" }, { key: "agentInfo" }, { key: 0 }])).toBe("detail.agentInfo[0]");
  });

  it("names the input as a whole when the issue has no path", () => {
    expect(fieldName([], EVENT)).toBe("(event)");
    expect(fieldName(undefined, ENVIRONMENT)).toBe("(environment)");
    expect(fieldName([], { root: "strategy" })).toBe("strategy");
    expect(fieldName([], { root: "config", whole: "(config)" })).toBe("(config)");
  });

  it("gives every issue as {field, message}, or all of them on one line", () => {
    const issues = issuesOf({ branches: [{ code: "AB", timeZone: "x" }, { code: "A" }], PERIOD: "2026-1" });
    expect(fieldIssues(issues)).toEqual([
      { field: "branches[1].code", message: "too short" },
      { field: "branches[1].timeZone", message: "Invalid input: expected string, received undefined" },
      { field: "PERIOD", message: "must be YYYY-MM" },
    ]);
    expect(describeIssues(issuesOf({ branches: [], PERIOD: "x" }), ENVIRONMENT)).toBe(
      "PERIOD: must be YYYY-MM",
    );
    expect(describeIssues(issuesOf("not an object"), EVENT)).toBe(
      "(event): Invalid input: expected object, received string",
    );
    expect(
      describeFieldIssues([
        { field: "promiseDate", message: "required" },
        { field: "a", message: "b" },
      ]),
    ).toBe("promiseDate: required; a: b");
  });

  it("throws one error naming every bad field under the root", () => {
    expect(parseOrThrow(schema, { branches: [] }, "config")).toEqual({ branches: [] });
    expect(() =>
      parseOrThrow(schema, { branches: [{ code: "A", timeZone: "t" }], PERIOD: "x" }, "config"),
    ).toThrow("config.branches[0].code: too short; config.PERIOD: must be YYYY-MM");
  });
});
