/** Seconds in a day of retention (UTC days; DynamoDB TTL reads epoch seconds). */
const DAY_SECONDS = 86_400;

/**
 * The TTL of an item written at `at` and kept `days`: epoch seconds, the form DynamoDB TTL
 * deletes on (within days after it passes, not at once).
 */
export function expiresAt(at: Date | string, days: number): number {
  return Math.floor(new Date(at).getTime() / 1000) + days * DAY_SECONDS;
}
