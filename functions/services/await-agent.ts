import type { TaskCallbacks } from "../channels/callbacks";
import { campaignIdOf } from "../domain/case";
import type { DynamoCaseCallStore } from "../store/case-calls";

/**
 * Parks the dialing day's task token on the campaign's roster until an agent is freed. If one
 * was freed since the tick looked (the roster's version moved), resumes the task at once.
 */
export async function awaitAgent(
  deps: { calls: Pick<DynamoCaseCallStore, "armWake">; callbacks: TaskCallbacks },
  input: { branchCode: string; period: string; token: string; rosterVersion: number },
): Promise<{ armed: boolean }> {
  const campaignId = campaignIdOf(input.branchCode, input.period);
  const armed = await deps.calls.armWake(campaignId, input.token, input.rosterVersion);
  if (!armed) await deps.callbacks.succeed(input.token, { woke: "ROSTER_CHANGED" });
  return { armed };
}
