import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuntimeConfig } from "../../functions/config";
import { prefixedTableNames, tableEnvironment } from "../../functions/contracts";
import { DEFAULT_STRATEGY } from "../../functions/domain/strategy";
import {
  ConfigError,
  campaignStrategyOf,
  configWarnings,
  DEFAULT_CONFIG_FILE,
  instanceLocation,
  loadConfig,
  mergeConfig,
  parseConfig,
} from "../../infra/config";
import { REPO_ROOT } from "../../infra/constructs/functions";
import { exampleConfig, exampleConfigInput } from "./helpers";

const context = (values: Record<string, unknown>) => ({ tryGetContext: (key: string) => values[key] });

function errorOf(input: unknown): string {
  try {
    parseConfig(input, "test");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected the config to be refused");
}

const withBranch = (patch: Record<string, unknown>) => {
  const input = exampleConfigInput();
  const branches = input.branches as Record<string, unknown>[];
  branches[1] = { ...branches[1], ...patch };
  return input;
};

describe("config", () => {
  it("the example config is valid and fills the defaults", () => {
    const config = loadConfig(context({}), REPO_ROOT);
    expect(config.branches.map((b) => b.code)).toEqual([
      "GORONTALO",
      "SEMARANG",
      "SINGKAWANG",
      "JAYAPURA",
      "MERAUKE",
    ]);
    expect(config.schedule).toEqual({ enabled: true, dayOfMonth: 11, time: "08:00" });
    expect(config.branches[1]?.contactWindow).toMatchObject({
      start: "08:00",
      end: "20:00",
      days: [1, 2, 3, 4, 5, 6],
    });
    expect(config.removalPolicy).toBe("retain");
    expect(instanceLocation(config.connect.instanceArn)).toMatchObject({
      region: "ap-southeast-1",
      account: "111122223333",
    });
  });

  it("defaults schedule, SMS, quotas, retention and removal policy from a minimal config", () => {
    const config = parseConfig({
      connect: {
        instanceArn:
          "arn:aws:connect:ap-southeast-1:111122223333:instance/0f3c2a51-8d4e-4c1b-9a7f-5e6d7c8b9a01",
        queueId: "8a1d5c2e-3f4b-4a6c-9d7e-0b1c2d3e4f50",
        prompts: (exampleConfigInput().connect as Record<string, unknown>).prompts,
      },
      branches: [{ code: "SEMARANG", name: "Kantor Cabang Semarang", timeZone: "Asia/Jakarta" }],
      supervisors: { emails: ["kabid@example.go.id"] },
    });
    expect(config).toMatchObject({
      stackName: "Telecollect",
      sms: { type: "Transactional" },
      payments: {
        webhookSecretName: "telecollect/payment-webhook",
        throttle: { rateLimit: 20, burstLimit: 40 },
      },
      schedule: { enabled: true, dayOfMonth: 11, time: "08:00" },
      quotas: { smsPerSecond: 20, callStartsPerSecond: 2, maxConcurrentCalls: 10 },
      logRetentionDays: 90,
      removalPolicy: "retain",
    });
    expect(config.branches[0]?.agentsOnShift).toBe(3);
  });

  it("a missing instance ARN names the field and shows an example", () => {
    const input = exampleConfigInput();
    delete (input.connect as Record<string, unknown>).instanceArn;
    const message = errorOf(input);
    expect(message).toContain("connect.instanceArn: required");
    expect(message).toMatch(/example: "arn:aws:connect:ap-southeast-1:\d{12}:instance\//);
  });

  it("an unknown time zone names the branch and shows the Indonesian zones", () => {
    const message = errorOf(withBranch({ timeZone: "Asia/Jakrta" }));
    expect(message).toContain("branches[1].timeZone: unknown IANA time zone 'Asia/Jakrta'");
    expect(message).toContain('"Asia/Jakarta" (WIB)');
  });

  it("zero agents on shift is refused with the branch named", () => {
    const message = errorOf(withBranch({ agentsOnShift: 0 }));
    expect(message).toContain("branches[1].agentsOnShift: at least 1 agent must be on shift");
    expect(message).toContain("example: 3");
  });

  it("lists every problem at once, and refuses unknown fields", () => {
    const input = exampleConfigInput();
    (input.connect as Record<string, unknown>).instanceArn = "arn:aws:connect:ap-southeast-1:1:instance/x";
    input.logRetentionDays = 100;
    input.schedule = { dayOfMonth: 31, time: "8am" };
    input.suprvisors = {};
    const message = errorOf(input);
    expect(message).toContain("connect.instanceArn: must be an Amazon Connect instance ARN");
    expect(message).toContain(
      "logRetentionDays: must be a retention CloudWatch Logs accepts; example: 90 (one of 1, 3",
    );
    expect(message).toContain("schedule.dayOfMonth: must be 1-28");
    expect(message).toContain("schedule.time: expected HH:MM");
    expect(message).toContain("unknown field(s) 'suprvisors'");
  });

  it("takes a strategy of only what differs from the defaults, and refuses a misspelt or bad key by its path", () => {
    const config = parseConfig({
      ...exampleConfigInput(),
      strategy: { messaging: { sms: { length: "ONE_SEGMENT" } } },
    });
    expect(campaignStrategyOf(config).messaging.sms.length).toBe("ONE_SEGMENT");
    expect(campaignStrategyOf(config).graceDays).toBe(2);
    expect(campaignStrategyOf(exampleConfig())).toEqual(DEFAULT_STRATEGY);
    const message = errorOf({
      ...exampleConfigInput(),
      strategy: { messaging: { sms: { lenght: "ONE_SEGMENT" } }, graceDays: 20 },
    });
    expect(message).toContain("strategy.messaging.sms.lenght: unknown key");
    expect(message).toContain("strategy.graceDays: ");
    expect(message).toContain('example: { "messaging": { "sms": { "length": "ONE_SEGMENT" } } }');
  });

  it("accepts every strategy example of docs/deploy.md as it is written there", () => {
    const guide = readFileSync(join(REPO_ROOT, "docs/deploy.md"), "utf8");
    const section = guide.slice(guide.indexOf("### The campaign strategy"), guide.indexOf("## 3."));
    const examples = [...section.matchAll(/```json\n(.*?)\n```/gs)].map((m) => JSON.parse(m[1] ?? ""));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      const config = parseConfig({ ...exampleConfigInput(), ...example });
      expect(campaignStrategyOf(config).messaging.sms.length).toBe("ONE_SEGMENT");
    }
    expect(
      campaignStrategyOf(parseConfig({ ...exampleConfigInput(), ...examples[1] })).messaging.whatsapp,
    ).toMatchObject({ fallbackAfterMinutes: 720 });
  });

  it("needs a queue for telecollect's own outbound flow, and a caller id", () => {
    const noQueue = exampleConfigInput();
    delete (noQueue.connect as Record<string, unknown>).queueId;
    expect(errorOf(noQueue)).toContain("connect.queueId: required unless you bring your own contactFlowId");
    const own = exampleConfigInput();
    own.connect = {
      instanceArn: (own.connect as Record<string, string>).instanceArn,
      contactFlowId: "2b7e9f10-4c3d-4e5f-8a9b-1c2d3e4f5a6b",
    };
    expect(errorOf(own)).toContain("give queueId and/or sourcePhoneNumber");
  });

  it("fails synth naming every recorded prompt telecollect's flows need and what it must say", () => {
    const input = exampleConfigInput();
    const connect = input.connect as { prompts: Record<string, string> };
    delete connect.prompts.greetingMalam;
    delete connect.prompts.agentWhisper;
    const message = errorOf(input);
    expect(message).toContain(
      'connect.prompts.greetingMalam: required: the recorded prompt that says "Selamat malam, ini panggilan resmi BPJS Kesehatan. Mohon tunggu, petugas kami akan berbicara dengan Anda."',
    );
    expect(message).toContain(
      'connect.prompts.agentWhisper: required: the recorded prompt that says "Panggilan telekolekting BPJS Kesehatan. Rincian peserta ada di layar."',
    );
    expect(message).toContain(
      'Amazon Polly has no Indonesian voice, so record it and upload it to the instance (docs/deploy.md, "Recorded prompts")',
    );
    expect(message).toContain(
      'example: { "greetingPagi": "arn:aws:connect:ap-southeast-1:111122223333:instance/…/prompt/…"',
    );
    expect(message).not.toContain("greetingPagi: required");
  });

  it("needs no prompts for the flows the config brings itself, and refuses another instance's prompt", () => {
    const own = exampleConfigInput();
    const connect = own.connect as Record<string, unknown>;
    connect.contactFlowId = "2b7e9f10-4c3d-4e5f-8a9b-1c2d3e4f5a6b";
    connect.whisperFlowId = "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f";
    delete connect.prompts;
    expect(parseConfig(own).connect.prompts).toEqual({});
    const other = exampleConfigInput();
    (other.connect as { prompts: Record<string, string> }).prompts.noAgent =
      "arn:aws:connect:ap-southeast-1:111122223333:instance/11111111-2222-4333-8444-555555555555/prompt/3b1f6c2a-0d4e-4f5a-9b6c-7d8e9f0a1b25";
    expect(errorOf(other)).toContain("connect.prompts.noAgent: must be a prompt of connect.instanceArn");
    const old = exampleConfigInput();
    (old.connect as Record<string, unknown>).greetingPromptId = "x";
    expect(errorOf(old)).toContain("connect: unknown field(s) 'greetingPromptId'");
  });

  it("warns when the caller id is not an Indonesian +62 number", () => {
    const input = exampleConfigInput();
    (input.connect as Record<string, unknown>).sourcePhoneNumber = "+6531381234";
    expect(configWarnings(parseConfig(input))).toEqual([
      'connect.sourcePhoneNumber +6531381234 is not an Indonesian (+62) number: participants distrust foreign caller ids and may not answer; claim or port an Indonesian number (docs/deploy.md, "An Indonesian caller id")',
    ]);
    const example = loadConfig(context({}), REPO_ROOT);
    expect(example.connect.sourcePhoneNumber).toMatch(/^\+62/);
    expect(configWarnings(example)).toEqual([]);
  });

  it("refuses duplicate branch codes", () => {
    const input = exampleConfigInput();
    (input.branches as Record<string, unknown>[]).push({ ...(input.branches as object[])[0] });
    expect(errorOf(input)).toContain("branches[5].code: duplicate branch code 'GORONTALO'");
  });

  it("checks the SMS sender id by the rule the SMS channel reads it with", () => {
    const loadSmsConfig = (env: Record<string, string>) =>
      loadRuntimeConfig({ ...tableEnvironment(prefixedTableNames("unit-")), ...env }, ["sms"]).channels.sms;
    const accepted = (senderId: string) => ({ ...exampleConfigInput(), sms: { senderId } });
    expect(parseConfig(accepted("BPJSKES"), "test").sms.senderId).toBe("BPJSKES");
    expect(loadSmsConfig({ SMS_SENDER_ID: "BPJSKES" })?.senderId).toBe("BPJSKES");
    for (const [senderId, message] of [
      ["BPJS KESEHATAN", "must be 1-11 letters or digits, no spaces"],
      ["BPJSKESEHATAN", "must be 1-11 letters or digits, no spaces"],
      ["12345", "must contain at least one letter"],
    ]) {
      expect(errorOf(accepted(senderId as string))).toContain(`sms.senderId: ${message}`);
      expect(() => loadSmsConfig({ SMS_SENDER_ID: senderId as string })).toThrow(`SMS_SENDER_ID: ${message}`);
    }
  });

  it("merges the telecollect context (object or JSON string) over the config file", () => {
    const fromObject = loadConfig(
      context({ configFile: DEFAULT_CONFIG_FILE, telecollect: { schedule: { enabled: false } } }),
      REPO_ROOT,
    );
    expect(fromObject.schedule).toEqual({ enabled: false, dayOfMonth: 11, time: "08:00" });
    const fromString = loadConfig(
      context({ configFile: DEFAULT_CONFIG_FILE, telecollect: '{"logRetentionDays": 365}' }),
      REPO_ROOT,
    );
    expect(fromString.logRetentionDays).toBe(365);
    expect(fromString.branches).toHaveLength(5);
    expect(mergeConfig({ a: { b: 1, c: [1, 2] } }, { a: { c: [3] } })).toEqual({ a: { b: 1, c: [3] } });
  });

  it("names a missing or unreadable config file", () => {
    expect(() => loadConfig(context({ configFile: "config/nope.json" }), REPO_ROOT)).toThrow(
      /-c configFile: no such file .*config\/nope\.json/,
    );
    const dir = mkdtempSync(join(tmpdir(), "telecollect-config-"));
    writeFileSync(join(dir, "broken.json"), "{ not json");
    expect(() => loadConfig(context({ configFile: "broken.json" }), dir)).toThrow(
      /broken\.json is not valid JSON/,
    );
  });

  it("a bad config fails `cdk synth` (the app) with the readable message, not a stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "telecollect-synth-"));
    const bad = withBranch({ timeZone: "Mars/Olympus", agentsOnShift: 0 });
    delete (bad.connect as Record<string, unknown>).instanceArn;
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify(bad));
    const run = spawnSync(join(REPO_ROOT, "node_modules/.bin/tsx"), ["infra/app.ts"], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        CDK_CONTEXT_JSON: JSON.stringify({ configFile: file }),
        CDK_OUTDIR: join(dir, "out"),
      },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("invalid telecollect config");
    expect(run.stderr).toContain("connect.instanceArn: required");
    expect(run.stderr).toContain("branches[1].timeZone: unknown IANA time zone 'Mars/Olympus'");
    expect(run.stderr).toContain("branches[1].agentsOnShift: at least 1 agent must be on shift");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
