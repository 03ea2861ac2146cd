import { z } from "zod";
import { isMoneyField, KADER_RESULT_COLUMNS, MONEY_REFUSAL } from "../../../domain/kader-results";
import type { FieldIssue } from "../../../domain/validation";
import { receiveKaderResults } from "../../../services/supervisor/kader-results";
import type { Ports } from "../composition-root";
import { branchOf } from "./branches";
import { ApiError, type ApiRequest, json, parseInput, type Route } from "./http";

/** Results a request may carry: a form sends a day's visits; more goes in several requests (API Gateway's 29 s). */
export const KADER_RESULTS_MAX = 200;

const cellText = z.string().max(500);
const resultItem = z.strictObject(
  Object.fromEntries(KADER_RESULT_COLUMNS.map((c) => [c, cellText.optional()])) as Record<
    (typeof KADER_RESULT_COLUMNS)[number],
    z.ZodOptional<typeof cellText>
  >,
);
const resultsBody = z.strictObject({
  results: z.array(resultItem).min(1, "at least one result").max(KADER_RESULTS_MAX),
});

const fieldOf = (index: number, field: string) => `results[${index}]${field ? `.${field}` : ""}`;

/** Every field that would record money, anywhere in the body: the request is refused whole. */
function moneyFields(body: unknown): string[] {
  if (typeof body !== "object" || body === null) return [];
  const top = Object.keys(body).filter(isMoneyField);
  const results = (body as { results?: unknown }).results;
  const inResults = Array.isArray(results)
    ? results.flatMap((item, i) =>
        typeof item === "object" && item !== null
          ? Object.keys(item)
              .filter(isMoneyField)
              .map((k) => fieldOf(i, k))
          : [],
      )
    : [];
  return [...top, ...inResults];
}

/**
 * `POST /api/branches/{code}/kader-results`: a form's visit results, the columns of a results file
 * as JSON fields (docs/kader.md). Nothing is applied unless every result is valid.
 */
async function kaderResults(request: ApiRequest, ports: Ports) {
  const branch = branchOf(request, ports);
  const money = moneyFields(request.body);
  if (money.length > 0) {
    throw new ApiError("BadRequest", `refused whole: ${money.join(", ")}: ${MONEY_REFUSAL}`, {
      reason: "MONEY_FIELD",
      fields: money.map((field): FieldIssue => ({ field, message: MONEY_REFUSAL })),
    });
  }
  const { results } = parseInput(resultsBody, request.body ?? {});
  const received = await receiveKaderResults(
    {
      results: ports.kaderResults,
      caseWrites: ports.kaderResults,
      cases: ports.cases,
      campaigns: ports.campaigns,
      participants: ports.participants,
      interactions: ports.dialQueue,
      profiles: ports.profiles,
      audit: ports.participantAudit,
      branches: ports.branches,
      kaderRoster: ports.kaderRoster,
      closedReports: { trail: ports.interactions, reports: ports.campaigns },
    },
    {
      branchCode: branch.code,
      results,
      username: `api:${request.supervisor.username}`,
      now: ports.clock.now(),
    },
  );
  if (!received.ok) {
    const fields = received.problems.map((p) => ({
      field: fieldOf(p.index, p.field),
      message: p.detail,
      reason: p.reason,
    }));
    const message = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
    throw new ApiError("BadRequest", `nothing applied: ${message}`, { fields });
  }
  return json(200, { received: results.length, ...received.summary });
}

export const KADER_ROUTES: readonly Route[] = [
  {
    method: "POST",
    pattern: /^\/api\/branches\/(?<branch>[^/]+)\/kader-results$/,
    action: "kader.results",
    handle: kaderResults,
  },
];
