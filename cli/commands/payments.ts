import { userInfo } from "node:os";
import { type Clock, systemClock } from "../../functions/channels/clock";
import { mapConcurrent } from "../../functions/concurrency";
import { DEFAULT_RETENTION_DAYS } from "../../functions/contracts";
import { maskParticipantId } from "../../functions/domain/masking";
import { formatRupiah } from "../../functions/domain/money";
import { count, renderTable } from "../../functions/reports/text-table";
import { assignPayment } from "../../functions/services/apply-payment";
import { DynamoParticipantStore } from "../../functions/store/participants";
import type { PaymentRecord } from "../../functions/store/payment-records";
import { DynamoPaymentStore } from "../../functions/store/payments";
import { HELP_OPTION, parseBranch, TARGET_OPTIONS, targetChoice } from "../args";
import { type Command, json, TARGET_HELP } from "../command";
import { UsageError } from "../errors";
import type { Target } from "../target";

const paymentStore = (target: Target) =>
  new DynamoPaymentStore(target.doc, target.tables, DEFAULT_RETENTION_DAYS);

async function allParked(store: DynamoPaymentStore): Promise<PaymentRecord[]> {
  const parked: PaymentRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.unmatched(cursor);
    parked.push(...page.payments);
    cursor = page.cursor;
  } while (cursor);
  return parked;
}

/** The branch of each card number that is a participant now (imported after its payment came). */
async function branchesOf(target: Target, participantIds: readonly string[]): Promise<Map<string, string>> {
  const participants = new DynamoParticipantStore(target.doc, target.tables.participants);
  const distinct = [...new Set(participantIds)];
  const found = await mapConcurrent(distinct, 8, async (id) => [
    id,
    (await participants.get(id))?.branchCode,
  ]);
  return new Map(found.filter((e): e is [string, string] => typeof e[1] === "string"));
}

const unmatchedOptions = {
  ...HELP_OPTION,
  ...TARGET_OPTIONS,
  branch: { type: "string" },
  json: { type: "boolean" },
} as const;

export const paymentsUnmatched: Command = {
  name: "payments unmatched",
  summary: "list the payments parked for reconciliation (card numbers masked)",
  options: unmatchedOptions,
  help: `Usage: telecollect payments unmatched [--branch CODE] [--json] [--local | --stack NAME]

Lists the payments the webhook accepted but could not apply, oldest first: payment id, card
number as sent (masked), amount, channel, paidAt as the channel sent it, when it arrived, and why
it was parked: UNKNOWN_PARTICIPANT (no participant has that card number) or CASE_PAID_LIMIT (its
open case cannot be credited more). Apply one with \`telecollect payments assign\`.

  --branch CODE       only payments whose card number is now a participant of that branch
                      (imported after the payment came); a card number nobody has has no branch
                      and is listed only without --branch
  --json              the list as JSON
${TARGET_HELP}`,
  async run(ctx, values) {
    const only =
      values.branch === undefined ? undefined : parseBranch(values.branch as string, ctx.config.branches);
    const target = await ctx.target(targetChoice(values, ctx.config.stack));
    const parked = await allParked(paymentStore(target));
    const branches = await branchesOf(
      target,
      parked.map((p) => p.participantId),
    );
    const rows = parked
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.paymentId.localeCompare(b.paymentId))
      .map((p) => ({
        paymentId: p.paymentId,
        participant: maskParticipantId(p.participantId),
        branch: branches.get(p.participantId) ?? null,
        amount: p.amount,
        channel: p.channel,
        paidAt: p.paidAtAsSent,
        receivedAt: p.receivedAt,
        reason: p.unmatchedReason ?? "UNKNOWN_PARTICIPANT",
      }))
      .filter((r) => !only || r.branch === only.code);
    if (values.json) {
      ctx.io.out(json(rows));
      return 0;
    }
    const table = renderTable(
      [
        { header: "payment" },
        { header: "card number" },
        { header: "branch" },
        { header: "amount", align: "right" },
        { header: "channel" },
        { header: "paid at (as sent)" },
        { header: "received (UTC)" },
        { header: "parked because" },
      ],
      rows.map((r) => [
        r.paymentId,
        r.participant,
        r.branch ?? "-",
        formatRupiah(r.amount),
        r.channel,
        r.paidAt,
        r.receivedAt.slice(0, 16).replace("T", " "),
        r.reason,
      ]),
    );
    ctx.io.out(
      `${table}\n${count(rows.length)} unmatched payment(s)${only ? ` of ${only.code}` : ""} (${target.description})`,
    );
    return 0;
  },
};

