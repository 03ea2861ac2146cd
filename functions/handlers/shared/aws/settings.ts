import { type Channel, ConfigError } from "../../../config";

/** A channel's settings, which loadRuntimeConfig holds for every channel the function names. */
export function settings<T>(value: T | undefined, channel: Channel): T {
  if (value === undefined)
    throw new ConfigError(`invalid environment: no settings for the ${channel} channel`);
  return value;
}
