import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CampaignPlan } from "../../functions/domain/campaign-plan";
import type { CampaignReport } from "../../functions/domain/campaign-report";
import { formatRupiah } from "../../functions/domain/money";
import { REPORT_FORMATS, renderReport } from "../../functions/reports";
import { count, renderTable } from "../../functions/reports/text-table";
import { CampaignStartRefusedError } from "../../functions/services/start-campaign";
import { type CampaignProgress, startBranchCampaign } from "../../functions/services/supervisor/campaigns";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import {
  API_TARGET_OPTIONS,
  apiTargetChoice,
  HELP_OPTION,
  parseBranch,
  parseChoice,
  parsePeriod,
} from "../args";
import { API_TARGET_HELP, type Command, type CommandContext, json } from "../command";
import { CliError, UsageError } from "../errors";
import { ApiAnswerError } from "../supervisor-api";
import { clockOf } from "../target";

const CAMPAIGN_OPTIONS = {
  ...HELP_OPTION,
  ...API_TARGET_OPTIONS,
  branch: { type: "string" },
  period: { type: "string" },
  json: { type: "boolean" },
} as const;

type Values = Record<string, string | boolean | string[] | undefined>;
type CampaignArgs = Awaited<ReturnType<typeof campaignArgs>>;

/** Branch and period first (usage errors before any I/O), then the target and whom to act as. */
async function campaignArgs(ctx: CommandContext, values: Values) {
  const branch = parseBranch(values.branch as string | undefined, ctx.config.branches);
  const period = parsePeriod(values.period as string | undefined);
  const target = apiTargetChoice(values, ctx.config.stack);
  return { branch, period, ...target };
}

/** The signed-in API and the campaign's path on it. */
async function campaignApi(ctx: CommandContext, args: CampaignArgs) {
  const api = await ctx.api(args.choice, args.user);
  return { api, path: `/branches/${args.branch.code}/campaigns/${args.period}` };
}

/** The API's answer, or a CliError with `message` when it answers `status`. */
async function unless<T>(status: number, message: string, answer: Promise<T>): Promise<T> {
  return answer.catch((error: unknown) => {
    if (error instanceof ApiAnswerError && error.status === status) throw new CliError(message);
    throw error;
  });
}

const WHICH = "--branch CODE --period YYYY-MM";

const startOptions = {
  ...CAMPAIGN_OPTIONS,
  "dry-run": { type: "boolean" },
  force: { type: "boolean" },
} as const;

const refusedLine = (message: string) => `${message}: nothing started (--force starts it anyway)`;

interface DryRunAnswer {
  plan: CampaignPlan;
  refused: { reason: string; message: string } | null;
}

async function dryRun(ctx: CommandContext, values: Values, args: CampaignArgs) {
  const { api } = await campaignApi(ctx, args);
  const { branch, period } = args;
  const { plan, refused } = await api.json<DryRunAnswer>("POST", `/branches/${branch.code}/campaigns`, {
    period,
    dryRun: true,
  });
  if (values.json) {
    ctx.io.out(json({ dryRun: true, ...plan, refused }));
  } else {
    ctx.io.out(renderPlan(plan, `${branch.code} ${period} (${api.description})`));
  }
  if (refused && values.force !== true) throw new CliError(refusedLine(refused.message));
  if (refused && !values.json) ctx.io.out(`Forced (--force): ${refused.message}`);
  return 0;
}

function renderPlan(plan: CampaignPlan, which: string): string {
  const row = (label: string, b: { participants: number; callable: number; amountDue: number }) => [
    label,
    count(b.participants),
    count(b.callable),
    formatRupiah(b.amountDue),
  ];
  const c = plan.capacity;
  const days = plan.callingDays;
  return [
    `Dry run: campaign ${which}; nothing written, nobody contacted`,
    "",
    renderTable(
      [
        { header: "category" },
        { header: "participants", align: "right" },
        { header: "callable", align: "right" },
        { header: "amount due", align: "right" },
      ],
      [...plan.buckets.map((b) => row(b.label, b)), row("total", plan.total)],
    ),
    "",
    `Below ${plan.minMonths} months (not targeted): ${count(plan.belowMinMonths)}`,
    `Calling days: ${days.length}${days.length > 0 ? ` (${days[0]} to ${days.at(-1)})` : ""}`,
    `Call capacity: ${c.agents} agents x ${c.callingDays} days x ${c.callsPerAgentDay} calls/agent/day = ${count(c.calls)} calls`,
    `Attempts the callable cases may take: ${count(plan.maxAttempts)} (${count(plan.total.callable)} x ${plan.attemptsPerCase})`,
  ].join("\n");
}

