import { describe, expect, it } from "vitest";
import { UpdateExpression } from "../../../functions/store/update-expression";

describe("UpdateExpression", () => {
  it("composes SET, REMOVE and ADD clauses with their conditions, names and values", () => {
    const x = new UpdateExpression()
      .name("#status", "status")
      .assign("#status", ":paid", "PAID")
      .increment("smsSent", ":one", 1)
      .require("#status = :open", { ":open": "OPEN" })
      .require("attribute_exists(k)");
    x.remove.push("dialQueue");
    expect(x.update("cases", { k: 1 })).toEqual({
      TableName: "cases",
      Key: { k: 1 },
      UpdateExpression: "SET #status = :paid REMOVE dialQueue ADD smsSent :one",
      ConditionExpression: "#status = :open AND attribute_exists(k)",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":paid": "PAID", ":one": 1, ":open": "OPEN" },
    });
  });

  it("leaves out the parts it was not given", () => {
    expect(new UpdateExpression().assign("a", ":a", 1).update("t", { k: 1 })).toEqual({
      TableName: "t",
      Key: { k: 1 },
      UpdateExpression: "SET a = :a",
      ExpressionAttributeValues: { ":a": 1 },
    });
  });
});
