import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GREETINGS } from "../../functions/domain/call-attributes";
import {
  AGENT_WHISPER_FLOW_TYPE,
  agentWhisperFlow,
  assertValidFlow,
  defineFlow,
  type FlowDocument,
  GREETING_PROMPTS,
  OUTBOUND_FLOW_TYPE,
  OUTBOUND_PROMPTS,
  type OutboundPrompts,
  outboundFlow,
  PROMPTS,
  transitionTargets,
  validateFlow,
} from "../../infra/connect";
import { contactEventPattern } from "../../infra/constructs/connect";
import { REPO_ROOT } from "../../infra/constructs/functions";
import { exampleConfig, flattenValue, synthesize } from "./helpers";

const INSTANCE = "arn:aws:connect:ap-southeast-1:111122223333:instance/0f3c2a51-8d4e-4c1b-9a7f-5e6d7c8b9a01";
const promptArn = (name: string) => `${INSTANCE}/prompt/${name}`;
const PROMPT_ARNS = Object.fromEntries(
  OUTBOUND_PROMPTS.map((name) => [name, promptArn(name)]),
) as OutboundPrompts;
const outbound = () =>
  outboundFlow({
    agentWhisperFlowArn: `${INSTANCE}/contact-flow/5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f`,
    agentGuideFlowArn: `${INSTANCE}/contact-flow/7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b`,
    recordCalls: true,
    prompts: PROMPT_ARNS,
  });
const whisper = () => agentWhisperFlow({ agentWhisper: promptArn("agentWhisper") });

/** What a flow says: the prompt of every MessageParticipant, and any text-to-speech. */
const spoken = (doc: FlowDocument) =>
  doc.Actions.filter((a) => a.Type === "MessageParticipant").map((a) => a.Parameters);

/** Every transition of a document points to an action of the same document. */
function expectClosedTransitions(doc: FlowDocument) {
  const ids = new Set(doc.Actions.map((a) => a.Identifier));
  expect(ids.has(doc.StartAction)).toBe(true);
  for (const action of doc.Actions)
    for (const target of transitionTargets(action)) expect(ids).toContain(target);
}

