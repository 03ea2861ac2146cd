import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { branchSchema, clockTimeSchema, uniqueBranchCodes } from "../functions/domain/branches";
import { MAX_PAID_PER_CASE } from "../functions/domain/money";
import { DEFAULT_PAYMENT_LIMITS } from "../functions/domain/payment";
import { senderIdSchema, smsTypeSchema } from "../functions/domain/sms-sender";
import { parseStrategy, strategyIssues } from "../functions/domain/strategy";
import { fieldName } from "../functions/domain/validation";
import { retentionProblems } from "../functions/retention-settings";
import { EXAMPLES, LOG_RETENTION_DAYS } from "./config-examples";
import { OUTBOUND_PROMPTS, PROMPT_NAMES, PROMPTS, type PromptName, WHISPER_PROMPTS } from "./connect/prompts";
import { whatsappSchema } from "./whatsapp-config";

/**
 * The deployment's configuration: a short JSON document, validated here before anything is built.
 * It comes from the file named by the context value `configFile` (default `config/example.json`)
 * and/or the context value `telecollect` (an object in cdk.json, or a JSON string given with
 * `-c telecollect='{...}'`); when both are given the context is merged over the file.
 */

export const DEFAULT_CONFIG_FILE = "config/example.json";
export const CONFIG_CONTEXT_KEY = "telecollect";
export const CONFIG_FILE_CONTEXT_KEY = "configFile";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANCE_ARN =
  /^arn:(aws[a-z-]*):connect:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):instance\/([0-9a-f-]{36})$/;

const PROMPT_ARN = /^arn:aws[a-z-]*:connect:[^:]+:\d{12}:instance\/[0-9a-f-]{36}\/prompt\/[0-9a-f-]{36}$/;

/** What a missing prompt must say, and where the deploy guide explains recording it. */
const missingPrompt = (name: PromptName) =>
  `required: the recorded prompt that says "${PROMPTS[name].text}" (${PROMPTS[name].heardBy}: ${PROMPTS[name].when}); ` +
  `Amazon Polly has no Indonesian voice, so record it and upload it to the instance (docs/deploy.md, "Recorded prompts")`;

const connectSchema = z
  .strictObject({
    /** The existing instance; the stack deploys into its account and region. */
    instanceArn: z.string().regex(INSTANCE_ARN, "must be an Amazon Connect instance ARN"),
    /** The queue outbound calls wait in for an agent; also their caller id when no number is given. */
    queueId: z.string().regex(UUID, "must be a queue id (a UUID, not the ARN)").optional(),
    /** Caller id of outbound calls (a number claimed in the instance). */
    sourcePhoneNumber: z
      .string()
      .regex(/^\+[1-9]\d{7,14}$/, "must be an E.164 phone number")
      .optional(),
    /** Bring your own outbound flow instead of telecollect's. */
    contactFlowId: z.string().regex(UUID, "must be a contact flow id (a UUID, not the ARN)").optional(),
    /** Bring your own agent whisper flow instead of telecollect's. */
    whisperFlowId: z.string().regex(UUID, "must be a contact flow id (a UUID, not the ARN)").optional(),
    /** The recorded prompts of telecollect's flows (Amazon Polly has no Indonesian voice). */
    prompts: z
      .strictObject(
        Object.fromEntries(
          PROMPT_NAMES.map((name) => [name, z.string().regex(PROMPT_ARN, "must be a prompt ARN").optional()]),
        ) as Record<PromptName, z.ZodOptional<z.ZodString>>,
      )
      .prefault({}),
    recordCalls: z.boolean().default(true),
  })
  .superRefine((c, ctx) => {
    if (!c.queueId && !c.sourcePhoneNumber) {
      ctx.addIssue({
        code: "custom",
        path: ["queueId"],
        message:
          "give queueId and/or sourcePhoneNumber: StartOutboundVoiceContact needs one for the caller id",
      });
    }
    if (!c.contactFlowId && !c.queueId) {
      ctx.addIssue({
        code: "custom",
        path: ["queueId"],
        message:
          "required unless you bring your own contactFlowId: telecollect's outbound flow transfers to this queue",
      });
    }
    // Only the flows telecollect deploys need its prompts.
    const needed: PromptName[] = [
      ...(c.contactFlowId ? [] : OUTBOUND_PROMPTS),
      ...(c.whisperFlowId ? [] : WHISPER_PROMPTS),
    ];
    for (const name of needed) {
      if (!c.prompts[name])
        ctx.addIssue({ code: "custom", path: ["prompts", name], message: missingPrompt(name) });
    }
    for (const name of PROMPT_NAMES) {
      const arn = c.prompts[name];
      if (arn && !arn.startsWith(`${c.instanceArn}/prompt/`))
        ctx.addIssue({
          code: "custom",
          path: ["prompts", name],
          message: "must be a prompt of connect.instanceArn",
        });
    }
  });