const assignOptions = {
  ...HELP_OPTION,
  ...TARGET_OPTIONS,
  participant: { type: "string" },
  reason: { type: "string" },
  by: { type: "string" },
  json: { type: "boolean" },
} as const;

export const paymentsAssign: Command = {
  name: "payments assign",
  summary: "apply a parked payment to the right participant (audited)",
  options: assignOptions,
  positionals: { min: 1, max: 1, name: "PAYMENT_ID" },
  help: `Usage: telecollect payments assign PAYMENT_ID --participant ID --reason TEXT [--by NAME] [--json]
                                 [--local | --stack NAME]

Applies a payment listed by \`payments unmatched\` to the participant it was meant for, with the
effects of a matched delivery: the participant's arrears lowered, their open case credited, and
the case PAID or its promise KEPT when the payment settles them. Who, when and why are kept on
the payment (and in the case's audit trail). Refused, changing nothing, when the payment is not
unmatched, was already assigned, or no participant has that card number.

  --participant ID    the participant's 13-digit JKN card number (required)
  --reason TEXT       why (required), e.g. "channel sent the card number with a typo"
  --by NAME           who (default: the OS user)
  --json              the outcome as JSON
${TARGET_HELP}`,
  async run(ctx, values, positionals) {
    const paymentId = positionals[0] ?? "";
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(paymentId)) {
      throw new UsageError("PAYMENT_ID: must be 1-64 characters of A-Z, a-z, 0-9, _ or -");
    }
    const participantId = values.participant as string | undefined;
    if (participantId === undefined)
      throw new UsageError("--participant: required (the 13-digit JKN card number)");
    if (!/^\d{13}$/.test(participantId))
      throw new UsageError("--participant: must be 13 digits (the JKN card number)");
    const reason = (values.reason as string | undefined)?.trim();
    if (!reason) throw new UsageError("--reason: required (why the payment belongs to this participant)");
    const by = (values.by as string | undefined)?.trim() || userInfo().username;
    const target = await ctx.target(targetChoice(values, ctx.config.stack));
    // The target's time: simulated locally, so the audit and the settlement agree with the runtime.
    const now = await target.now();
    const clock: Clock = { now: () => now, sleepUntil: systemClock.sleepUntil };
    const result = await assignPayment(
      { payments: paymentStore(target), branches: ctx.config.branches, clock },
      { paymentId, participantId, by, reason },
    );
    const p = result.payment;
    const outcome = {
      outcome: "ASSIGNED",
      paymentId,
      participant: maskParticipantId(participantId),
      amount: p.amount,
      by,
      at: now.toISOString(),
      reason,
      campaignId: p.campaignId ?? null,
      casePaid: result.casePaid ?? false,
      promiseKept: result.promiseKept ?? false,
    };
    if (values.json) {
      ctx.io.out(json(outcome));
      return 0;
    }
    const effects = p.campaignId
      ? `arrears lowered; case of campaign ${p.campaignId.replace("#", " ")} credited${outcome.casePaid ? ", now PAID" : ""}${outcome.promiseKept ? ", promise KEPT" : ""}`
      : "arrears lowered; no open case to credit";
    ctx.io.out(
      `Assigned payment ${paymentId} (${formatRupiah(p.amount)}, ${p.channel}) to participant ${outcome.participant} by ${by}: ${reason}\n  ${effects}\n  on: ${target.description}`,
    );
    return 0;
  },
};