describe("contact flow generator (infra/connect)", () => {
  it("renders the outbound flow: whisper, guide, greeting, transfer to the call's queue, and every failure hangs up politely", () => {
    const doc = outbound();
    expect(validateFlow(doc, OUTBOUND_FLOW_TYPE)).toEqual([]);
    expectClosedTransitions(doc);
    const byId = Object.fromEntries(doc.Actions.map((a) => [a.Identifier, a]));
    expect(doc.StartAction).toBe("EnableLogging");
    expect(byId.SetAgentWhisper?.Parameters).toEqual({
      EventHooks: { AgentWhisper: `${INSTANCE}/contact-flow/5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f` },
    });
    // The queue is the one StartOutboundVoiceContact named (the branch's own, or the default).
    expect(doc.Actions.some((a) => a.Type === "UpdateContactTargetQueue")).toBe(false);
    expect(byId.SetRecording?.Parameters).toEqual({
      RecordingBehavior: { RecordedParticipants: ["Agent", "Customer"] },
    });
    expect(byId.SetAgentGuide?.Parameters).toEqual({
      EventHooks: { DefaultAgentUI: `${INSTANCE}/contact-flow/7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b` },
    });
    expect(byId.MarkAnswered?.Parameters).toEqual({
      Attributes: { callStage: "ANSWERED" },
      TargetContact: "Current",
    });
    expect(byId.MarkAnswered?.Transitions.NextAction).toBe("ChooseGreeting");
    expect(byId.TransferToQueue?.Transitions.Errors).toEqual([
      { NextAction: "SayNoAgent", ErrorType: "QueueAtCapacity" },
      { NextAction: "SayError", ErrorType: "NoMatchingError" },
    ]);
    // No agent: a polite message, the stage on record, then hang up (the dialer retries later).
    expect(byId.SayNoAgent?.Parameters).toEqual({ PromptId: promptArn("noAgent") });
    expect(byId.SayError?.Parameters).toEqual({ PromptId: promptArn("flowError") });
    expect(byId.SayNoAgent?.Transitions.NextAction).toBe("MarkNoAgent");
    expect(byId.MarkNoAgent?.Parameters.Attributes).toEqual({ callStage: "NO_AGENT" });
    expect(byId.MarkNoAgent?.Transitions.NextAction).toBe("HangUp");
    expect(byId.MarkError?.Transitions.NextAction).toBe("HangUp");
    expect(byId.HangUp).toMatchObject({ Type: "DisconnectParticipant", Transitions: {} });
  });

  it("greets with the recorded prompt for the participant's local time the dialer chose", () => {
    const doc = outbound();
    const byId = Object.fromEntries(doc.Actions.map((a) => [a.Identifier, a]));
    expect(byId.ChooseGreeting?.Parameters).toEqual({ ComparisonValue: "$.Attributes.greeting" });
    const branches = byId.ChooseGreeting?.Transitions.Conditions ?? [];
    expect(branches.map((c) => c.Condition.Operands[0])).toEqual([...GREETINGS]);
    for (const greeting of GREETINGS) {
      const target = branches.find((c) => c.Condition.Operands[0] === greeting)?.NextAction ?? "";
      expect(byId[target]).toMatchObject({
        Type: "MessageParticipant",
        Parameters: { PromptId: promptArn(GREETING_PROMPTS[greeting]) },
        Transitions: { NextAction: "TransferToQueue" },
      });
    }
    // No greeting chosen: straight to the agent, who greets.
    expect(byId.ChooseGreeting?.Transitions.NextAction).toBe("TransferToQueue");
  });

  it("says nothing by text-to-speech: every message is a recorded prompt, named in the config", () => {
    for (const doc of [outbound(), whisper()]) {
      const messages = spoken(doc);
      expect(messages.length).toBeGreaterThan(0);
      for (const parameters of messages) {
        expect(Object.keys(parameters)).toEqual(["PromptId"]);
        expect(String(parameters.PromptId)).toMatch(/\/prompt\//);
      }
    }
    expect(
      spoken(outbound())
        .map((p) => p.PromptId)
        .sort(),
    ).toEqual(Object.values(PROMPT_ARNS).sort());
  });

  it("the participant hears nothing about premiums, arrears or amounts before the agent confirms who answered", () => {
    for (const name of OUTBOUND_PROMPTS) {
      const { text, heardBy } = PROMPTS[name];
      expect(heardBy).toBe("participant");
      expect(text).not.toMatch(/iuran|tunggak|bayar|tagihan|denda|Rp|bulan|https?:|rekening/i);
    }
    expect(PROMPTS.greetingSiang.text).toBe(
      "Selamat siang, ini panggilan resmi BPJS Kesehatan. Mohon tunggu, petugas kami akan berbicara dengan Anda.",
    );
    expect(GREETINGS.map((g) => PROMPTS[GREETING_PROMPTS[g]].text.split(",")[0])).toEqual([
      "Selamat pagi",
      "Selamat siang",
      "Selamat sore",
      "Selamat malam",
    ]);
  });

  it("the deploy guide tells what to record for each prompt, word for word", () => {
    const guide = readFileSync(join(REPO_ROOT, "docs/deploy.md"), "utf8");
    for (const [name, prompt] of Object.entries(PROMPTS)) {
      const row = guide.split("\n").find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, name).toBeDefined();
      expect(row).toContain(`| ${prompt.text} |`);
    }
    expect(guide).toMatch(/8 kHz/);
    expect(guide.replace(/\*\*|\s+/g, " ")).toMatch(/Routing → +Prompts → +Create new prompt/);
  });

  it("renders the agent whisper, a short recorded prompt, which ends the flow instead of disconnecting", () => {
    const doc = whisper();
    expect(validateFlow(doc, AGENT_WHISPER_FLOW_TYPE)).toEqual([]);
    expectClosedTransitions(doc);
    expect(doc.Actions.map((a) => a.Type)).toEqual(["MessageParticipant", "EndFlowExecution"]);
    expect(doc.Actions[0]?.Parameters).toEqual({ PromptId: promptArn("agentWhisper") });
    // The details are on the screen, not read out.
    expect(PROMPTS.agentWhisper.text).toMatch(/di layar/);
  });

  it("the validator catches dangling and missing transitions, bad ids and actions of the wrong flow type", () => {
    const doc = outbound();
    const broken: FlowDocument = JSON.parse(JSON.stringify(doc));
    const greet = broken.Actions.find((a) => a.Identifier === "GreetPagi");
    if (greet) {
      greet.Transitions.NextAction = "TransferToQeueu";
      for (const e of greet.Transitions.Errors ?? []) e.NextAction = "TransferToQeueu";
    }
    broken.Actions.push({
      Identifier: "Orphan:1",
      Type: "EndFlowExecution",
      Parameters: {},
      Transitions: {},
    });
    broken.Actions.push({
      Identifier: "HangUp",
      Type: "DisconnectParticipant",
      Parameters: {},
      Transitions: {},
    });
    const problems = validateFlow(broken, OUTBOUND_FLOW_TYPE);
    expect(problems).toContain(
      "action 'GreetPagi' (MessageParticipant) transitions to 'TransferToQeueu', which does not exist",
    );
    expect(problems).toContain("action identifier 'Orphan:1' is not allowed");
    expect(problems).toContain("action 'Orphan:1' is unreachable from StartAction");
    expect(problems).toContain("action identifier 'HangUp' is used twice");
    expect(problems).toContain("action 'Orphan:1': EndFlowExecution is not allowed in a CONTACT_FLOW flow");
    expect(() => assertValidFlow("broken", broken, OUTBOUND_FLOW_TYPE)).toThrow(
      /contact flow broken:\n {2}- /,
    );
    expect(validateFlow("{", OUTBOUND_FLOW_TYPE)[0]).toMatch(/^not JSON/);
    expect(validateFlow({ ...doc, StartAction: "Nowhere" }, OUTBOUND_FLOW_TYPE)).toContain(
      "StartAction 'Nowhere' is not an action",
    );
  });

  it("defineFlow only accepts transitions to declared actions (checked by the compiler)", () => {
    const doc = defineFlow("A", {
      A: { type: "MessageParticipant", text: "halo", next: "B", onError: "B" },
      B: { type: "DisconnectParticipant" },
      // @ts-expect-error 'C' is not an action of this flow
      D: { type: "MessageParticipant", text: "x", next: "C", onError: "B" },
    });
    expect(validateFlow(doc, OUTBOUND_FLOW_TYPE)).toContain(
      "action 'D' (MessageParticipant) transitions to 'C', which does not exist",
    );
  });
});

