import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { join } from "node:path";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { DEFAULT_RETENTION_DAYS } from "../../functions/contracts";
import { maskParticipantId } from "../../functions/domain/masking";
import { isParticipantId } from "../../functions/domain/virtual-account";
import { DynamoSupervisionStore } from "../../functions/store/audit";
import type { TableName } from "../../functions/store/schemas";
import { HELP_OPTION, TARGET_OPTIONS, type TargetChoice, targetChoice } from "../args";
import { type Command, type CommandContext, json, TARGET_HELP } from "../command";
import { CliError, UsageError } from "../errors";
import { DynamoParticipantDataStore } from "../participant-data/dynamo-store";
import {
  type ErasureOutcome,
  type ErasurePlan,
  eraseParticipant,
  planErasure,
} from "../participant-data/erase";
import { isPseudonym, PSEUDONYM_KEY_BYTES } from "../participant-data/erasure";
import { exportParticipant } from "../participant-data/export";
import { ParticipantDataChangedError } from "../participant-data/records";
import {
  FilePseudonymKeys,
  type PseudonymKeys,
  pseudonymSecretName,
  SecretsManagerPseudonymKeys,
} from "../pseudonym-keys";
import type { Target } from "../target";

/** The target's pseudonym key: a secret of the stack's account, or a file of the CLI's home locally. */
async function pseudonymKeys(ctx: CommandContext, choice: TargetChoice): Promise<PseudonymKeys> {
  if (choice.kind === "aws") {
    return new SecretsManagerPseudonymKeys(new SecretsManagerClient({}), pseudonymSecretName(choice.stack));
  }
  await mkdir(ctx.config.home, { recursive: true });
  return new FilePseudonymKeys(join(ctx.config.home, "erasure-pseudonym-key"));
}

function cardNumber(value: string | undefined, allowPseudonym: boolean): string {
  const id = value ?? "";
  if (isParticipantId(id) || (allowPseudonym && isPseudonym(id))) return id;
  throw new UsageError(
    `ID: '${id}' is not a 13-digit JKN card number${allowPseudonym ? " nor a pseudonym (ERASED-<20 hex digits>)" : ""}`,
  );
}

const exportOptions = {
  ...HELP_OPTION,
  ...TARGET_OPTIONS,
  out: { type: "string" },
  stdout: { type: "boolean" },
  reason: { type: "string" },
  by: { type: "string" },
} as const;

