import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { dialer } from "../../channels/dialer/index";
import type { CallServiceDeps, Log } from "../../services/call-outcome";
import { type DialTickDeps, dialFreedAgents } from "../../services/dial-tick";
import type { Dependencies } from "./dependencies";
import { metrics } from "./powertools";

/** The call services' ports. */
export function callDependencies(deps: Dependencies, log: Log): CallServiceDeps {
  return {
    clock: deps.clock,
    branches: deps.branches,
    campaigns: deps.campaigns,
    calls: deps.calls,
    concurrency: deps.concurrency,
    log,
  };
}

/** What starting calls needs: the call services, the Connect dialer and the account-wide quotas. */
export function dialingDependencies(deps: Dependencies, log: Log): DialTickDeps {
  return {
    ...callDependencies(deps, log),
    // On first use: a handler that frees an agent but starts no call needs no Connect settings.
    get dialer() {
      return dialer(deps);
    },
    rateLimiter: deps.rateLimiter,
    interactions: deps.interactions,
    quotas: deps.config.quotas,
  };
}

/**
 * The call services for handlers that free agents (contact events, dispositions): each freed
 * agent gets the next call at once. The outcome is already stored when this runs, so a failure to
 * start the next call is logged and counted, not thrown: the dialing day's next tick starts it.
 */
export function freeingDependencies(deps: Dependencies, log: Log): CallServiceDeps {
  const dialing = dialingDependencies(deps, log);
  return {
    ...callDependencies(deps, log),
    onAgentFreed: async (campaign, handOver) => {
      try {
        const started = await dialFreedAgents(dialing, campaign, handOver);
        if (started > 0) {
          const metric = metrics.singleMetric();
          metric.addDimension("branch", campaign.branchCode);
          metric.addMetric("CallsStarted", MetricUnit.Count, started);
        }
      } catch (error) {
        log.error("next call for a freed agent not started; the next dialer tick will", {
          campaignId: campaign.campaignId,
          error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
        });
        metrics.addMetric("FreedAgentDialFailures", MetricUnit.Count, 1);
      }
    },
  };
}
