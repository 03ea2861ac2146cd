import { z } from "zod";
import { fieldName } from "../../functions/domain/validation";

/**
 * The AWS managed views the step-by-step guide shows, and the input each documents: every key and
 * component outside these fails synth, because Connect validates a view's data only when an agent
 * opens it. Nothing here is a guess; each part names where it is documented.
 */
export const VIEW_CONTRACT_SOURCES = [
  "Amazon Connect Administrator Guide, View resource (Form view, Confirmation view: input and output): " +
    "https://docs.aws.amazon.com/connect/latest/adminguide/view-resources-sg.html",
  "aws-samples/amazon-connect-step-by-step-guides-module-library, examples/DispositionCodes/contactFlow.json " +
    "(a Form view with FormSection, Dropdown, AttributeBar; results read as $.Views.ViewResultData.FormData.<name>.0)",
  "aws-samples/amazon-connect-step-by-step-guides-module-library, components/FormInput/dropdown/template.json " +
    "and README.md (Dropdown props)",
] as const;

const text = z.string().min(1);
const flag = z.boolean().optional();

/** A label and value shown to the agent (AttributeBar, DataSection items): "Attribute" in the guide. */
const attribute = z.strictObject({
  Label: text,
  Value: z.string(),
  LinkType: z.string().optional(),
  ResourceId: z.string().optional(),
  Copyable: flag,
  Url: z.string().optional(),
  // DispositionCodes sample.
  AutoOpen: flag,
});

const option = z.strictObject({ Label: text, Value: text });

const input = <T extends string>(type: T) =>
  z.strictObject({
    Type: z.literal(type),
    Fluid: flag,
    Label: text,
    Name: text,
    DefaultValue: z.string().optional(),
  });

const formInput = input("FormInput").extend({ InputType: z.string().optional() });

/** Props from the module library's dropdown template, plus `MultiSelect` as the sample spells it. */
const dropdown = z.strictObject({
  Type: z.literal("Dropdown"),
  Fluid: flag,
  Label: text,
  Name: text,
  DefaultValue: z.array(z.string()).optional(),
  HelperText: z.string().optional(),
  Multiselect: flag,
  MultiSelect: flag,
  Clearable: flag,
  Required: flag,
  showErrors: flag,
  Options: z.array(option).min(1),
});

const toggle = z.strictObject({
  Type: z.literal("Toggle"),
  Fluid: flag,
  Label: text,
  Name: text,
  Required: flag,
  MultiSelect: flag,
});

const formComponent = z.discriminatedUnion("Type", [
  formInput,
  input("DatePicker"),
  input("TimeInput"),
  dropdown,
  toggle,
]);

/** Inputs laid out on a grid, as in the guide's Form view example. */
const layoutGroup = z.strictObject({
  LayoutConfiguration: z.record(z.string(), z.unknown()),
  Items: z.array(formComponent),
});

const formSection = z.strictObject({
  _id: z.string().optional(),
  Type: z.literal("FormSection"),
  Heading: z.string().optional(),
  IsEditable: flag,
  Items: z.array(z.union([formComponent, layoutGroup])).min(1),
});

const dataSection = z.strictObject({
  _id: z.string().optional(),
  Type: z.literal("DataSection"),
  Heading: z.string().optional(),
  isEditable: flag,
  Items: z.array(attribute).min(1),
});

const formAction = z.union([
  text,
  z.strictObject({ Label: text, Details: z.record(z.string(), z.unknown()).optional() }),
]);

const formView = z.strictObject({
  AttributeBar: z.array(attribute).optional(),
  Back: formAction.optional(),
  Next: formAction.optional(),
  Cancel: formAction.optional(),
  Previous: formAction.optional(),
  Edit: formAction.optional(),
  Heading: z.string().optional(),
  SubHeading: z.string().optional(),
  ErrorText: z.union([z.string(), z.strictObject({ Header: z.string(), Content: z.string() })]).optional(),
  Wizard: z.array(z.record(z.string(), z.unknown())).optional(),
  Sections: z.array(z.discriminatedUnion("Type", [formSection, dataSection])).min(1),
});

const confirmationView = z.strictObject({
  Next: z.strictObject({ Label: text }),
  AttributeBar: z.array(attribute).optional(),
  Heading: z.string().optional(),
  SubHeading: z.string().optional(),
  Graphic: z.strictObject({ Include: z.boolean() }).optional(),
});

/** The AWS managed views used, with their documented input and the action each button returns. */
export const MANAGED_VIEWS = {
  form: { input: formView, submitAction: "Next" },
  confirmation: { input: confirmationView, submitAction: "Next" },
} as const;

export type ManagedViewName = keyof typeof MANAGED_VIEWS;

/** `arn:<partition>:connect:<region>:aws:view/<name>:<version>` (the account of AWS managed views is `aws`). */
const MANAGED_VIEW_ARN = /^arn:aws[a-z-]*:connect:[a-z0-9-]+:aws:view\/([a-z-]+):(\d+)$/;

export function managedViewOf(viewId: string): ManagedViewName | undefined {
  const name = MANAGED_VIEW_ARN.exec(viewId)?.[1];
  return name !== undefined && name in MANAGED_VIEWS ? (name as ManagedViewName) : undefined;
}

/** Problems of one view's input against its documented set, each naming the path; empty when fine. */
export function viewInputProblems(view: ManagedViewName, data: unknown): string[] {
  const result = MANAGED_VIEWS[view].input.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = fieldName(issue.path, { whole: "(view data)" });
    const message =
      issue.code === "unrecognized_keys" ? `not documented: ${issue.keys.join(", ")}` : issue.message;
    return `${view} view, ${path}: ${message}`;
  });
}

interface ShowViewAction {
  Identifier: string;
  Type: string;
  Parameters: { ViewResource?: { Id?: unknown }; ViewData?: unknown };
}

/** Problems of every ShowView of a flow: an AWS managed view we know, given documented input only. */
export function showViewProblems(doc: { Actions: ReadonlyArray<unknown> }): string[] {
  const problems: string[] = [];
  for (const action of doc.Actions as ShowViewAction[]) {
    if (action.Type !== "ShowView") continue;
    const id = action.Parameters.ViewResource?.Id;
    const view = typeof id === "string" ? managedViewOf(id) : undefined;
    if (!view) {
      problems.push(
        `${action.Identifier}: ${String(id)} is not one of the managed views ${Object.keys(MANAGED_VIEWS).join(", ")} with a version`,
      );
      continue;
    }
    for (const p of viewInputProblems(view, action.Parameters.ViewData))
      problems.push(`${action.Identifier}: ${p}`);
  }
  return problems;
}
