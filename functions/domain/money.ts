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
