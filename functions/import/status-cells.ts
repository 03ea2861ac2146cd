/**
 * The snapshot's optional status columns, checked: what the branch knows of a participant that
 * outlasts the campaign (a preferred channel, a REHAB plan, a death, a do-not-contact hold) and
 * whether they asked for a kader's visit. Every bad cell is its own problem naming its field.
 */
import { addDays } from "../domain/local-time";
import type { StatusChange } from "../domain/participant-status";
import {
  DO_NOT_CONTACT_REASONS,
  type DoNotContactReason,
  PREFERRED_CHANNELS,
  type PreferredChannel,
} from "../domain/participant-statuses";
import { REHAB_MAX_INSTALMENTS } from "../domain/rehab";

export const STATUS_COLUMNS = [
  "preferred_channel",
  "rehab_plan",
  "rehab_instalments",
  "deceased",
  "do_not_contact_until",
  "do_not_contact_reason",
  "visit_requested",
] as const;
export type StatusColumn = (typeof STATUS_COLUMNS)[number];

export const STATUS_REJECTION_REASONS = [
  "INVALID_PREFERRED_CHANNEL",
  "INVALID_REHAB_PLAN",
  "INVALID_FLAG",
  "INVALID_DO_NOT_CONTACT",
] as const;
export type StatusRejectionReason = (typeof STATUS_REJECTION_REASONS)[number];

export interface StatusProblem {
  field: StatusColumn;
  reason: StatusRejectionReason;
  detail: string;
}

/** What a valid row says: status changes to apply (source IMPORT) and a visit request. */
export interface RowStatuses {
  changes: StatusChange[];
  visitRequested: boolean;
}

export type StatusCheck = { ok: true; statuses: RowStatuses } | { ok: false; problems: StatusProblem[] };

/** A hold longer than this is a typo, not a decision (a complaint under review, a refusal). */
const MAX_HOLD_DAYS = 366;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const quoted = (value: string) => `'${value.length > 32 ? `${value.slice(0, 32)}...` : value}'`;

/** Y, N or blank (either case); undefined when it is none of them. */
function flagOf(cell: string): "Y" | "N" | "" | undefined {
  const value = cell.toUpperCase();
  return value === "Y" || value === "N" || value === "" ? value : undefined;
}

function isDate(value: string): boolean {
  return DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

type Problem = (field: StatusColumn, reason: StatusRejectionReason, detail: string) => void;

function preferredChannel(cell: string, problem: Problem): StatusChange[] {
  if (cell === "") return [];
  const channel = cell.toUpperCase() as PreferredChannel;
  if (PREFERRED_CHANNELS.includes(channel)) return [{ kind: "PREFERRED_CHANNEL", channel }];
  problem(
    "preferred_channel",
    "INVALID_PREFERRED_CHANNEL",
    `${quoted(cell)} is not ${PREFERRED_CHANNELS.join(", ")} or blank`,
  );
  return [];
}

/** Y: on a plan (since the import's date, with its instalments when given); N: off it. */
function rehabPlan(plan: string, instalments: string, today: string, problem: Problem): StatusChange[] {
  const flag = flagOf(plan);
  const count = instalments === "" ? undefined : Number(instalments);
  const badCount =
    count !== undefined && (!Number.isInteger(count) || count < 1 || count > REHAB_MAX_INSTALMENTS);
  if (flag === undefined) problem("rehab_plan", "INVALID_REHAB_PLAN", `${quoted(plan)} is not Y, N or blank`);
  if (badCount)
    problem(
      "rehab_instalments",
      "INVALID_REHAB_PLAN",
      `${quoted(instalments)} is not a whole number from 1 to ${REHAB_MAX_INSTALMENTS} or blank`,
    );
  else if (count !== undefined && flag !== "Y")
    problem("rehab_instalments", "INVALID_REHAB_PLAN", "is given without rehab_plan Y");
  if (flag === "Y" && !badCount)
    return [{ kind: "REHAB_PLAN", since: today, ...(count !== undefined ? { instalments: count } : {}) }];
  return flag === "N" ? [{ kind: "REHAB_PLAN_ENDED" }] : [];
}

function doNotContact(until: string, reason: string, today: string, problem: Problem): StatusChange[] {
  if (until === "" && reason === "") return [];
  const why = reason.toUpperCase() as DoNotContactReason;
  const reasons = DO_NOT_CONTACT_REASONS.join(" or ");
  if (until === "")
    problem("do_not_contact_until", "INVALID_DO_NOT_CONTACT", "is blank; a hold needs its end date");
  else if (!isDate(until))
    problem("do_not_contact_until", "INVALID_DO_NOT_CONTACT", `${quoted(until)} is not YYYY-MM-DD`);
  else if (until <= today)
    problem(
      "do_not_contact_until",
      "INVALID_DO_NOT_CONTACT",
      `${until} is not after the import date ${today}`,
    );
  else if (until > addDays(today, MAX_HOLD_DAYS))
    problem(
      "do_not_contact_until",
      "INVALID_DO_NOT_CONTACT",
      `${until} is more than ${MAX_HOLD_DAYS} days ahead`,
    );
  if (!DO_NOT_CONTACT_REASONS.includes(why))
    problem(
      "do_not_contact_reason",
      "INVALID_DO_NOT_CONTACT",
      reason === "" ? `is blank; give ${reasons}` : `${quoted(reason)} is not ${reasons}`,
    );
  return [{ kind: "DO_NOT_CONTACT", until, reason: why }];
}

/** Y or blank for a fact that is never undone by a file (a death, a visit asked for). */
function yes(cell: string, field: StatusColumn, problem: Problem): boolean {
  const flag = flagOf(cell);
  if (flag === undefined) problem(field, "INVALID_FLAG", `${quoted(cell)} is not Y, N or blank`);
  return flag === "Y";
}

/** The row's statuses; blank cells (or absent columns) say nothing. `today` is the import's UTC date. */
export function checkStatusCells(cell: (column: StatusColumn) => string, today: string): StatusCheck {
  const problems: StatusProblem[] = [];
  const problem: Problem = (field, reason, detail) => problems.push({ field, reason, detail });
  const changes = [
    ...preferredChannel(cell("preferred_channel"), problem),
    ...rehabPlan(cell("rehab_plan"), cell("rehab_instalments"), today, problem),
    ...(yes(cell("deceased"), "deceased", problem) ? [{ kind: "DECEASED" } as const] : []),
    ...doNotContact(cell("do_not_contact_until"), cell("do_not_contact_reason"), today, problem),
  ];
  const visitRequested = yes(cell("visit_requested"), "visit_requested", problem);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, statuses: { changes, visitRequested } };
}