const configBranchSchema = branchSchema.extend({
  agentsOnShift: z.int("must be a whole number").min(1, "at least 1 agent must be on shift").default(3),
});

export const configSchema = z
  .object({
    stackName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, "must be a CloudFormation stack name")
      .default("Telecollect"),
    connect: connectSchema,
    branches: z
      .array(configBranchSchema)
      .min(1, "configure at least one branch")
      .superRefine(uniqueBranchCodes),
    sms: z
      .object({
        senderId: senderIdSchema.optional(),
        type: smsTypeSchema,
      })
      .prefault({}),
    payments: z
      .object({
        webhookSecretName: z
          .string()
          .regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, "must be a Secrets Manager secret name")
          .default("telecollect/payment-webhook"),
        throttle: z
          .object({
            rateLimit: z.number().positive().default(20),
            burstLimit: z.int().min(1).default(40),
          })
          .prefault({}),
        /** One payment's maximum (rupiah); larger ones are refused with 400 naming `amount`. */
        maxAmount: z
          .int()
          .min(1)
          .max(MAX_PAID_PER_CASE, `must be at most ${MAX_PAID_PER_CASE} (the most a case may be credited)`)
          .default(DEFAULT_PAYMENT_LIMITS.maxAmount),
        /** How many days back a paidAt may lie; older ones are refused with 400 naming `paidAt`. */
        paidAtWindowDays: z.int().min(1).max(3_650).default(DEFAULT_PAYMENT_LIMITS.paidAtWindowDays),
      })
      .prefault({}),
    supervisors: z.object({
      emails: z.array(z.email("must be an email address")).min(1, "give at least one supervisor's email"),
    }),
    schedule: z
      .object({
        enabled: z.boolean().default(true),
        /** 1-28, so the day exists in every month. */
        dayOfMonth: z.int().min(1).max(28, "must be 1-28 so the day exists every month").default(11),
        time: clockTimeSchema().default("08:00"),
      })
      .prefault({}),
    /** Account-wide quotas, shared by every branch's campaign (see docs/deploy.md to raise them). */
    quotas: z
      .object({
        smsPerSecond: z.int().min(1).default(20),
        whatsappPerSecond: z.int().min(1).max(1000).default(20),
        callStartsPerSecond: z.int().min(1).default(2),
        maxConcurrentCalls: z.int().min(1).default(10),
      })
      .prefault({}),
    logRetentionDays: z
      .int()
      .refine(
        (d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d),
        "must be a retention CloudWatch Logs accepts",
      )
      .default(90),
    removalPolicy: z.enum(["retain", "destroy"]).default("retain"),
    whatsapp: whatsappSchema.optional(),
    /**
     * The campaign strategy every campaign starts with: only what differs from the defaults
     * (functions/domain/strategy.ts), checked strictly here (a misspelt key is an error).
     */
    strategy: z
      .record(z.string(), z.unknown())
      .optional()
      .superRefine((strategy, ctx) => {
        if (strategy === undefined) return;
        for (const { path, message } of strategyIssues(strategy))
          ctx.addIssue({ code: "custom", path, message });
      }),
    /**
     * Days each table keeps an item (docs/data-protection.md, "Retention"); unset ones keep the
     * defaults. Checked by the handlers' own rules (too short would delete what is still needed).
     */
    retentionDays: z
      .strictObject({
        participants: z.int().optional(),
        cases: z.int().optional(),
        interactions: z.int().optional(),
        payments: z.int().optional(),
        limits: z.int().optional(),
      })
      .prefault({})
      .superRefine((days, ctx) => {
        for (const { field, message } of retentionProblems(days))
          ctx.addIssue({ code: "custom", path: [field], message });
      }),
  })
  .strict();

export type TelecollectConfig = z.output<typeof configSchema>;
export type TelecollectConfigInput = z.input<typeof configSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Indonesian numbers in E.164. */
const INDONESIAN_NUMBER = /^\+62\d+$/;

