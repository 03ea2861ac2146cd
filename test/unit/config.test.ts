import { describe, expect, it } from "vitest";
import { ConfigError, loadRuntimeConfig } from "../../functions/config";
import { prefixedTableNames, tableEnvironment } from "../../functions/contracts";
import { DEFAULT_STRATEGY } from "../../functions/domain/strategy";

/** What every handler's environment holds in AWS: its tables. */
const TABLES = tableEnvironment(prefixedTableNames("unit-"));

const CONNECT = {
  CONNECT_INSTANCE_ID: "11111111-2222-3333-4444-555555555555",
  CONNECT_CONTACT_FLOW_ID: "66666666-7777-8888-9999-000000000000",
  CONNECT_QUEUE_ID: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
};

const problemsOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("no ConfigError");
};

describe("the handlers' config", () => {
  it("names every bad variable in one message: the tables, the branches and each needed channel's", () => {
    const message = problemsOf(() =>
      loadRuntimeConfig(
        { ...TABLES, CASES_TABLE: "x", BRANCHES: "[", SMS_SENDER_ID: "BPJS KESEHATAN", SMS_PER_SECOND: "0" },
        ["sms", "dialer", "supervisors", "webhookSecret", "campaignExecutions"],
      ),
    );
    for (const variable of [
      "CASES_TABLE: must be a DynamoDB table name",
      "SMS_PER_SECOND: ",
      "BRANCHES: ",
      "SMS_SENDER_ID: must be 1-11 letters or digits",
      "CONNECT_INSTANCE_ID: required",
      "CONNECT_CONTACT_FLOW_ID: required (or CONNECT_CONTACT_FLOW_NAME)",
      "CONNECT_QUEUE_ID: set CONNECT_QUEUE_ID or CONNECT_SOURCE_PHONE_NUMBER",
      "SUPERVISORS_TOPIC_ARN: required",
      "WEBHOOK_SECRET_ID: required",
      "CAMPAIGN_STATE_MACHINE_ARN: required",
    ]) {
      expect(message).toContain(variable);
    }
    expect(message.match(/invalid environment/g)).toHaveLength(1);
  });

  it("neither requires nor reads the settings of a channel the function does not use", () => {
    const env = { ...TABLES, CONNECT_REGION: "Singapore", SUPERVISORS_TOPIC_ARN: "not-an-arn" };
    const config = loadRuntimeConfig(env, ["sms"]);
    expect(config.channels).toEqual({ sms: { smsType: "Transactional" } });
    expect(loadRuntimeConfig(env).channels).toEqual({});
    expect(problemsOf(() => loadRuntimeConfig(env, ["dialer"]))).toContain(
      "CONNECT_REGION: must be an AWS region like ap-southeast-1",
    );
  });

  it("holds each needed channel's settings", () => {
    const config = loadRuntimeConfig(
      {
        ...TABLES,
        ...CONNECT,
        CONNECT_REGION: "ap-southeast-1",
        SUPERVISORS_TOPIC_ARN: "arn:aws:sns:ap-southeast-3:123456789012:telecollect-supervisors",
        WEBHOOK_SECRET_ID: "telecollect/payment-webhook",
        CAMPAIGN_STATE_MACHINE_ARN: "arn:aws:states:ap-southeast-3:123456789012:stateMachine:Campaign",
      },
      ["dialer", "supervisors", "webhookSecret", "campaignExecutions"],
    );
    expect(config.channels).toEqual({
      connect: {
        instanceId: CONNECT.CONNECT_INSTANCE_ID,
        contactFlow: { id: CONNECT.CONNECT_CONTACT_FLOW_ID },
        queueId: CONNECT.CONNECT_QUEUE_ID,
        region: "ap-southeast-1",
      },
      supervisorsTopicArn: "arn:aws:sns:ap-southeast-3:123456789012:telecollect-supervisors",
      webhookSecret: { secretId: "telecollect/payment-webhook", cacheSeconds: 300 },
      campaignStateMachineArn: "arn:aws:states:ap-southeast-3:123456789012:stateMachine:Campaign",
    });
  });

  describe("the strategy campaigns start with (CAMPAIGN_STRATEGY)", () => {
    const STATE_MACHINE = {
      CAMPAIGN_STATE_MACHINE_ARN: "arn:aws:states:ap-southeast-3:123456789012:stateMachine:Campaign",
    };

    it("is the deployment's: what it names, the defaults for the rest", () => {
      const config = loadRuntimeConfig(
        { ...TABLES, ...STATE_MACHINE, CAMPAIGN_STRATEGY: '{"messaging":{"sms":{"length":"ONE_SEGMENT"}}}' },
        ["campaignExecutions"],
      );
      expect(config.channels.campaignStrategy?.messaging.sms.length).toBe("ONE_SEGMENT");
      expect(config.channels.campaignStrategy?.buckets).toEqual(DEFAULT_STRATEGY.buckets);
    });

    it("refuses a typo, a bad value or bad JSON, naming the variable and the path", () => {
      const load = (json: string) =>
        problemsOf(() =>
          loadRuntimeConfig({ ...TABLES, ...STATE_MACHINE, CAMPAIGN_STRATEGY: json }, ["campaignExecutions"]),
        );
      expect(load('{"messaging":{"sms":{"lenght":"ONE_SEGMENT"}}}')).toContain(
        "CAMPAIGN_STRATEGY: strategy.messaging.sms.lenght: unknown key",
      );
      expect(load('{"graceDays":-1}')).toContain("CAMPAIGN_STRATEGY: strategy.graceDays: ");
      expect(load('{"graceDays":')).toContain("CAMPAIGN_STRATEGY: ");
    });
  });

  describe("the retention policy", () => {
    it("keeps each table's items for the documented defaults, campaigns as long as their cases, the supervisors' record as long as the interactions", () => {
      expect(loadRuntimeConfig(TABLES).retention).toEqual({
        participants: 180,
        cases: 1825,
        campaigns: 1825,
        interactions: 1825,
        payments: 3650,
        limits: 35,
        audit: 1825,
        messages: 1825,
        profiles: 180,
        kader: 180,
      });
    });

    it("takes each table's days from its setting; a blank setting means the default", () => {
      const config = loadRuntimeConfig({
        ...TABLES,
        PARTICIPANT_RETENTION_DAYS: "60",
        CASE_RETENTION_DAYS: "2555",
        INTERACTION_RETENTION_DAYS: "730",
        PAYMENT_RETENTION_DAYS: "",
        LIMIT_RETENTION_DAYS: "7",
      });
      expect(config.retention).toEqual({
        participants: 60,
        cases: 2555,
        campaigns: 2555,
        interactions: 730,
        payments: 3650,
        limits: 7,
        audit: 730,
        messages: 730,
        profiles: 60,
        kader: 60,
      });
    });

    it("refuses nonsense, naming each setting and why, in one message", () => {
      const message = problemsOf(() =>
        loadRuntimeConfig({
          ...TABLES,
          PARTICIPANT_RETENTION_DAYS: "20",
          CASE_RETENTION_DAYS: "5 years",
          INTERACTION_RETENTION_DAYS: "90.5",
          PAYMENT_RETENTION_DAYS: "99999",
          LIMIT_RETENTION_DAYS: "0",
        }),
      );
      for (const problem of [
        "PARTICIPANT_RETENTION_DAYS: must be at least 35 days: a monthly snapshot must outlive the next month's import",
        "CASE_RETENTION_DAYS: must be a whole number of days",
        "INTERACTION_RETENTION_DAYS: must be a whole number of days",
        "PAYMENT_RETENTION_DAYS: must be at most 3660 days (about ten years)",
        "LIMIT_RETENTION_DAYS: must be at least 7 days",
      ]) {
        expect(message).toContain(problem);
      }
    });
  });
});
