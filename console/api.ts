import type { CampaignPlan } from "../functions/domain/campaign-plan";
import type { CampaignReport } from "../functions/domain/campaign-report";
import type { CaseRow } from "../functions/reports/cases";

/** The supervisor API as docs/console.md describes it: its shapes and one client for every call. */

export type { CampaignReport, CaseRow };

export type ConsoleConfig =
  | { auth: "local"; apiUrl?: string }
  | { auth: "cognito"; region: string; clientId: string; apiUrl?: string };

export interface Branch {
  code: string;
  name: string;
  timeZone: string;
  zone: string;
}

export interface Me {
  username: string;
  branches: Branch[];
  /** The server's time: the simulated clock on the local runtime. */
  now: string;
}

export interface Refusal {
  reason: string;
  message: string;
}

export type { CampaignPlan };

export interface DryRun {
  dryRun: true;
  plan: CampaignPlan;
  refused: Refusal | null;
}

export interface StartAnswer {
  outcome: string;
  execution: { name: string; status: string; startDate: string };
}

export interface CampaignStatus {
  campaignId: string;
  branchCode: string;
  period: string;
  phase: string;
  execution: { name: string; status: string; startDate?: string } | null;
  cases: number;
  byStatus: Record<string, number>;
  progress: {
    settled: number;
    reminded: number;
    smsSent: number;
    called: number;
    paid: number;
    amountCollected: number;
  };
  callingDay: { n: number; of: number; today: string | null; next: string | null } | null;
  stopped: { by: string; at: string; reason: string } | null;
  failure: { error: string; cause: string } | null;
  now: string;
}

export interface AuditRecord {
  at: string;
  username: string;
  action: string;
  target: string;
  outcome: string;
  sourceIp: string;
}

export interface Rejection {
  line: number;
  participantId: string;
  field: string;
  reason: string;
  message: string;
}

export interface ImportSummary {
  read: number;
  imported: number;
  rejected: number;
  notContactable: number;
  byBranch: Record<string, { imported: number; notContactable: number }>;
}

export interface Upload {
  uploadId: string;
  status: "PENDING" | "DONE" | "FAILED";
  username: string;
  branches: string[];
  summary?: ImportSummary;
  rejections?: Rejection[];
  error?: string;
}

export interface ErrorBody {
  error: string;
  message: string;
  reason?: string;
  fields?: { field: string; message: string }[];
}

/** An answer other than 2xx, with the API's body (`{error, message, ...}`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
    this.name = "ApiError";
  }
}

export interface ApiOptions {
  /** Where the API is: "" for this origin. */
  base: string;
  token: () => string | null;
  /** Called on a 401: the token is gone or expired; the console shows the login form. */
  onUnauthorized: () => void;
}

export const campaignPath = (code: string, period: string) =>
  `/api/branches/${encodeURIComponent(code)}/campaigns/${encodeURIComponent(period)}`;

export function createApi(options: ApiOptions) {
  async function send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    const token = options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${options.base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.ok) return response;
    const text = await response.text();
    let parsed: ErrorBody;
    try {
      parsed = JSON.parse(text) as ErrorBody;
    } catch {
      parsed = { error: `HTTP ${response.status}`, message: text };
    }
    if (response.status === 401) options.onUnauthorized();
    throw new ApiError(response.status, { ...parsed, message: parsed.message ?? parsed.error });
  }
  return {
    get: async <T>(path: string) => (await (await send("GET", path)).json()) as T,
    post: async <T>(path: string, body: unknown) => (await (await send("POST", path, body)).json()) as T,
    /** A file the API answers (HTML report, CSV), to open or save as a blob. */
    blob: async (path: string) => (await send("GET", path)).blob(),
  };
}

export type Api = ReturnType<typeof createApi>;

/** The console's settings: `/api/config` where the API serves them, `/config.json` beside the app in AWS. */
export async function loadConfig(): Promise<ConsoleConfig> {
  for (const url of ["/api/config", "/config.json"]) {
    const response = await fetch(url).catch(() => undefined);
    if (response?.ok) return (await response.json()) as ConsoleConfig;
  }
  throw new Error("Konfigurasi konsol tidak dapat dimuat.");
}
