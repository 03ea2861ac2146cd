import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { CallServiceDeps, Log } from "../../services/call-outcome";
import { type DialTickDeps, dialFreedAgents } from "../../services/dial-tick";
import type { Ports } from "./composition-root";
import { metrics } from "./powertools";

/** The call services' ports. */
export function callDependencies(ports: Ports, log: Log): CallServiceDeps {
  return {
    clock: ports.clock,
    branches: ports.branches,
    campaigns: ports.campaigns,
    dialQueue: ports.dialQueue,
    roster: ports.roster,
    concurrency: ports.concurrency,
    log,
  };
}

/** What starting calls needs: the call services, the Connect dialer and the account-wide quotas. */
export function dialingDependencies(ports: Ports, log: Log): DialTickDeps {
  return {
    ...callDependencies(ports, log),
    // On first use: a handler that frees an agent but starts no call builds no Connect client.
    get dialer() {
      return ports.dialer();
    },
    rateLimiter: ports.rateLimiter,
    interactions: ports.interactions,
    quotas: ports.config.quotas,
  };
}

/**
 * The call services for handlers that free agents (contact events, dispositions): each freed
 * agent gets the next call at once. The outcome is already stored when this runs, so a failure to
 * start the next call is logged and counted, not thrown: the dialing day's next tick starts it.
 */
export function freeingDependencies(ports: Ports, log: Log): CallServiceDeps {
  const dialing = dialingDependencies(ports, log);
  return {
    ...callDependencies(ports, log),
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
