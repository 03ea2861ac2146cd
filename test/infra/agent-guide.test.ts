import { describe, expect, it } from "vitest";
import {
  DISPOSITION_CODES,
  DISPOSITION_CONTEXT_FIELDS,
  DISPOSITION_FORM_FIELDS,
  dispositionInputSchema,
  fromConnectEvent,
  SEND_INFO,
} from "../../functions/domain/disposition";
import {
  AGENT_GUIDE_FLOW_TYPE,
  agentGuideFlow,
  CASE_CARD,
  componentsOf,
  dispositionView,
  type FlowAction,
  type FlowDocument,
  formValuePath,
  SUBMIT_ACTION,
  savedView,
  TALKING_POINTS,
  transitionTargets,
  validateFlow,
  validateView,
  viewInputs,
} from "../../infra/connect";
import { flattenValue, synthesize } from "./helpers";

const INSTANCE = "arn:aws:connect:ap-southeast-1:111122223333:instance/0f3c2a51-8d4e-4c1b-9a7f-5e6d7c8b9a01";
const FORM_VIEW = `${INSTANCE}/view/form`;
const SAVED_VIEW = `${INSTANCE}/view/saved`;
const FUNCTION = "arn:aws:lambda:ap-southeast-1:111122223333:function:record-disposition";
const guide = agentGuideFlow({
  dispositionViewArn: FORM_VIEW,
  savedViewArn: SAVED_VIEW,
  dispositionFunctionArn: FUNCTION,
});
const byId = Object.fromEntries(guide.Actions.map((a) => [a.Identifier, a])) as Record<string, FlowAction>;
const viewData = (id: string) => (byId[id]?.Parameters.ViewData ?? {}) as Record<string, string>;
const viewId = (id: string) => (byId[id]?.Parameters.ViewResource as { Id?: string } | undefined)?.Id;
const formShows = guide.Actions.filter(
  (a) => a.Type === "ShowView" && (a.Parameters.ViewResource as { Id: string }).Id === FORM_VIEW,
);

describe("step-by-step guide views (infra/connect/views)", () => {
  const form = dispositionView();

  it("are valid JSON templates whose buttons end with a declared action", () => {
    for (const view of [form, savedView()]) {
      expect(validateView(view)).toEqual([]);
      expect(JSON.parse(JSON.stringify(view.template))).toEqual(view.template);
      expect(view.template.Head.Title).not.toBe("");
    }
    expect(form.actions).toEqual([SUBMIT_ACTION]);
  });

  it("the form's inputs are exactly the disposition contract's fields, with its codes and options", () => {
    const inputs = componentsOf(form.template).filter((c) => typeof c.Props.Name === "string");
    expect(inputs.map((c) => c.Props.Name)).toEqual([...DISPOSITION_FORM_FIELDS]);
    const schemaKeys = Object.keys(dispositionInputSchema.shape);
    for (const field of DISPOSITION_FORM_FIELDS) expect(schemaKeys).toContain(field);
    const options = (name: string) =>
      ((inputs.find((c) => c.Props.Name === name)?.Props.Options ?? []) as { Value: string }[]).map(
        (o) => o.Value,
      );
    expect(options("code")).toEqual([...DISPOSITION_CODES]);
    expect(options("sendInfo")).toEqual([...SEND_INFO]);
    // The amount's limit and the dates' range come from the case, not typed in.
    expect(inputs.find((c) => c.Props.Name === "promiseAmount")?.Props.Max).toBe("$.amountDueValue");
    expect(inputs.find((c) => c.Props.Name === "promiseDate")?.Props.Max).toBe("$.followUpUntil");
  });

  it("show the whole case card and talking points without links, card numbers or NIK requests", () => {
    expect(viewInputs(form.template)).toEqual(
      expect.arrayContaining(CASE_CARD.map(([key]) => key).concat("message", "amountDueValue")),
    );
    const text = JSON.stringify(form.template);
    expect(text).not.toMatch(/https?:|www\./);
    expect(TALKING_POINTS.join(" ")).toMatch(/JANGAN minta nomor kartu, NIK, PIN atau password/);
    expect(TALKING_POINTS.join(" ")).toMatch(/Care Center 165/);
    expect(TALKING_POINTS.join(" ")).toMatch(/24 bulan/);
    expect(TALKING_POINTS.join(" ")).toMatch(/45 hari/);
  });
});