export const campaignStart: Command = {
  name: "campaign start",
  summary: "start a branch's campaign for a month (or --dry-run it)",
  options: startOptions,
  help: `Usage: telecollect campaign start ${WHICH} [--dry-run] [--force] [--json]
                                [--local [--user NAME] | --stack NAME]

Starts the campaign execution campaign-<branch>-<period>: map arrears, SMS wave, grace period,
calling days, close and report. Starting a campaign that runs or has completed is a no-op that
says so; a failed or stopped one resumes under campaign-<branch>-<period>-r2, -r3...
A campaign whose period is over, or that has no calling day left (the grace days after the SMS
run past the month's last calling day), is refused: it would text participants about a month
already lost, then close their cases unattempted. "Today" is the target's: the runtime's
simulated clock with --local.

  --dry-run           show the categories the participants map to and the call capacity
                      (agents x calling days x calls/agent/day); writes nothing, contacts nobody;
                      refused (exit 1) as the start would be
  --force             engineers only: start (or dry-run) even a campaign the rule refuses. The
                      supervisor API offers no override, so a forced start goes straight to the
                      campaigns table and the state machine with your own AWS permissions
                      (DynamoDB and states:StartExecution; --local: the runtime's tables)
  --json              the outcome (or the plan) as JSON
${API_TARGET_HELP}`,
  async run(ctx, values) {
    const args = await campaignArgs(ctx, values);
    if (values["dry-run"]) return dryRun(ctx, values, args);
    const { outcome, execution, forced, description } = values.force
      ? await forcedStart(ctx, args)
      : await startThroughApi(ctx, args);
    const { branch, period } = args;
    const name = execution.name;
    const message = {
      STARTED: `Started campaign ${branch.code} ${period}: execution ${name}`,
      RESUMED: `Resumed campaign ${branch.code} ${period}: execution ${name}`,
      ALREADY_RUNNING: `Campaign ${branch.code} ${period} is already running (execution ${name}): nothing started`,
      ALREADY_COMPLETED: `Campaign ${branch.code} ${period} already completed (execution ${name}, ${execution.status}): nothing started`,
    }[outcome];
    const forcedLine = forced ? `\n  forced (--force): ${forced.message}` : "";
    const result = { outcome, execution, ...(forced ? { forced } : {}) };
    ctx.io.out(values.json ? json(result) : `${message}\n  on: ${description}${forcedLine}`);
    return 0;
  },
};

interface StartAnswer {
  outcome: "STARTED" | "RESUMED" | "ALREADY_RUNNING" | "ALREADY_COMPLETED";
  execution: { name: string; status: string; startDate?: string };
  forced?: { reason: string; message: string };
  description: string;
}

async function startThroughApi(ctx: CommandContext, args: CampaignArgs): Promise<StartAnswer> {
  const { api } = await campaignApi(ctx, args);
  const started = await api
    .json<Omit<StartAnswer, "description">>("POST", `/branches/${args.branch.code}/campaigns`, {
      period: args.period,
    })
    .catch((error: unknown) => {
      if (error instanceof ApiAnswerError && error.status === 409)
        throw new CliError(refusedLine(error.message));
      throw error;
    });
  return { ...started, description: api.description };
}

/**
 * The engineer's override of the start rule, which the API does not offer supervisors: straight on
 * the campaigns table and the state machine, with the engineer's own AWS permissions.
 */
async function forcedStart(ctx: CommandContext, { branch, period, choice }: CampaignArgs) {
  const target = await ctx.target(choice);
  const campaigns = new DynamoCampaignStore(target.doc, target.tables.campaigns);
  const result = await startBranchCampaign(
    { campaigns, executions: target.executions, clock: await clockOf(target) },
    { branch, period, force: true },
  ).catch((error: unknown) => {
    if (error instanceof CampaignStartRefusedError) throw new CliError(refusedLine(error.message));
    throw error;
  });
  return { ...result, description: target.description };
}

export const campaignStatus: Command = {
  name: "campaign status",
  summary: "phase, cases per status, progress and next calling day",
  options: CAMPAIGN_OPTIONS,
  help: `Usage: telecollect campaign status ${WHICH} [--json] [--local [--user NAME] | --stack NAME]

Shows the campaign's phase (MAPPING, MAPPED, SMS, DIALING, CLOSED, FAILED, STOPPED), its latest
execution, the cases per status, progress (cases settled, reminded, sent an SMS, called) and the next
calling day.

  --json              the status as JSON
${API_TARGET_HELP}`,
  async run(ctx, values) {
    const args = await campaignArgs(ctx, values);
    const { api, path } = await campaignApi(ctx, args);
    const { branch, period } = args;
    const found = await unless(
      404,
      `campaign ${branch.code} ${period} not found in ${api.description}: start it with \`telecollect campaign start --branch ${branch.code} --period ${period}\``,
      api.json<CampaignProgress>("GET", path),
    );
    const { callingDay: _day, ...status } = found;
    if (values.json) {
      ctx.io.out(json(status));
      return 0;
    }
    const p = status.progress;
    const pct = (n: number) => (status.cases === 0 ? "0.0%" : `${((n / status.cases) * 100).toFixed(1)}%`);
    const execution = status.execution
      ? `${status.execution.name} ${status.execution.status}${status.execution.error ? ` (${status.execution.error})` : ""}`
      : "none";
    ctx.io.out(
      [
        `Campaign ${branch.code} ${period} (${api.description}, now ${status.now.slice(0, 16).replace("T", " ")} UTC)`,
        `  phase:             ${status.phase}`,
        `  execution:         ${execution}`,
        `  cases:             ${count(status.cases)}`,
        `  settled:           ${count(p.settled)} (${pct(p.settled)}), ${count(p.paid)} paid, ${formatRupiah(p.amountCollected)} collected`,
        `  reminded:          ${count(p.reminded)} (${pct(p.reminded)})`,
        `  SMS sent:          ${count(p.smsSent)} (${pct(p.smsSent)})`,
        `  called:            ${count(p.called)} (${pct(p.called)})`,
        `  next calling day:  ${status.nextCallingDay ?? "-"}`,
        ...(status.stopped && status.phase === "STOPPED"
          ? [`  stopped:           by ${status.stopped.by} at ${status.stopped.at}: ${status.stopped.reason}`]
          : []),
        ...(status.failure ? [`  failure:           ${status.failure.error}: ${status.failure.cause}`] : []),
        "  by status:",
        ...Object.entries(status.byStatus)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([s, n]) => `    ${s.padEnd(30)}${count(n)}`),
      ].join("\n"),
    );
    return 0;
  },
};

