import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Before any module loads: Powertools reads its level when the handlers' logger is built, and the
// local runtime prints every error a handler throws (what Step Functions would record) with this set.
vi.hoisted(() => {
  vi.stubEnv("POWERTOOLS_LOG_LEVEL", "DEBUG");
  vi.stubEnv("TELECOLLECT_TRACE_ERRORS", "1");
});

import { format } from "node:util";
import { toDialerError } from "../../functions/channels/dialer/connect";
import type { SmsSendError } from "../../functions/channels/sms";
import { snsPublishError } from "../../functions/channels/sms/sns";
import { logger } from "../../functions/handlers/shared/powertools";
import { chance } from "../../local/sim/random";
import { type LocalRun, localRun } from "./local-run";

/**
 * A month at DEBUG with Connect and SNS failing the way they do (their SDK messages quote the number
 * dialled and the case), every log line the handlers and the runtime write captured, and every
 * error an execution ended with: none may carry a card number, NIK, phone number or name.
 */
const lines: string[] = [];
const FAILING_BRANCH = "GORONTALO";
const throttled = new Set<string>();
let run: LocalRun;

/** An SDK error as Connect or SNS throws it: the message names the destination. */
function sdkError(name: string, message: string, status: number) {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: status },
  });
}

function capture() {
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, "write").mockImplementation(((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    }) as typeof stream.write);
  }
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(format(...args));
    });
  }
}

beforeAll(async () => {
  capture();
  run = await localRun({
    participants: 120,
    seed: 23,
    period: "2026-11",
    faults: {
      // SNS as the adapter maps it: one branch's account-level refusal fails its campaign.
      sms: (message, attempt) => {
        const echo = `Invalid parameter: PhoneNumber Reason: ${message.phone} (${message.caseId})`;
        const failed = (name: string, status: number) =>
          snsPublishError(sdkError(name, echo, status)) as SmsSendError;
        if (message.caseId.startsWith(`${FAILING_BRANCH}#`))
          return failed("AuthorizationErrorException", 403);
        // The details an agent sends after a call.
        if (message.messageKey.includes("#CALL_INFO#")) return failed("InvalidParameterException", 400);
        if (attempt === 1 && chance(0.2, 23, message.messageKey, "sns"))
          return failed("ThrottledException", 429);
        return undefined;
      },
      dialer: (call, attempt) => {
        const echo = `destination ${call.phone} of ${call.caseId} (${call.attributes.name ?? ""})`;
        if (attempt === 1 && chance(0.1, 23, call.clientToken, "refused"))
          return toDialerError(sdkError("InvalidParameterException", echo, 400), "StartOutboundVoiceContact");
        // Throttled once per call start, as a burst over the quota would be.
        if (
          attempt === 1 &&
          !throttled.has(call.clientToken) &&
          chance(0.1, 23, call.clientToken, "throttled")
        ) {
          throttled.add(call.clientToken);
          return toDialerError(sdkError("TooManyRequestsException", echo, 429), "StartOutboundVoiceContact");
        }
        return undefined;
      },
    },
  });
}, 600_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await run?.remove();
});

const RANDOM_IDS =
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|1-[0-9a-f]{8}-[0-9a-f]{24}/gi;

const PATTERNS: Record<string, RegExp> = {
  "13-digit number (card, case id)": /(?<!\d)\d{13}(?!\d)/g,
  "16-digit number (NIK)": /(?<!\d)\d{16}(?!\d)/g,
  "+62 phone": /\+62\d{6,}/g,
  "08 phone": /(?<![\d.])08\d{7,}/g,
};

describe("a month of campaigns at DEBUG with Connect and SNS failing", () => {
  it("logs at DEBUG and reaches the warning and error paths", () => {
    expect(logger.getLevelName()).toBe("DEBUG");
    const text = lines.join("\n");
    expect(text).toContain("call start refused");
    expect(text).toContain("call start failed, will retry");
    expect(text).toContain("details asked for in the call not sent");
    expect(text).toContain("campaign failed");
    // The runtime's own line for the error the send-sms Task failed with.
    expect(text).toMatch(/send-sms AuthorizationErrorException/);
    const failed = run.result.outcomes.filter((o) => o.execution.status !== "SUCCEEDED");
    expect(failed.map((o) => [o.branchCode, o.execution.status])).toEqual([[FAILING_BRANCH, "FAILED"]]);
    expect(run.result.cases.length).toBeGreaterThan(0);
  });

  it("writes no card number, NIK, phone number or name in any log line or recorded error", () => {
    const recorded = run.result.outcomes.flatMap((o) => [o.execution.error ?? "", o.execution.cause ?? ""]);
    const names = [...new Set(run.result.cases.map((c) => c.name))];
    const found: string[] = [];
    for (const line of [...lines, ...recorded]) {
      // Random ids (request ids, X-Ray traces) are hex: a run of digits inside one is no phone number.
      const text = line.replace(RANDOM_IDS, "<id>");
      for (const [kind, pattern] of Object.entries(PATTERNS))
        for (const m of text.matchAll(pattern)) found.push(`${kind} ${m[0]} in: ${line.slice(0, 300)}`);
      for (const name of names) if (line.includes(name)) found.push(`name ${name} in: ${line.slice(0, 300)}`);
    }
    expect(found).toEqual([]);
  });
});
