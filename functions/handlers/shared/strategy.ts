import type { ChannelConfig } from "../../config";
import type { CampaignStrategy } from "../../domain/strategy";

/** The deployment's strategy (CAMPAIGN_STRATEGY) for a start, as an optional field of its input. */
export const strategyOf = (channels: ChannelConfig): { strategy?: CampaignStrategy } =>
  channels.campaignStrategy ? { strategy: channels.campaignStrategy } : {};
