import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import {
  DISPOSITION_CODES,
  DISPOSITION_CONTEXT_FIELDS,
  dispositionInputSchema,
  fromConnectEvent,
  GUIDE_DROPDOWN_FIELDS,
  GUIDE_FIELD_TARGETS,
  GUIDE_FORM_FIELDS,
  SEND_INFO,
} from "../../functions/domain/disposition";
import {
  AGENT_GUIDE_FLOW_TYPE,
  agentGuideFlow,
  CASE_CARD,
  dispositionFormData,
  type FlowAction,
  type FlowDocument,
  formValuePath,
  managedViewArn,
  managedViewOf,
  SUBMIT_ACTION,
  savedData,
  showViewProblems,
  TALKING_POINTS,
  transitionTargets,
  VIEW_CONTRACT_SOURCES,
  validateFlow,
  viewInputProblems,
} from "../../infra/connect";
import { REPO_ROOT } from "../../infra/constructs/functions";
import { guideLambdaEvent } from "../fixtures/connect-guide";
import { flattenValue, synthesize } from "./helpers";

const INSTANCE = "arn:aws:connect:ap-southeast-1:111122223333:instance/0f3c2a51-8d4e-4c1b-9a7f-5e6d7c8b9a01";
const LOCATION = { partition: "aws", region: "ap-southeast-1" };
const FORM_VIEW = managedViewArn("form", LOCATION);
const CONFIRMATION_VIEW = managedViewArn("confirmation", LOCATION);
const FUNCTION = "arn:aws:lambda:ap-southeast-1:111122223333:function:record-disposition";
const guide = agentGuideFlow({
  formViewArn: FORM_VIEW,
  confirmationViewArn: CONFIRMATION_VIEW,
  dispositionFunctionArn: FUNCTION,
});
const byId = Object.fromEntries(guide.Actions.map((a) => [a.Identifier, a])) as Record<string, FlowAction>;
const viewData = (id: string) => (byId[id]?.Parameters.ViewData ?? {}) as Record<string, unknown>;
const viewId = (id: string) => (byId[id]?.Parameters.ViewResource as { Id?: string } | undefined)?.Id;
const formShows = guide.Actions.filter((a) => a.Type === "ShowView" && viewId(a.Identifier) === FORM_VIEW);

type Input = Record<string, unknown> & { Name: string; Type: string };
const formInputs = (data = dispositionFormData()) =>
  (data.Sections as { Type: string; Items: Input[] }[])
    .filter((s) => s.Type === "FormSection")
    .flatMap((s) => s.Items);