/**
 * What a valid config may still get wrong, said at synth without failing it: a caller id that is
 * not Indonesian (+62), which participants distrust and may not answer.
 */
export function configWarnings(config: TelecollectConfig): string[] {
  const warnings: string[] = [];
  const number = config.connect.sourcePhoneNumber;
  if (number && !INDONESIAN_NUMBER.test(number)) {
    warnings.push(
      `connect.sourcePhoneNumber ${number} is not an Indonesian (+62) number: participants distrust ` +
        `foreign caller ids and may not answer; claim or port an Indonesian number (docs/deploy.md, "An Indonesian caller id")`,
    );
  }
  return warnings;
}

/** The strategy campaigns of this deployment start with: the config's over the defaults. */
export const campaignStrategyOf = (config: TelecollectConfig) => parseStrategy(config.strategy ?? {});

/** Where the stack deploys, read from the instance ARN: contact events are regional. */
export function instanceLocation(instanceArn: string) {
  const match = INSTANCE_ARN.exec(instanceArn);
  if (!match) throw new ConfigError(`connect.instanceArn: not an instance ARN: ${instanceArn}`);
  const [, partition, region, account, instanceId] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  return { partition, region, account, instanceId };
}

/** The EXAMPLES key of a path: its field name with any index as `[]`. */
const exampleKey = (path: readonly PropertyKey[]) => fieldName(path).replace(/\[\d+\]/g, "[]");

/** The example of the field, else of its nearest parent that has one. */
function exampleFor(key: string): string | undefined {
  let k = key;
  while (k) {
    const example = EXAMPLES[k];
    if (example) return example;
    const parent = k.replace(/(\.[^.[\]]+|\[\])$/, "");
    if (parent === k) return undefined;
    k = parent;
  }
  return undefined;
}

function describe(issue: z.core.$ZodIssue): string {
  const shown = fieldName(issue.path, { whole: "(config)" });
  const key = exampleKey(issue.path);
  const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
  const message =
    issue.code === "unrecognized_keys"
      ? `unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(", ")}`
      : missing
        ? "required"
        : issue.message;
  const example = issue.code === "unrecognized_keys" ? undefined : exampleFor(key);
  return `  - ${shown}: ${message}${example ? `; example: ${example}` : ""}`;
}

/** Validates a config document; the error lists every bad field with an example of a good value. */
export function parseConfig(input: unknown, source = "config"): TelecollectConfig {
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(
    `invalid telecollect config (${source}):\n${result.error.issues.map(describe).join("\n")}\n` +
      `See config/example.json and docs/deploy.md.`,
  );
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Objects merge key by key; anything else (arrays included) in `over` replaces `base`. */
export function mergeConfig(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeConfig(base[k], v);
  return out;
}

function readJson(file: string, what: string): unknown {
  if (!existsSync(file)) throw new ConfigError(`${what}: no such file ${file}`);
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`${what}: ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

export interface ContextReader {
  tryGetContext(key: string): unknown;
}

/**
 * Reads the config from CDK context: `configFile` (relative to `cwd`, default config/example.json)
 * and/or `telecollect` (an object, or a JSON string from the command line), context over file.
 */
export function loadConfig(node: ContextReader, cwd = process.cwd()): TelecollectConfig {
  const fileName = node.tryGetContext(CONFIG_FILE_CONTEXT_KEY);
  let inline = node.tryGetContext(CONFIG_CONTEXT_KEY);
  if (typeof inline === "string") {
    try {
      inline = JSON.parse(inline);
    } catch (error) {
      throw new ConfigError(`context '${CONFIG_CONTEXT_KEY}' is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (inline !== undefined && !isObject(inline)) {
    throw new ConfigError(`context '${CONFIG_CONTEXT_KEY}' must be a JSON object`);
  }
  if (fileName !== undefined && typeof fileName !== "string") {
    throw new ConfigError(`context '${CONFIG_FILE_CONTEXT_KEY}' must be a file path`);
  }
  // The example is the default only when nothing at all is given.
  const file = fileName ?? (inline === undefined ? DEFAULT_CONFIG_FILE : undefined);
  const fromFile = file ? readJson(resolve(cwd, file), `-c ${CONFIG_FILE_CONTEXT_KEY}`) : undefined;
  const sources = [file, inline !== undefined ? `context '${CONFIG_CONTEXT_KEY}'` : undefined].filter(
    Boolean,
  );
  return parseConfig(mergeConfig(fromFile ?? {}, inline ?? {}), sources.join(" + "));
}