describe("the guide flow (agent UI default flow)", () => {
  it("is valid flow-language JSON in which every transition resolves", () => {
    expect(validateFlow(JSON.stringify(guide), AGENT_GUIDE_FLOW_TYPE)).toEqual([]);
    const ids = new Set(guide.Actions.map((a) => a.Identifier));
    for (const action of guide.Actions) for (const t of transitionTargets(action)) expect(ids).toContain(t);
  });

  it("gives every form the case card from the contact attributes, and submit saves the disposition", () => {
    expect(formShows.map((a) => a.Identifier).sort()).toEqual([
      "RemindToSubmit",
      "ShowCase",
      "ShowFailed",
      "ShowRejected",
    ]);
    const needed = viewInputs(dispositionView().template);
    for (const show of formShows) {
      const data = show.Parameters.ViewData as Record<string, string>;
      expect(Object.keys(data).sort()).toEqual(needed);
      expect(data.participantName).toBe("$.Attributes.participantName");
      expect(show.Transitions.Conditions).toEqual([
        { NextAction: "SaveDisposition", Condition: { Operator: "Equals", Operands: [SUBMIT_ACTION] } },
      ]);
      expect(show.Transitions.Errors?.map((e) => e.ErrorType)).toEqual([
        "NoMatchingCondition",
        "TimeLimitExceeded",
        "NoMatchingError",
      ]);
    }
  });

  it("maps the submitted form onto the disposition schema, nothing more, nothing less", () => {
    const save = byId.SaveDisposition as FlowAction;
    expect(save.Type).toBe("InvokeLambdaFunction");
    expect(save.Parameters).toMatchObject({
      LambdaFunctionARN: FUNCTION,
      InvocationTimeLimitSeconds: "8",
      ResponseValidation: { ResponseType: "STRING_MAP" },
    });
    const params = save.Parameters.LambdaInvocationAttributes as Record<string, string>;
    const allowed: string[] = [...DISPOSITION_FORM_FIELDS, ...DISPOSITION_CONTEXT_FIELDS];
    for (const key of Object.keys(params)) expect(allowed).toContain(key);
    for (const field of DISPOSITION_FORM_FIELDS) expect(params[field]).toBe(formValuePath(field));
    expect(params.caseId).toBe("$.Attributes.caseId");
    expect(params.contactId).toBe("$.Attributes.dialedContactId");

    // What Connect sends once it resolved the references: a promise typed the way agents type it.
    const submitted: Record<string, string> = {
      code: "PROMISE_TO_PAY",
      promiseDate: "2026-11-20",
      promiseAmount: "Rp1.500.000",
      callbackAt: "",
      newPhone: "",
      sendInfo: "PAYMENT",
      notes: "akan bayar di Indomaret",
    };
    const resolve = (ref: string) =>
      ref.startsWith("$.Views.ViewResultData.FormData.")
        ? (submitted[ref.split(".").at(-1) as string] ?? "")
        : ({
            "$.Attributes.caseId": "GORONTALO#2026-11#0001000000042",
            "$.Attributes.dialedContactId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
            "$.Agent.ARN": `${INSTANCE}/agent/4d5e6f70-8192-4a3b-9c4d-5e6f70819203`,
          }[ref] ?? "");
    const event = {
      Name: "ContactFlowEvent" as const,
      Details: {
        ContactData: { ContactId: "guide-contact", Attributes: {} },
        Parameters: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, resolve(v)])),
      },
    };
    expect(dispositionInputSchema.parse(fromConnectEvent(event))).toEqual({
      caseId: "GORONTALO#2026-11#0001000000042",
      contactId: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
      agentId: "4d5e6f70-8192-4a3b-9c4d-5e6f70819203",
      code: "PROMISE_TO_PAY",
      promiseDate: "2026-11-20",
      promiseAmount: 1_500_000,
      sendInfo: "PAYMENT",
      notes: "akan bayar di Indomaret",
    });
  });

  it("never drops a submission: rejections and failures show the form again with the reason", () => {
    expect(byId.SaveDisposition?.Transitions.Errors).toEqual([
      { NextAction: "ShowFailed", ErrorType: "NoMatchingError" },
    ]);
    expect(byId.CheckSaved?.Parameters).toEqual({ ComparisonValue: "$.External.status" });
    expect(byId.CheckSaved?.Transitions).toEqual({
      NextAction: "ShowFailed",
      Conditions: [
        { NextAction: "ShowSaved", Condition: { Operator: "Equals", Operands: ["RECORDED"] } },
        { NextAction: "ShowRejected", Condition: { Operator: "Equals", Operands: ["REJECTED"] } },
      ],
      Errors: [{ NextAction: "ShowFailed", ErrorType: "NoMatchingCondition" }],
    });
    expect(viewData("ShowRejected").message).toBe("$.External.message");
    expect(viewData("ShowFailed").message).toMatch(/kirim lagi/);
    expect(viewId("ShowSaved")).toBe(SAVED_VIEW);
  });
});

describe("the guide in the stack", () => {
  const { template } = synthesize();
  const views = template.findResources("AWS::Connect::View");
  const flows = template.findResources("AWS::Connect::ContactFlow");
  const flowNamed = (suffix: string) =>
    Object.entries(flows).find(([, f]) => String(f.Properties.Name).endsWith(suffix)) as [
      string,
      { Properties: Record<string, unknown> },
    ];

  it("deploys both views on the instance, with their actions and JSON templates", () => {
    const list = Object.values(views);
    expect(list).toHaveLength(2);
    for (const view of list) {
      expect(view.Properties.InstanceArn).toBe(INSTANCE);
      expect(view.Properties.Actions.length).toBeGreaterThan(0);
      expect(JSON.parse(JSON.stringify(view.Properties.Template)).Body.length).toBeGreaterThan(0);
    }
    expect(list.map((v) => v.Properties.Actions).sort()).toEqual([["Close"], ["Submit"]]);
  });

  it("the guide flow shows the deployed views and invokes record-disposition; the outbound flow starts it", () => {
    const [guideId, guideFlow] = flowNamed(" agent guide");
    const content = flattenValue(guideFlow.Properties.Content);
    const doc = JSON.parse(content) as FlowDocument;
    expect(validateFlow(doc, AGENT_GUIDE_FLOW_TYPE)).toEqual([]);
    for (const viewId of Object.keys(views)) expect(content).toContain(`<${viewId}.ViewArn>`);
    expect(content).toMatch(/"LambdaFunctionARN":"<[A-Za-z0-9]*RecordDisposition[A-Za-z0-9]*\.Arn>"/);
    const [, outbound] = flowNamed(" outbound");
    expect(flattenValue(outbound.Properties.Content)).toContain(
      `"DefaultAgentUI":"<${guideId}.ContactFlowArn>"`,
    );
  });
});