describe(`the guide's views use only what is documented (${VIEW_CONTRACT_SOURCES.join("; ")})`, () => {
  it("every page is an AWS managed view pinned to version 1, given documented input only", () => {
    expect(FORM_VIEW).toBe("arn:aws:connect:ap-southeast-1:aws:view/form:1");
    expect(CONFIRMATION_VIEW).toBe("arn:aws:connect:ap-southeast-1:aws:view/confirmation:1");
    const shows = guide.Actions.filter((a) => a.Type === "ShowView");
    expect(shows.map((a) => managedViewOf(viewId(a.Identifier) ?? ""))).toEqual([
      "form",
      "form",
      "form",
      "form",
      "confirmation",
    ]);
    expect(showViewProblems(guide)).toEqual([]);
    expect(viewInputProblems("form", dispositionFormData({ error: "x", subHeading: "y" }))).toEqual([]);
    expect(viewInputProblems("confirmation", savedData())).toEqual([]);
  });

  it("refuses components and props outside the documented set, naming where", () => {
    const data = dispositionFormData();
    const form = (data.Sections as { Items: Input[] }[])[2] as { Items: Input[] };
    form.Items[0] = { ...(form.Items[0] as Input), Type: "FormSelect" };
    (form.Items[5] as Input).Pattern = "^08";
    (data.Sections as unknown[]).push({ Type: "Form", Heading: "x", Items: [] });
    data.Submit = { Type: "ConnectAction", Action: "Submit" };
    expect(viewInputProblems("form", data)).toEqual([
      expect.stringMatching(/^form view, Sections\[2\]\.Items\[0\]: /),
      "form view, Sections[2].Items[5]: not documented: Pattern",
      "form view, Sections[3].Type: Invalid discriminator value. Expected 'FormSection' | 'DataSection'",
      "form view, (view data): not documented: Submit",
    ]);
    // A custom view id, or a managed view without its version, is refused too.
    const custom = JSON.parse(JSON.stringify(guide)) as FlowDocument;
    const show = custom.Actions.find((a) => a.Identifier === "ShowCase") as FlowAction;
    show.Parameters.ViewResource = { Id: `${INSTANCE}/view/0f3c2a51-8d4e-4c1b-9a7f-5e6d7c8b9a02` };
    (custom.Actions.find((a) => a.Identifier === "ShowSaved") as FlowAction).Parameters.ViewResource = {
      Id: "arn:aws:connect:ap-southeast-1:aws:view/confirmation",
    };
    expect(showViewProblems(custom)).toEqual([
      expect.stringMatching(
        /^ShowCase: .*\/view\/0f3c2a51.* is not one of the managed views form, confirmation/,
      ),
      expect.stringMatching(/^ShowSaved: .* is not one of the managed views/),
    ]);
  });

  it("the form's inputs are the guide fields of the disposition contract, with its codes and options", () => {
    const inputs = formInputs();
    expect(inputs.map((c) => c.Name)).toEqual([...GUIDE_FORM_FIELDS]);
    const schemaKeys = Object.keys(dispositionInputSchema.shape);
    for (const field of GUIDE_FORM_FIELDS) expect(schemaKeys).toContain(GUIDE_FIELD_TARGETS[field]);
    // Everything an agent decides reaches the contract.
    expect(new Set(Object.values(GUIDE_FIELD_TARGETS))).toEqual(
      new Set(["code", "promiseDate", "promiseAmount", "callbackAt", "newPhone", "sendInfo", "notes"]),
    );
    const options = (name: string) =>
      ((inputs.find((c) => c.Name === name)?.Options ?? []) as { Value: string }[]).map((o) => o.Value);
    expect(options("code")).toEqual([...DISPOSITION_CODES]);
    expect(options("sendInfo")).toEqual([...SEND_INFO]);
    expect(inputs.filter((c) => c.Type === "Dropdown").map((c) => c.Name)).toEqual([
      ...GUIDE_DROPDOWN_FIELDS,
    ]);
    expect(inputs.find((c) => c.Name === "callbackDate")?.Type).toBe("DatePicker");
    expect(inputs.find((c) => c.Name === "callbackTime")?.Type).toBe("TimeInput");
  });

  it("shows the whole case card from the contact attributes, the talking points, and no link", () => {
    const data = dispositionFormData();
    const card = (data.Sections as { Heading: string; Items: { Label: string; Value: string }[] }[])[0];
    expect(card?.Items.map((i) => i.Value)).toEqual(CASE_CARD.map(([key]) => `$.Attributes.${key}`));
    expect(CASE_CARD.map(([key]) => key)).toContain("arrearsMonths");
    expect(CASE_CARD.map(([key]) => key)).not.toContain("countedMonths");
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/https?:|www\.|"Url"|"LinkType"/);
    const points = TALKING_POINTS.map(([, p]) => p).join(" ");
    expect(points).toMatch(/JANGAN minta nomor kartu, NIK, PIN atau password/);
    expect(points).toMatch(/memastikan panggilan ini melalui Care Center 165/);
    expect(points).toMatch(/tidak pernah meminta transfer ke rekening pribadi/);
    expect(points).toMatch(/malam mulai 18\.00/);
    expect(points).toMatch(/tunggakan \(dihitung maks\. 24 bulan\) DAN iuran bulan berjalan dibayar/);
    expect(points).toMatch(/45 hari/);
  });
});

describe("the call script (docs/call-script.md) says what the guide's talking points say", () => {
  // One line per sentence: the page's quotes and wrapping removed.
  const script = readFileSync(join(REPO_ROOT, "docs/call-script.md"), "utf8")
    .replace(/\n>? ?/g, " ")
    .replace(/\s+/g, " ");

  it("a way to verify the call, no transfers to personal accounts, malam after 18:00", () => {
    expect(script).toContain("Bapak/Ibu dapat memastikan panggilan ini melalui Care Center 165.");
    expect(script).toContain("BPJS Kesehatan tidak pernah meminta transfer ke rekening pribadi");
    expect(script).toContain("Selamat pagi/siang/sore/malam, saya");
    expect(script).toContain("*malam* from 18:00");
  });

  it("reactivation needs the arrears (counted up to 24 months) and the current month; months are the real ones", () => {
    expect(script).toContain(
      "Kartu aktif kembali setelah tunggakan (dihitung paling banyak 24 bulan) dan iuran bulan berjalan dibayar.",
    );
    expect(script).toContain('"40 bulan (dihitung 24 bulan)"');
    expect(script).not.toMatch(/\blewat\b/);
  });
});

