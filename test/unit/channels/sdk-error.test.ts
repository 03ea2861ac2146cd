import { describe, expect, it } from "vitest";
import { describeSdkError, sdkErrorFacts, withoutSdkMessage } from "../../../functions/channels/sdk-error";

const answered = Object.assign(new Error("Invalid parameter: PhoneNumber Reason: +6281234567890"), {
  name: "InvalidParameterException",
  $fault: "client",
  $metadata: { httpStatusCode: 400, requestId: "r-1" },
});

describe("SDK errors described without their message", () => {
  it("keeps the name, status, fault and request id", () => {
    expect(sdkErrorFacts(answered)).toEqual({
      name: "InvalidParameterException",
      status: 400,
      fault: "client",
      throttling: false,
      requestId: "r-1",
    });
    expect(describeSdkError("Publish", sdkErrorFacts(answered))).toBe(
      "Publish: InvalidParameterException (HTTP 400, request r-1)",
    );
  });

  it("names a network error by its code, and anything thrown by `Error`", () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    expect(describeSdkError("Publish", sdkErrorFacts(reset))).toBe("Publish: Error (ECONNRESET)");
    expect(sdkErrorFacts("boom")).toEqual({ name: "Error", throttling: false });
  });

  it("replaces a service's answer by an error of the same name that quotes nothing", () => {
    const safe = withoutSdkMessage(answered, "Publish") as Error;
    expect(safe.name).toBe("InvalidParameterException");
    expect(safe.message).toBe("Publish: InvalidParameterException (HTTP 400, request r-1)");
    expect(JSON.stringify({ ...safe, stack: safe.stack })).not.toContain("6281234567890");
  });

  it("returns an error no service answered unchanged", () => {
    const bug = new TypeError("x is undefined");
    expect(withoutSdkMessage(bug, "Publish")).toBe(bug);
  });
});