const stopOptions = { ...CAMPAIGN_OPTIONS, reason: { type: "string" }, by: { type: "string" } } as const;

export const campaignStop: Command = {
  name: "campaign stop",
  summary: "stop a running campaign at once (dialing and SMS), keeping its data",
  options: stopOptions,
  help: `Usage: telecollect campaign stop ${WHICH} --reason TEXT [--json]
                               [--local [--user NAME] | --stack NAME]

Stops the campaign's execution (its SMS wave and dialing day with it: no new SMS, no new call;
calls already ringing end normally), keeps every case and interaction, and marks the campaign
STOPPED with who (the signed-in user) and why. A later \`campaign start\` resumes it under -rN.

  --reason TEXT       why (required; shown in status and kept on the campaign)
  --by NAME           ignored (with a note): the API records the signed-in user
  --json              the outcome as JSON
${API_TARGET_HELP}`,
  async run(ctx, values) {
    const reason = (values.reason as string | undefined)?.trim();
    if (!reason) throw new UsageError("--reason: required (why the campaign is stopped)");
    const args = await campaignArgs(ctx, values);
    const { api, path } = await campaignApi(ctx, args);
    const { branch, period } = args;
    if (values.by !== undefined) {
      ctx.io.err(`telecollect: --by ignored: the API records the signed-in user (${api.username})`);
    }
    const result = await api.json<StopAnswer>("POST", `${path}/stop`, { reason }).catch((error: unknown) => {
      if (error instanceof ApiAnswerError && error.status === 409) throw new CliError(error.message);
      throw error;
    });
    if (result.outcome === "ALREADY_STOPPED") {
      ctx.io.out(
        values.json ? json(result) : `Campaign ${branch.code} ${period} is already stopped: nothing to do`,
      );
      return 0;
    }
    ctx.io.out(
      values.json
        ? json(result)
        : `Stopped campaign ${branch.code} ${period} (execution ${result.execution}) by ${result.by}: ${result.reason}\n  data kept; \`telecollect campaign start\` resumes it`,
    );
    return 0;
  },
};

type StopAnswer =
  | { outcome: "STOPPED"; execution: string; by: string; reason: string; at: string }
  | { outcome: "ALREADY_STOPPED"; stopped: unknown };

const reportOptions = { ...CAMPAIGN_OPTIONS, format: { type: "string" }, out: { type: "string" } } as const;

export const campaignReportCommand: Command = {
  name: "campaign report",
  summary: "the campaign's funnel per category (table, json, csv, html)",
  options: reportOptions,
  help: `Usage: telecollect campaign report ${WHICH} [--format table|json|csv|html] [--out FILE]
                                 [--local [--user NAME] | --stack NAME]

The funnel per category and in total: targeted, SMS sent, called, contacted, promised, paid,
amount due and collected, contact and collection rates, and the cases per final status. The
report stored when the campaign closed, or computed from its cases while it runs.

  --format F          table (default), json, csv, html (one self-contained page)
  --json              same as --format json
  --out FILE          write the report to FILE instead of the terminal
${API_TARGET_HELP}`,
  async run(ctx, values) {
    const format = values.json
      ? "json"
      : (parseChoice("format", values.format as string | undefined, REPORT_FORMATS) ?? "table");
    const args = await campaignArgs(ctx, values);
    const { api, path } = await campaignApi(ctx, args);
    const { branch, period } = args;
    // The stored report once closed, else computed now at the target's time: the API's.
    const report = await api.json<CampaignReport>("GET", `${path}/report?format=json`);
    const text = renderReport(report, format);
    const out = values.out as string | undefined;
    if (out) {
      await writeFile(resolve(out), `${text}\n`);
      ctx.io.out(`Report of campaign ${branch.code} ${period} written to ${resolve(out)}`);
    } else {
      ctx.io.out(text);
    }
    return 0;
  },
};