describe("the guide flow (agent UI default flow)", () => {
  it("is valid flow-language JSON in which every transition resolves", () => {
    expect(validateFlow(JSON.stringify(guide), AGENT_GUIDE_FLOW_TYPE)).toEqual([]);
    const ids = new Set(guide.Actions.map((a) => a.Identifier));
    for (const action of guide.Actions) for (const t of transitionTargets(action)) expect(ids).toContain(t);
  });

  it("every form's button saves the disposition, and what the agent types stays out of the transcript", () => {
    expect(formShows.map((a) => a.Identifier).sort()).toEqual([
      "RemindToSubmit",
      "ShowCase",
      "ShowFailed",
      "ShowRejected",
    ]);
    for (const show of formShows) {
      expect(show.Parameters.SensitiveDataConfiguration).toEqual({ HideResponseOn: ["TRANSCRIPT"] });
      expect(show.Transitions.Conditions).toEqual([
        { NextAction: "SaveDisposition", Condition: { Operator: "Equals", Operands: [SUBMIT_ACTION] } },
      ]);
      // The form has one button: any action it ends with is a submission.
      expect(show.Transitions.NextAction).toBe("SaveDisposition");
      expect(show.Transitions.Errors?.map((e) => [e.ErrorType, e.NextAction])).toEqual([
        ["NoMatchingCondition", "SaveDisposition"],
        ["TimeLimitExceeded", show.Identifier === "ShowCase" ? "RemindToSubmit" : "End"],
        ["NoMatchingError", "End"],
      ]);
    }
    expect(SUBMIT_ACTION).toBe("Next");
  });

  it("reads the Form view's documented results: FormData.<name>, a dropdown's first item", () => {
    const save = byId.SaveDisposition as FlowAction;
    expect(save.Type).toBe("InvokeLambdaFunction");
    expect(save.Parameters).toMatchObject({
      LambdaFunctionARN: FUNCTION,
      InvocationTimeLimitSeconds: "8",
      ResponseValidation: { ResponseType: "STRING_MAP" },
    });
    const params = save.Parameters.LambdaInvocationAttributes as Record<string, string>;
    expect(Object.keys(params).sort()).toEqual([...GUIDE_FORM_FIELDS, ...DISPOSITION_CONTEXT_FIELDS].sort());
    expect(params.code).toBe("$.Views.ViewResultData.FormData.code.0");
    expect(params.sendInfo).toBe("$.Views.ViewResultData.FormData.sendInfo.0");
    expect(params.promiseDate).toBe("$.Views.ViewResultData.FormData.promiseDate");
    for (const field of GUIDE_FORM_FIELDS) expect(params[field]).toBe(formValuePath(field));
    expect(params.caseId).toBe("$.Attributes.caseId");
    expect(params.agentId).toBe("$.Agent.ARN");
  });

  const submission = (formData: Record<string, string | string[]>) =>
    guideLambdaEvent({
      formData,
      attributes: { caseId: "GORONTALO#2026-11#0001000000042", participantName: "Siti Aminah" },
      agentArn: `${INSTANCE}/agent/4d5e6f70-8192-4a3b-9c4d-5e6f70819203`,
      relatedContactId: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    });
  const gorontalo = (code: string) => (code === "GORONTALO" ? "Asia/Makassar" : undefined);
  const context = {
    caseId: "GORONTALO#2026-11#0001000000042",
    contactId: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    agentId: "4d5e6f70-8192-4a3b-9c4d-5e6f70819203",
  };

  it("maps a submitted promise onto the disposition: dropdowns as lists, amounts as typed", () => {
    const event = submission({
      code: ["PROMISE_TO_PAY"],
      promiseDate: "2026-11-20",
      promiseAmount: "Rp1.500.000",
      callbackDate: "",
      callbackTime: "",
      newPhone: "",
      sendInfo: ["PAYMENT"],
      notes: "akan bayar di Indomaret",
    });
    expect(dispositionInputSchema.parse(fromConnectEvent(event, gorontalo))).toEqual({
      ...context,
      code: "PROMISE_TO_PAY",
      promiseDate: "2026-11-20",
      promiseAmount: 1_500_000,
      sendInfo: "PAYMENT",
      notes: "akan bayar di Indomaret",
    });
  });

  it("maps a callback (date and time without offset, in the branch's zone) and a new number", () => {
    const callback = submission({
      code: ["CALL_BACK_LATER"],
      callbackDate: "2026-11-17",
      callbackTime: "10:00",
    });
    expect(dispositionInputSchema.parse(fromConnectEvent(callback, gorontalo))).toEqual({
      ...context,
      code: "CALL_BACK_LATER",
      // 10:00 WITA.
      callbackAt: "2026-11-17T02:00:00.000Z",
    });
    const phone = submission({ code: ["UPDATED_PHONE"], newPhone: "0813-9999-8888", sendInfo: [] });
    expect(dispositionInputSchema.parse(fromConnectEvent(phone, gorontalo))).toEqual({
      ...context,
      code: "UPDATED_PHONE",
      newPhone: "0813-9999-8888",
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
    expect(viewData("ShowRejected").ErrorText).toBe("$.External.message");
    expect(viewData("ShowFailed").ErrorText).toMatch(/kirim lagi/);
    expect(viewData("ShowCase").ErrorText).toBeUndefined();
    expect(viewData("RemindToSubmit").SubHeading).toMatch(/belum disimpan/);
    expect(viewId("ShowSaved")).toBe(CONFIRMATION_VIEW);
    expect(viewData("ShowSaved")).toMatchObject({
      Heading: "$.External.message",
      SubHeading: "$.External.nextStep",
    });
  });
});

describe("the guide in the stack", () => {
  const { template } = synthesize();
  const flows = template.findResources("AWS::Connect::ContactFlow");
  const flowNamed = (suffix: string) =>
    Object.entries(flows).find(([, f]) => String(f.Properties.Name).endsWith(suffix)) as [
      string,
      { Properties: Record<string, unknown>; DependsOn?: string[] },
    ];

  it("deploys no view of its own: the guide shows the instance region's AWS managed views", () => {
    expect(Object.keys(template.findResources("AWS::Connect::View"))).toEqual([]);
    const [, guideFlow] = flowNamed(" agent guide");
    const doc = JSON.parse(flattenValue(guideFlow.Properties.Content)) as FlowDocument;
    expect(validateFlow(doc, AGENT_GUIDE_FLOW_TYPE)).toEqual([]);
    expect(showViewProblems(doc)).toEqual([]);
    const ids = doc.Actions.filter((a) => a.Type === "ShowView").map(
      (a) => (a.Parameters.ViewResource as { Id: string }).Id,
    );
    expect(new Set(ids)).toEqual(new Set([FORM_VIEW, CONFIRMATION_VIEW]));
  });

  it("every flow that invokes a Lambda function is created after the function's association with the instance", () => {
    const associations = template.findResources("AWS::Connect::IntegrationAssociation");
    const invoking = Object.entries(flows).filter(([, f]) =>
      flattenValue(f.Properties.Content).includes('"LambdaFunctionARN"'),
    );
    expect(invoking.map(([, f]) => f.Properties.Name)).toEqual(["Telecollect agent guide"]);
    for (const [, flow] of invoking) {
      const functionRefs = [
        ...flattenValue(flow.Properties.Content).matchAll(/"LambdaFunctionARN":"<([^.>]+)\.Arn>"/g),
      ].map((m) => m[1]);
      expect(functionRefs.length).toBeGreaterThan(0);
      for (const fn of functionRefs) {
        const [associationId] =
          Object.entries(associations).find(
            ([, a]) => flattenValue(a.Properties.IntegrationArn) === `<${fn}.Arn>`,
          ) ?? [];
        expect(associationId).toBeDefined();
        template.hasResource("AWS::Connect::ContactFlow", {
          Properties: { Name: flow.Properties.Name },
          DependsOn: Match.arrayWith([associationId]),
        });
      }
    }
  });

  it("the outbound flow starts the guide when the call reaches the agent", () => {
    const [guideId] = flowNamed(" agent guide");
    const [, outbound] = flowNamed(" outbound");
    expect(flattenValue(outbound.Properties.Content)).toContain(
      `"DefaultAgentUI":"<${guideId}.ContactFlowArn>"`,
    );
  });
});
