import {
  ConnectClient,
  DescribeContactCommand,
  DestinationNotAllowedException,
  InternalServiceException,
  InvalidParameterException,
  LimitExceededException,
  ListContactFlowsCommand,
  OutboundContactNotPermittedException,
  ResourceNotFoundException,
  StartOutboundVoiceContactCommand,
  ThrottlingException,
  TooManyRequestsException,
} from "@aws-sdk/client-connect";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { DialerError, type OutboundCall } from "../../../../functions/channels/dialer";
import { ConnectDialer, callOutcomeOf } from "../../../../functions/channels/dialer/connect";
import { loadRuntimeConfig } from "../../../../functions/config";
import { prefixedTableNames, tableEnvironment } from "../../../../functions/contracts";

/** The dialer's settings, as the config of a function that needs the dialer reads them. */
const loadConnectConfig = (env: Record<string, string>) =>
  loadRuntimeConfig({ ...tableEnvironment(prefixedTableNames("unit-")), ...env }, ["dialer"]).channels
    .connect;

const connect = mockClient(ConnectClient);
const flowId = "66666666-7777-8888-9999-000000000000";
const config = {
  instanceId: "11111111-2222-3333-4444-555555555555",
  contactFlow: { id: flowId },
  queueId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
};
const dialer = new ConnectDialer(new ConnectClient({ region: "ap-southeast-1" }), config);
const call: OutboundCall = {
  phone: "+6281234567890",
  caseId: "GORONTALO#2026-11#0001000000042",
  branchCode: "GORONTALO",
  clientToken: "GORONTALO#2026-11#0001000000042#2",
  attributes: { caseId: "GORONTALO#2026-11#0001000000042", amountDue: "Rp1.234.567" },
};

beforeEach(() => connect.reset());

