import { describe, expect, it } from "vitest";
import { DEFAULT_STRATEGY } from "../../../functions/domain/strategy";
import { strategyFromJson } from "../../../local/strategy-file";

describe("a strategy file for npm start --strategy", () => {
  it("is what it names over the defaults", () => {
    const s = strategyFromJson('{ "messaging": { "sms": { "length": "ONE_SEGMENT" } } }', "one.json");
    expect(s.messaging.sms.length).toBe("ONE_SEGMENT");
    expect({ ...s, messaging: DEFAULT_STRATEGY.messaging }).toEqual(DEFAULT_STRATEGY);
  });

  it("names the file, the line and the column of a JSON mistake", () => {
    expect(() => strategyFromJson('{\n  "graceDays": 3,\n}\n', "comma.json")).toThrow(
      /^comma\.json: not JSON: .* at line 3, column 1$/,
    );
  });

  it("names a misspelt key and a bad value by their paths", () => {
    const text = '{ "messaging": { "sms": { "lenght": "ONE_SEGMENT" } }, "graceDays": 99 }';
    expect(() => strategyFromJson(text, "typo.json")).toThrow(
      /^typo\.json: strategy\.messaging\.sms\.lenght: unknown key; strategy\.graceDays: /,
    );
  });
});
