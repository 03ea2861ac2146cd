import type { CampaignExecutions, CampaignStops, ExecutionSummary } from "../../functions/channels/workflows";

export class LocalRuntimeUnavailableError extends Error {
  override name = "LocalRuntimeUnavailableError";
}

/**
 * The local adapter of the campaign-executions port: the campaign state machine in the embedded
 * runtime, through its control API (local/control.ts), for the CLI's `--local`.
 */
export class LocalCampaignExecutions implements CampaignExecutions, CampaignStops {
  constructor(
    private readonly controlUrl: string,
    private readonly token: string,
  ) {}

  private async call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> {
    let res: Response;
    try {
      res = await fetch(`${this.controlUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new LocalRuntimeUnavailableError(
        `local runtime does not answer at ${this.controlUrl} (${(error as Error).message}): start it with \`telecollect local up\``,
      );
    }
    const json: unknown = await res.json();
    if (res.status >= 500 || res.status === 401 || res.status === 400) {
      throw new Error(`local control API ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    }
    return { status: res.status, json };
  }

  async start(name: string, input: Record<string, unknown>) {
    const { json } = await this.call("POST", "/executions", { name, input });
    return json as { started: boolean; execution: ExecutionSummary };
  }

  async describe(name: string) {
    const { status, json } = await this.call("GET", `/executions/${encodeURIComponent(name)}`);
    return status === 404 ? undefined : (json as ExecutionSummary);
  }

  async stop(name: string, error: string, cause: string) {
    const { status } = await this.call("POST", `/executions/${encodeURIComponent(name)}/stop`, {
      error,
      cause,
    });
    if (status === 404) throw new Error(`local execution ${name} does not exist`);
  }

  /** The runtime's simulated time. */
  async now(): Promise<Date> {
    const { json } = await this.call("GET", "/clock");
    return new Date((json as { now: string }).now);
  }

  async shutdown(): Promise<void> {
    await this.call("POST", "/shutdown");
  }
}
