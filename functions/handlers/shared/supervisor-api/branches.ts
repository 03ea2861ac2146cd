import type { Branch } from "../../../domain/branches";
import { isPeriod } from "../../../domain/period";
import { holdsBranch } from "../../../domain/supervisor";
import type { Ports } from "../composition-root";
import { ApiError, type ApiRequest } from "./http";

/** The path's branch, if the supervisor holds it: 404 for a branch nobody configured, 403 for another's. */
export function branchOf(request: ApiRequest, ports: Ports): Branch {
  const code = request.params.branch ?? "";
  const branch = ports.branches.get(code);
  if (!branch) throw new ApiError("NotFound", `branch '${code}' is not configured`);
  if (!holdsBranch(request.supervisor, code)) {
    throw new ApiError("Forbidden", `${request.supervisor.username} does not hold branch ${code}`);
  }
  return branch;
}

/** The path's period, `YYYY-MM`. */
export function periodOf(request: ApiRequest): string {
  const period = request.params.period ?? "";
  if (!isPeriod(period)) {
    throw new ApiError("BadRequest", `period: '${period}' is not a month (expected YYYY-MM)`, {
      fields: [{ field: "period", message: "expected YYYY-MM" }],
    });
  }
  return period;
}
