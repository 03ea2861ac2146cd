/**
 * Publishes per case and wave, over every run of the wave, after which a retryable failure is
 * final too. One run tries up to 4 times (the first send and 3 retries), so this allows two runs.
 */
export const SMS_MAX_ATTEMPTS = 8;

/** The key on the case of a wave's SMS fallback pass: "1F" for wave 1. */
export const fallbackKey = (wave: number) => `${wave}F`;
export const isFallbackKey = (key: string | number) => String(key).endsWith("F");

/** Why a claim was abandoned: the SMS may or may not have gone out, so it is never sent again. */
export const OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";