describe("contact flows in the stack", () => {
  const { template } = synthesize();
  const flows = Object.values(template.findResources("AWS::Connect::ContactFlow"));

  it("deploys the outbound, whisper and guide flows on the configured instance, as valid flow-language JSON", () => {
    expect(flows.map((f) => f.Properties.Type).sort()).toEqual([
      "AGENT_WHISPER",
      "CONTACT_FLOW",
      "CONTACT_FLOW",
    ]);
    for (const flow of flows) {
      expect(flow.Properties.InstanceArn).toBe(INSTANCE);
      expect(flow.Properties.State).toBe("ACTIVE");
      // The content carries the whisper flow's ARN as a reference: flatten it to text, then parse.
      const content = flattenValue(flow.Properties.Content);
      const doc = JSON.parse(content) as FlowDocument;
      expect(validateFlow(doc, flow.Properties.Type)).toEqual([]);
      expectClosedTransitions(doc);
    }
    const outboundFlow = flows.find((f) => f.Properties.Name.endsWith(" outbound"));
    // The configured recorded prompts, and no text-to-speech.
    const config = exampleConfig();
    for (const name of OUTBOUND_PROMPTS)
      expect(flattenValue(outboundFlow?.Properties.Content)).toContain(
        `"PromptId":"${config.connect.prompts[name]}"`,
      );
    for (const flow of flows) expect(flattenValue(flow.Properties.Content)).not.toContain('"Text"');
    const whisper = Object.entries(template.findResources("AWS::Connect::ContactFlow")).find(
      ([, f]) => f.Properties.Type === "AGENT_WHISPER",
    );
    expect(flattenValue(outboundFlow?.Properties.Content)).toContain(
      `"AgentWhisper":"<${whisper?.[0]}.ContactFlowArn>"`,
    );
  });

  it("associates record-disposition with the instance and lets Amazon Connect invoke it", () => {
    template.hasResourceProperties("AWS::Connect::IntegrationAssociation", {
      InstanceId: INSTANCE,
      IntegrationType: "LAMBDA_FUNCTION",
    });
    template.hasResourceProperties("AWS::Lambda::Permission", {
      Principal: "connect.amazonaws.com",
      SourceArn: INSTANCE,
      SourceAccount: "111122223333",
    });
  });

  it("routes our instance's outbound contact events to contact-events, with a dead-letter queue", () => {
    const rules = Object.values(template.findResources("AWS::Events::Rule"));
    expect(rules).toHaveLength(1);
    const rule = rules[0];
    expect(rule?.Properties.EventPattern).toEqual({
      source: ["aws.connect"],
      "detail-type": ["Amazon Connect Contact Event"],
      detail: contactEventPattern(INSTANCE).detail,
    });
    const target = rule?.Properties.Targets[0];
    expect(target.DeadLetterConfig.Arn).toBeDefined();
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 });
  });

  it("a brought outbound flow replaces ours (the guide flow stays, to hook into it), and the dialer uses its id", () => {
    const flowId = "2b7e9f10-4c3d-4e5f-8a9b-1c2d3e4f5a6b";
    const whisperId = "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f";
    const config = exampleConfig({
      stackName: "Own",
      connect: { contactFlowId: flowId, whisperFlowId: whisperId },
    });
    const { template: own } = synthesize(config);
    const ownFlows = Object.values(own.findResources("AWS::Connect::ContactFlow"));
    expect(ownFlows.map((f) => f.Properties.Name)).toEqual(["Own agent guide"]);
    const dialTick = Object.values(own.findResources("AWS::Lambda::Function")).find(
      (f) => f.Properties.Environment.Variables.CONNECT_CONTACT_FLOW_ID !== undefined,
    );
    expect(dialTick?.Properties.Environment.Variables.CONNECT_CONTACT_FLOW_ID).toBe(flowId);
  });
});