export const participantExport: Command = {
  name: "participant export",
  summary: "everything held about one participant, as JSON (a request under UU 27/2022)",
  options: exportOptions,
  positionals: { min: 1, max: 1, name: "ID" },
  help: `Usage: telecollect participant export ID --reason TEXT (--out FILE | --stdout) [--by NAME]
                                   [--local | --stack NAME]

One JSON document with everything the tables hold under a JKN card number: the participant
(the latest snapshot row), each campaign's case, the interactions of those cases (SMS sent,
calls, dispositions, promises, payments applied, contact updates), the payments counted for or
sent for the card number, the messages sent to them (SMS, WhatsApp) and what was learned about
reaching them, the audit records naming it, calls of theirs on an agent roster, and the erasure
record when the participant's data was erased. Unmasked: it is the person's own data, for their
request. Message texts are not stored (only that a message went, when, its statuses).

ID is the 13-digit card number, or a pseudonym (ERASED-...) to read only its erasure record.

  --out FILE          write the document to FILE (created readable by you only; never
                      overwritten)
  --stdout            print the document (refused otherwise: personal data would stay in the
                      terminal's scrollback)
  --reason TEXT       why (required), e.g. "request of 2026-12-01, letter 17/PDP": an export is
                      a read of personal data unmasked, recorded with who, when and why
                      (\`telecollect audit access\`)
  --by NAME           who (default: the OS user)
${TARGET_HELP}`,
  async run(ctx, values, positionals) {
    const id = cardNumber(positionals[0], true);
    const reason = (values.reason as string | undefined)?.trim();
    if (!reason)
      throw new UsageError("--reason: required (why the participant's data is read; it is recorded)");
    const out = values.out as string | undefined;
    if (out !== undefined && values.stdout) throw new UsageError("--out and --stdout: choose one");
    if (out === undefined && !values.stdout) {
      throw new UsageError(
        "refused: the export holds the participant's name, phone and card number unmasked; write it to a file with --out FILE, or pass --stdout to print it anyway",
      );
    }
    const choice = targetChoice(values, ctx.config.stack);
    const target = await ctx.target(choice);
    const key = await (await pseudonymKeys(ctx, choice)).read();
    const document = await exportParticipant(
      {
        store: new DynamoParticipantDataStore(target.doc, target.tables),
        ...(key ? { key } : {}),
        now: await target.now(),
      },
      id,
    );
    if (!isPseudonym(id)) {
      const by = (values.by as string | undefined)?.trim() || userInfo().username;
      await recordExport(target, { id, by, reason, at: await target.now(), document });
    }
    if (out === undefined) {
      ctx.io.out(sortedJson(document));
      return 0;
    }
    try {
      await writeFile(out, `${sortedJson(document)}\n`, { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") {
        throw new CliError(`${out} exists: an export is never overwritten; choose another file or remove it`);
      }
      throw error;
    }
    const who = isPseudonym(id) ? id : `participant ${maskParticipantId(id)}`;
    ctx.io.out(
      `Wrote the export of ${who} to ${out} (${exportSummary(document)})\n  from: ${target.description}`,
    );
    return 0;
  },
};

/** An export is an unmasked read: its access record, beside the API's (audit table, ACCESS#<month>). */
async function recordExport(
  target: Target,
  read: {
    id: string;
    by: string;
    reason: string;
    at: Date;
    document: Awaited<ReturnType<typeof exportParticipant>>;
  },
) {
  const { document } = read;
  const held = "participant" in document ? [document.participant, ...document.cases] : [];
  const branchCode = held.map((item) => item?.branchCode).find((code) => typeof code === "string") ?? "";
  await new DynamoSupervisionStore(
    target.doc,
    target.tables.audit,
    DEFAULT_RETENTION_DAYS.interactions,
  ).recordAccess({
    at: read.at.toISOString(),
    username: read.by,
    branchCode: String(branchCode),
    what: `participant export ${maskParticipantId(read.id)}`,
    reason: read.reason,
    participants: 1,
    // Named only when personal data was read: an erased card number must not come back this way.
    ...(held.some(Boolean) ? { participantId: read.id } : {}),
    sourceIp: "telecollect CLI",
    requestId: randomUUID(),
  });
}

/** JSON with each object's keys in order: DynamoDB returns an item's attributes in any order. */
const sortedJson = (value: unknown) =>
  JSON.stringify(
    value,
    (_key, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
        : v,
    2,
  );

function exportSummary(document: Awaited<ReturnType<typeof exportParticipant>>): string {
  const erased = document.erasure
    ? `erased ${document.erasure.finishedAt ?? "(unfinished)"} under ${document.erasure.pseudonym}`
    : "no erasure";
  if (!("participantId" in document)) return erased;
  const parts = [
    `${document.participant ? 1 : 0} snapshot row`,
    `${document.cases.length} case(s)`,
    `${document.interactions.length} interaction(s)`,
    `${document.payments.length} payment(s)`,
    `${document.sentMessages.length} message(s) sent`,
    `${document.channelProfile ? 1 : 0} channel profile`,
    `${document.auditRecords.length} audit record(s)`,
    `${document.callsInProgress.length} call(s) in progress`,
  ];
  return `${parts.join(", ")}; ${erased}`;
}

const eraseOptions = {
  ...HELP_OPTION,
  ...TARGET_OPTIONS,
  reason: { type: "string" },
  by: { type: "string" },
  yes: { type: "boolean" },
  json: { type: "boolean" },
} as const;

/** What happens to each table's items, in the plan a user confirms. */
const EFFECT: Record<TableName, string> = {
  participants: "deleted (the snapshot row: name, phones, arrears)",
  cases:
    "kept under the pseudonym: figures and statuses; name, phones, virtual account gone; never dialled again",
  interactions: "kept under the pseudonym: kind, time, outcome, amount; phones and agents' notes gone",
  payments: "kept under the pseudonym: amount, dates, channel, status",
  audit: "kept under the pseudonym",
  limits: "taken off the agent roster (a call in progress)",
  campaigns: "",
  messages: "deleted (the messages sent to them: numbers, times, statuses)",
  profiles: "deleted (what was learned about reaching them)",
  kader: "deleted (their lines on kader worklists: name, address, what a visit needed)",
};

function planLines(plan: ErasurePlan): string {
  return (Object.entries(plan.counts) as [TableName, number][])
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `  ${table.padEnd(13)}${String(n).padStart(5)}  ${EFFECT[table]}`)
    .join("\n");
}

/** The target, its store, the key and the plan of an erasure (confirmed or not). */
async function prepare(
  ctx: CommandContext,
  values: { local?: boolean; stack?: string; yes?: boolean },
  id: string,
) {
  const choice = targetChoice(values, ctx.config.stack);
  const target = await ctx.target(choice);
  const keys = await pseudonymKeys(ctx, choice);
  const store = new DynamoParticipantDataStore(target.doc, target.tables);
  // Without --yes no key is made: a plan under a throwaway key finds no record, and shows no pseudonym.
  const existing = await keys.read();
  const key = values.yes ? await keys.readOrCreate() : (existing ?? randomBytes(PSEUDONYM_KEY_BYTES));
  const plan = await planErasure({ store, key }, id);
  const pseudonym = values.yes || existing ? plan.pseudonym : null;
  return { target, store, key, plan, pseudonym };
}

function erasedLines(outcome: ErasureOutcome): string {
  const changed = Object.entries(outcome.changed).map(
    ([t, n]) => `  ${t.padEnd(13)}${String(n).padStart(5)}`,
  );
  const kept = Object.entries(outcome.record.kept ?? {}).map(([t, n]) => `${n} ${t}`);
  return [
    `  pseudonym: ${outcome.pseudonym}`,
    ...changed,
    `  kept under the pseudonym: ${kept.join(", ")}`,
  ].join("\n");
}

export const participantErase: Command = {
  name: "participant erase",
  summary: "erase one participant's personal data on request (refused without --yes)",
  options: eraseOptions,
  positionals: { min: 1, max: 1, name: "ID" },
  help: `Usage: telecollect participant erase ID --reason TEXT [--by NAME] [--yes] [--json]
                                  [--local | --stack NAME]

Erases the personal data held under a JKN card number (a request under UU 27/2022): the
snapshot row, the messages sent to them and their channel profile are deleted; the cases,
interactions, payments and audit records BPJS must keep stay under a pseudonym (ERASED-...),
without name, phone numbers, virtual account, agents' notes, reply texts or the card number;
a call of theirs on an agent roster is taken off it. An erasure record (who, when, why, what
per table) is kept in the audit table. Cannot be undone.

Without --yes, prints what would be erased, table by table, and changes nothing (exit 1). A
rerun after an interruption finishes the erasure; a rerun after it changes nothing. A later
snapshot row for the same card number is a new record: erase again if asked again.

  --reason TEXT       why (required), e.g. "request of 2026-12-01, letter 17/PDP"
  --by NAME           who (default: the OS user)
  --yes               erase
  --json              the outcome as JSON
${TARGET_HELP}`,
  async run(
    ctx,
    values: { local?: boolean; stack?: string; yes?: boolean; json?: boolean; [k: string]: unknown },
    positionals,
  ) {
    const id = cardNumber(positionals[0], false);
    const reason = (values.reason as string | undefined)?.trim();
    if (!reason) throw new UsageError("--reason: required (why the participant's data is erased)");
    const by = (values.by as string | undefined)?.trim() || userInfo().username;
    const { target, store, key, plan, pseudonym } = await prepare(ctx, values, id);
    const who = `participant ${maskParticipantId(id)}`;
    const report = (outcome: string, text: string, extra: object = {}) => {
      ctx.io.out(
        values.json
          ? json({ outcome, participant: maskParticipantId(id), pseudonym, ...extra })
          : `${text}\n  on: ${target.description}`,
      );
    };
    if (plan.empty && plan.record?.status === "DONE") {
      report(
        "ALREADY_ERASED",
        `${who} was erased on ${plan.record.finishedAt} by ${plan.record.by} under ${plan.pseudonym}: nothing left to erase`,
        { record: plan.record },
      );
      return 0;
    }
    if (plan.empty && !plan.record) {
      report("NOTHING_HELD", `Nothing is held under ${who}: nothing to erase`);
      return 0;
    }
    if (!values.yes) {
      const named = pseudonym ? ` (pseudonym ${pseudonym})` : "";
      report("NOT_CONFIRMED", `Would erase ${who}${named}:\n${planLines(plan)}`, {
        counts: plan.counts,
      });
      ctx.io.err(
        "telecollect: nothing erased: erasure cannot be undone; check the card number and rerun with --yes to erase",
      );
      return 1;
    }
    const outcome = await eraseParticipant(
      { store, key, now: await target.now(), retentionDays: DEFAULT_RETENTION_DAYS.audit },
      plan,
      { by, reason },
    ).catch((error: unknown) => {
      // What is done stays done: the rerun plans again from what is left.
      if (error instanceof ParticipantDataChangedError) throw new CliError(`${who}: ${error.message}`);
      throw error;
    });
    report("ERASED", `Erased ${who} by ${by}: ${reason}\n${erasedLines(outcome)}`, {
      changed: outcome.changed,
      record: outcome.record,
    });
    return 0;
  },
};