describe("Amazon Connect dialer: starting a call", () => {
  it("sends StartOutboundVoiceContact with the destination, flow, instance, queue, token and attributes", async () => {
    connect.on(StartOutboundVoiceContactCommand).resolves({ ContactId: "contact-1" });
    await expect(dialer.startCall(call)).resolves.toEqual({ contactId: "contact-1" });
    expect(connect.commandCalls(StartOutboundVoiceContactCommand).map((c) => c.args[0].input)).toEqual([
      {
        InstanceId: config.instanceId,
        ContactFlowId: flowId,
        QueueId: config.queueId,
        DestinationPhoneNumber: "+6281234567890",
        ClientToken: "GORONTALO#2026-11#0001000000042#2",
        Attributes: { caseId: "GORONTALO#2026-11#0001000000042", amountDue: "Rp1.234.567" },
        References: { "Total tagihan": { Type: "STRING", Value: "Rp1.234.567" } },
      },
    ]);
  });

  it("finds the outbound flow by name once (ListContactFlows, paged) when configured by name", async () => {
    connect
      .on(ListContactFlowsCommand)
      .resolvesOnce({
        ContactFlowSummaryList: [{ Id: "other", Name: "Telecollect agent guide" }],
        NextToken: "p2",
      })
      .resolvesOnce({ ContactFlowSummaryList: [{ Id: flowId, Name: "Telecollect outbound" }] });
    connect.on(StartOutboundVoiceContactCommand).resolves({ ContactId: "contact-3" });
    const byName = new ConnectDialer(new ConnectClient({ region: "ap-southeast-1" }), {
      instanceId: config.instanceId,
      contactFlow: { name: "Telecollect outbound" },
      queueId: config.queueId,
    });
    await byName.startCall(call);
    await byName.startCall({ ...call, clientToken: `${call.caseId}#3` });
    expect(connect.commandCalls(ListContactFlowsCommand).map((c) => c.args[0].input)).toEqual([
      { InstanceId: config.instanceId, ContactFlowTypes: ["CONTACT_FLOW"] },
      { InstanceId: config.instanceId, ContactFlowTypes: ["CONTACT_FLOW"], NextToken: "p2" },
    ]);
    for (const started of connect.commandCalls(StartOutboundVoiceContactCommand))
      expect(started.args[0].input.ContactFlowId).toBe(flowId);
  });

  it("refuses to dial when no flow has that name, without retrying", async () => {
    connect.on(ListContactFlowsCommand).resolves({ ContactFlowSummaryList: [] });
    const missing = new ConnectDialer(new ConnectClient({ region: "ap-southeast-1" }), {
      instanceId: config.instanceId,
      contactFlow: { name: "Nope" },
      queueId: config.queueId,
    });
    await expect(missing.startCall(call)).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('no contact flow named "Nope"'),
    });
    expect(connect.commandCalls(StartOutboundVoiceContactCommand)).toHaveLength(0);
  });

  it("puts the call in the branch's own queue when the branch has one", async () => {
    connect.on(StartOutboundVoiceContactCommand).resolves({ ContactId: "contact-4" });
    const branchQueue = "bbbbbbbb-cccc-4ddd-8eee-ffffffffffff";
    await dialer.startCall({ ...call, queueId: branchQueue });
    expect(connect.commandCalls(StartOutboundVoiceContactCommand)[0]?.args[0].input.QueueId).toBe(
      branchQueue,
    );
  });

  it("uses the source phone number as caller id when configured", async () => {
    connect.on(StartOutboundVoiceContactCommand).resolves({ ContactId: "contact-2" });
    const withNumber = new ConnectDialer(new ConnectClient({ region: "ap-southeast-1" }), {
      instanceId: config.instanceId,
      contactFlow: config.contactFlow,
      sourcePhoneNumber: "+6565550100",
    });
    await withNumber.startCall(call);
    const input = connect.commandCalls(StartOutboundVoiceContactCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ SourcePhoneNumber: "+6565550100" });
    expect(input).not.toHaveProperty("QueueId");
  });

  it.each([
    [new TooManyRequestsException({ message: "slow down", $metadata: {} }), true, "THROTTLED"],
    [new ThrottlingException({ message: "slow down", $metadata: {} }), true, "THROTTLED"],
    [new LimitExceededException({ message: "too many calls", $metadata: {} }), true, "LIMIT_EXCEEDED"],
    [new InternalServiceException({ message: "oops", $metadata: {} }), true, "INTERNAL"],
    [
      new DestinationNotAllowedException({ message: "+62 not allowed", $metadata: {} }),
      false,
      "DESTINATION_NOT_ALLOWED",
    ],
    [
      new OutboundContactNotPermittedException({ message: "no", $metadata: {} }),
      false,
      "OUTBOUND_NOT_PERMITTED",
    ],
  ])("maps %s to a DialerError the dial tick acts on", async (error, retryable, code) => {
    connect.on(StartOutboundVoiceContactCommand).rejects(error);
    const thrown = await dialer.startCall(call).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(DialerError);
    expect(thrown).toMatchObject({ retryable, code });
    expect((thrown as Error).message).toMatch(/^StartOutboundVoiceContact: /);
  });

  it("never passes Connect's message on: it can quote the number dialled", async () => {
    connect.on(StartOutboundVoiceContactCommand).rejects(
      new InvalidParameterException({
        message: "DestinationPhoneNumber +6281234567890 is not valid",
        $metadata: { httpStatusCode: 400, requestId: "r-2" },
      }),
    );
    const thrown = await dialer.startCall(call).catch((e: unknown) => e);
    expect(thrown).toMatchObject({
      code: "INVALID_PARAMETER",
      message: "StartOutboundVoiceContact: InvalidParameterException (HTTP 400, request r-2)",
    });
  });

  it("treats a network failure as retryable", async () => {
    connect
      .on(StartOutboundVoiceContactCommand)
      .rejects(Object.assign(new Error("socket hang up"), { name: "TimeoutError" }));
    await expect(dialer.startCall(call)).rejects.toMatchObject({ retryable: true, code: "UNAVAILABLE" });
  });
});

