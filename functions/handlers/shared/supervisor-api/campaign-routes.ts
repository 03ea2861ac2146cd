import { z } from "zod";
import { campaignIdOf } from "../../../domain/case";
import { isPeriod } from "../../../domain/period";
import { bucketSchema, DEFAULT_STRATEGY } from "../../../domain/strategy";
import { PERSONAL_DATA_GROUP } from "../../../domain/supervisor";
import { renderReport } from "../../../reports";
import { caseRow, renderCasesCsv } from "../../../reports/cases";
import { reportOf } from "../../../services/campaign-report";
import { CampaignStartRefusedError } from "../../../services/start-campaign";
import {
  CampaignNotRunningError,
  campaignProgress,
  dryRunCampaign,
  startBranchCampaign,
  stopBranchCampaign,
} from "../../../services/supervisor/campaigns";
import { campaignKaderWorklists } from "../../../services/supervisor/kader-worklists";
import { campaignReplies } from "../../../services/supervisor/replies";
import { allCases } from "../../../store/cursor";
import type { Ports } from "../composition-root";
import { strategyOf } from "../strategy";
import { branchOf, periodOf } from "./branches";
import { ApiError, type ApiRequest, json, parseInput, type Route, text } from "./http";

const CAMPAIGNS = /^\/api\/branches\/(?<branch>[^/]+)\/campaigns$/;
const CAMPAIGN = /^\/api\/branches\/(?<branch>[^/]+)\/campaigns\/(?<period>[^/]+)$/;
const campaignPart = (part: string) =>
  new RegExp(`^/api/branches/(?<branch>[^/]+)/campaigns/(?<period>[^/]+)/${part}$`);

const startBody = z.strictObject({
  period: z.string().refine(isPeriod, "expected a month YYYY-MM"),
  dryRun: z.boolean().optional(),
});

const stopBody = z.strictObject({
  reason: z.string().trim().min(1, "required: why the campaign is stopped").max(500),
});

const reportQuery = z.object({ format: z.enum(["json", "html", "csv"]).default("json") });

