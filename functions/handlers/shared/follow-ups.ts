import type { FollowUpSweepDeps } from "../../services/follow-ups";
import type { Ports } from "./composition-root";

/**
 * The follow-ups' ports: the case claims, the due-soon notices, the message and profile stores, and both channels (the
 * WhatsApp one absent when the deployment has no number). Built on first use of a channel.
 */
export function followUpDependencies(p: Ports): FollowUpSweepDeps {
  return {
    clock: p.clock,
    branches: p.branches,
    campaigns: p.campaigns,
    cases: p.cases,
    followUps: p.caseFollowUps,
    dueSoon: p.dueSoon,
    interactions: p.interactions,
    messages: p.messages,
    profiles: p.profiles,
    rateLimiter: p.rateLimiter,
    get sms() {
      return p.sms();
    },
    smsPerSecond: p.config.quotas.smsPerSecond,
    get whatsapp() {
      return p.whatsapp();
    },
    whatsappPerSecond: p.config.quotas.whatsappPerSecond,
  };
}