describe("Amazon Connect dialer: describing a call whose events never came", () => {
  it("asks DescribeContact on the instance and maps an answered call", async () => {
    connect.on(DescribeContactCommand).resolves({
      Contact: {
        Id: "contact-1",
        InitiationMethod: "API",
        ConnectedToSystemTimestamp: new Date("2026-11-16T02:00:20Z"),
        AgentInfo: { Id: "agent-7", ConnectedToAgentTimestamp: new Date("2026-11-16T02:00:25Z") },
        DisconnectTimestamp: new Date("2026-11-16T02:04:00Z"),
        DisconnectReason: "CUSTOMER_DISCONNECT",
        DisconnectDetails: { PotentialDisconnectIssue: "AGENT_CONNECTIVITY_ISSUE" },
      },
    });
    await expect(dialer.describeContact("contact-1")).resolves.toEqual({
      contactId: "contact-1",
      agentId: "agent-7",
      connectedToAgentAt: "2026-11-16T02:00:25.000Z",
      disconnectedAt: "2026-11-16T02:04:00.000Z",
      outcome: "ANSWERED",
    });
    expect(connect.commandCalls(DescribeContactCommand)[0]?.args[0].input).toEqual({
      InstanceId: config.instanceId,
      ContactId: "contact-1",
    });
  });

  it("reports a live call without an outcome, and an unknown contact as undefined", async () => {
    connect.on(DescribeContactCommand, { ContactId: "live" }).resolves({ Contact: { Id: "live" } });
    connect
      .on(DescribeContactCommand, { ContactId: "gone" })
      .rejects(new ResourceNotFoundException({ message: "no such contact", $metadata: {} }));
    await expect(dialer.describeContact("live")).resolves.toEqual({ contactId: "live" });
    await expect(dialer.describeContact("gone")).resolves.toBeUndefined();
  });

  it("maps unanswered calls from the disconnect reason", async () => {
    connect.on(DescribeContactCommand).resolves({
      Contact: {
        Id: "c",
        DisconnectTimestamp: new Date("2026-11-16T02:01:00Z"),
        DisconnectReason: "TELECOM_BUSY",
      },
    });
    await expect(dialer.describeContact("c")).resolves.toMatchObject({ outcome: "BUSY" });
  });

  it("turns throttling of DescribeContact into a retryable DialerError", async () => {
    connect.on(DescribeContactCommand).rejects(new ThrottlingException({ message: "10/s", $metadata: {} }));
    await expect(dialer.describeContact("c")).rejects.toMatchObject({ retryable: true, code: "THROTTLED" });
  });
});

describe("call outcome from a disconnect", () => {
  it.each([
    [
      { disconnectReason: "CUSTOMER_DISCONNECT", connectedToAgent: true, connectedToSystem: true },
      "ANSWERED",
    ],
    [{ disconnectReason: "TELECOM_BUSY", connectedToAgent: false, connectedToSystem: false }, "BUSY"],
    [
      { disconnectReason: "TELECOM_NUMBER_INVALID", connectedToAgent: false, connectedToSystem: false },
      "INVALID_NUMBER",
    ],
    [{ disconnectReason: "TELECOM_TIMEOUT", connectedToAgent: false, connectedToSystem: false }, "NO_ANSWER"],
    [
      { disconnectReason: "TELECOM_UNANSWERED", connectedToAgent: false, connectedToSystem: false },
      "NO_ANSWER",
    ],
    [
      { disconnectReason: "CUSTOMER_DISCONNECT", connectedToAgent: false, connectedToSystem: true },
      "AGENT_UNAVAILABLE",
    ],
    // The outbound flow's "no agent" branch hangs up: the dialer calls again later.
    [
      { disconnectReason: "CONTACT_FLOW_DISCONNECT", connectedToAgent: false, connectedToSystem: true },
      "AGENT_UNAVAILABLE",
    ],
    [{ disconnectReason: "TELECOM_PROBLEM", connectedToAgent: false, connectedToSystem: false }, "FAILED"],
    [{ connectedToAgent: false, connectedToSystem: false }, "FAILED"],
  ] as const)("%o -> %s", (facts, outcome) => {
    expect(callOutcomeOf(facts)).toBe(outcome);
  });
});

describe("dialer configuration", () => {
  const env = {
    CONNECT_INSTANCE_ID: config.instanceId,
    CONNECT_CONTACT_FLOW_ID: flowId,
    CONNECT_QUEUE_ID: config.queueId,
  };

  it("reads the instance, flow and caller id", () => {
    expect(loadConnectConfig(env)).toEqual(config);
    expect(
      loadConnectConfig({ ...env, CONNECT_QUEUE_ID: "", CONNECT_SOURCE_PHONE_NUMBER: "+6565550100" }),
    ).toEqual({
      instanceId: config.instanceId,
      contactFlow: config.contactFlow,
      sourcePhoneNumber: "+6565550100",
    });
    expect(
      loadConnectConfig({
        ...env,
        CONNECT_CONTACT_FLOW_ID: "",
        CONNECT_CONTACT_FLOW_NAME: "Telecollect outbound",
      }),
    ).toMatchObject({ contactFlow: { name: "Telecollect outbound" } });
  });

  it("names every missing or bad variable", () => {
    expect(() => loadConnectConfig({})).toThrow(
      /CONNECT_INSTANCE_ID: required.*CONNECT_CONTACT_FLOW_ID: required \(or CONNECT_CONTACT_FLOW_NAME\).*CONNECT_QUEUE_ID: set CONNECT_QUEUE_ID or CONNECT_SOURCE_PHONE_NUMBER/,
    );
    expect(() => loadConnectConfig({ ...env, CONNECT_SOURCE_PHONE_NUMBER: "0812345" })).toThrow(
      /CONNECT_SOURCE_PHONE_NUMBER: must be an E.164 number/,
    );
  });
});