const casesQuery = z
  .object({
    status: z.enum(["OPEN", "PAID", "CLOSED"]).optional(),
    bucket: bucketSchema.shape.id.optional(),
    format: z.enum(["json", "csv"]).default("json"),
    unmasked: z.enum(["true", "false"]).default("false"),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .refine((q) => q.unmasked === "false" || q.reason !== undefined, {
    path: ["reason"],
    message: "required with unmasked=true: why the personal data is read",
  });

const controlDeps = (ports: Ports) => ({
  campaigns: ports.campaigns,
  executions: ports.executions(),
  clock: ports.clock,
});

async function startOrDryRun(request: ApiRequest, ports: Ports) {
  const branch = branchOf(request, ports);
  const body = parseInput(startBody, request.body ?? {});
  if (body.dryRun) {
    const { plan, refused } = await dryRunCampaign(
      { participants: ports.participants, clock: ports.clock },
      {
        branch,
        period: body.period,
        callsPerAgentDay: ports.config.callsPerAgentDay,
        ...strategyOf(ports.config.channels),
      },
    );
    return json(200, { dryRun: true, plan, refused });
  }
  try {
    const result = await startBranchCampaign(controlDeps(ports), {
      branch,
      period: body.period,
      ...strategyOf(ports.config.channels),
    });
    const { name, status, startDate } = result.execution;
    return json(202, { outcome: result.outcome, execution: { name, status, startDate } });
  } catch (error) {
    if (error instanceof CampaignStartRefusedError) {
      throw new ApiError("Conflict", error.message, { reason: error.reason });
    }
    throw error;
  }
}

async function progress(request: ApiRequest, ports: Ports) {
  const branch = branchOf(request, ports);
  const period = periodOf(request);
  const found = await campaignProgress({ ...controlDeps(ports), cases: ports.cases }, { branch, period });
  if (!found) throw new ApiError("NotFound", `campaign ${branch.code} ${period} has not been started`);
  return json(200, found);
}

async function stop(request: ApiRequest, ports: Ports) {
  const branch = branchOf(request, ports);
  const period = periodOf(request);
  const { reason } = parseInput(stopBody, request.body ?? {});
  try {
    const by = request.supervisor.username;
    const deps = { ...controlDeps(ports), stops: ports.stops() };
    return json(200, await stopBranchCampaign(deps, { branch, period, by, reason }));
  } catch (error) {
    if (error instanceof CampaignNotRunningError) {
      throw new ApiError("Conflict", error.message, { reason: "NOT_RUNNING" });
    }
    throw error;
  }
}

/** The campaign item, or 404 before its mapping began. */
async function mappedCampaign(request: ApiRequest, ports: Ports) {
  const branch = branchOf(request, ports);
  const period = periodOf(request);
  const campaign = await ports.campaigns.get(campaignIdOf(branch.code, period));
  if (!campaign) {
    throw new ApiError(
      "NotFound",
      `campaign ${branch.code} ${period} has no data yet: its mapping has not started`,
    );
  }
  return { branch, period, campaign };
}

async function report(request: ApiRequest, ports: Ports) {
  const { format } = parseInput(reportQuery, request.query);
  const { campaign } = await mappedCampaign(request, ports);
  // A closed campaign keeps its report; a running one is reported as it stands now.
  const figures = campaign.report ?? (await reportOf(ports, campaign));
  if (format === "json") return json(200, figures);
  const type = format === "html" ? "text/html; charset=utf-8" : "text/csv; charset=utf-8";
  return text(200, renderReport(figures, format), type);
}

async function cases(request: ApiRequest, ports: Ports) {
  const query = parseInput(casesQuery, request.query);
  const unmasked = query.unmasked === "true";
  if (unmasked && !request.supervisor.readsPersonalData) {
    throw new ApiError(
      "Forbidden",
      `${request.supervisor.username} may not read personal data unmasked: that needs the ${PERSONAL_DATA_GROUP} role`,
    );
  }
  const { branch, period, campaign } = await mappedCampaign(request, ports);
  // Each campaign has its strategy's categories: a deployment may configure its own.
  const bucketIds = (campaign.strategy ?? DEFAULT_STRATEGY).buckets.map((b) => b.id);
  if (query.bucket && !bucketIds.includes(query.bucket)) {
    throw new ApiError(
      "BadRequest",
      `bucket: '${query.bucket}' is not a category of campaign ${branch.code} ${period} (${bucketIds.join(", ")})`,
      { fields: [{ field: "bucket", message: `not one of ${bucketIds.join(", ")}` }] },
    );
  }
  const rows = (await allCases(ports.cases, campaign.campaignId))
    .filter(
      (c) =>
        (query.status ? c.status === query.status : true) &&
        (query.bucket ? c.bucketId === query.bucket : true),
    )
    .sort((a, b) => b.priority - a.priority || a.participantId.localeCompare(b.participantId))
    .map((c) => caseRow(c, unmasked ? "unmasked" : "masked"));
  if (unmasked) {
    const filter = [query.status && `status=${query.status}`, query.bucket && `bucket=${query.bucket}`];
    await ports.supervision.recordAccess({
      at: ports.clock.now().toISOString(),
      username: request.supervisor.username,
      branchCode: branch.code,
      what: ["cases", period, ...filter.filter(Boolean)].join(" "),
      reason: query.reason ?? "",
      participants: rows.length,
      sourceIp: request.sourceIp,
      requestId: request.requestId,
    });
  }
  if (query.format === "csv") return text(200, renderCasesCsv(rows), "text/csv; charset=utf-8");
  return json(200, { cases: rows, count: rows.length });
}

/** The participants' WhatsApp replies: buttons and free text (redacted), newest first. */
async function replies(request: ApiRequest, ports: Ports) {
  const { branch, period } = await mappedCampaign(request, ports);
  const found = await campaignReplies(ports, { branchCode: branch.code, period });
  return json(200, { replies: found, count: found.length });
}

/** The kader worklists and the lines of areas without a kader: personal data, the branch's supervisor only. */
async function kaderWorklists(request: ApiRequest, ports: Ports) {
  const { branch, period } = await mappedCampaign(request, ports);
  return json(200, await campaignKaderWorklists(ports, { branchCode: branch.code, period }));
}

async function list(request: ApiRequest, ports: Ports) {
  const branch = branchOf(request, ports);
  const campaigns = await ports.campaigns.listByBranch(branch.code);
  return json(200, {
    campaigns: campaigns.map((c) => ({
      period: c.period,
      phase: c.status,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      ...(c.closedAt ? { closedAt: c.closedAt } : {}),
    })),
  });
}

export const CAMPAIGN_ROUTES: readonly Route[] = [
  { method: "GET", pattern: CAMPAIGNS, handle: list },
  {
    method: "POST",
    pattern: CAMPAIGNS,
    action: (request) =>
      (request.body as { dryRun?: unknown } | undefined)?.dryRun === true
        ? "campaign.dryRun"
        : "campaign.start",
    handle: startOrDryRun,
  },
  { method: "GET", pattern: CAMPAIGN, handle: progress },
  { method: "POST", pattern: campaignPart("stop"), action: "campaign.stop", handle: stop },
  { method: "GET", pattern: campaignPart("report"), action: "campaign.report", handle: report },
  { method: "GET", pattern: campaignPart("cases"), action: "campaign.cases", handle: cases },
  { method: "GET", pattern: campaignPart("replies"), action: "campaign.replies", handle: replies },
  {
    method: "GET",
    pattern: campaignPart("kader-worklists"),
    action: "kader.worklists",
    handle: kaderWorklists,
  },
];
