/** Throws unless `n` is a whole, non-negative, safe number of rupiah. */
export function assertRupiah(n: number, label = "amount"): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${label} must be a non-negative integer number of rupiah, got ${n}`);
  }
}

/** `Rp1.234.567`: Indonesian grouping, no decimals (rupiah has no minor unit in practice). */
export function formatRupiah(amount: number): string {
  assertRupiah(amount);
  // A regex instead of Intl keeps the output independent of the ICU data Node was built with.
  return `Rp${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ".")}`;
}

/** One payment's default ceiling (configurable): Rp100.000.000, far above any real arrears. */
export const DEFAULT_MAX_PAYMENT = 100_000_000;

/**
 * The most one case may be credited in all. DynamoDB adds numbers exactly (38 digits), but the
 * document client reads a number above Number.MAX_SAFE_INTEGER back as a BigInt, which then
 * breaks every sum and JSON.stringify. This bound keeps a case's amountPaid safe, and the total
 * of a campaign of up to 900,000 such cases too (9 x 10^15 is about Number.MAX_SAFE_INTEGER).
 * A payment that would take a case past it is parked for reconciliation, never added.
 */
export const MAX_PAID_PER_CASE = 10_000_000_000;

/** The largest amountPaid a case may already have for `amount` still to be added to it. */
export function maxPaidBeforeAdding(amount: number): number {
  assertRupiah(amount);
  return MAX_PAID_PER_CASE - amount;
}
