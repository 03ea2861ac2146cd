/**
 * Seeded sample population: a branch's monthly arrears snapshot of PBPU ("mandiri") participants,
 * as the raw CSV rows a branch would hand over, with the mess real files have (mixed phone formats,
 * blanks, titles, names that need quoting). It runs only on this machine (npm start
 * --participants, scripts/generate-sample.ts, benchmarks, tests), never in Lambda.
 *
 * Every value is a string because these are raw file cells. The columns, the CSV quoting and the
 * premiums are the importer's and the domain's own, so the two can never disagree on the format.
 * The name, phone and place tables are data: data/sample-population/*.json.
 *
 * Conventions:
 * - `referencePeriod` (YYYY-MM) is the last period counted in the arrears, so
 *   `last_paid_period = referencePeriod - months_in_arrears` (0 months: paid up to the reference).
 * - `arrears_amount`, when given, is min(months, 24) x participant share x family members, sometimes
 *   a little less (an earlier partial payment). Otherwise it is blank, to be computed on import.
 */

export { expectedArrearsAmount, MAX_MONTHS_IN_ARREARS, PARTICIPANT_SHARE } from "./arrears";
export { type BadRowCase, generateBadRowCases, generateBadRows } from "./bad-rows";
export { CSV_COLUMNS, CSV_HEADER, toCsv, toCsvLine } from "./csv";
export { mulberry32, type Random } from "./random";
export {
  type ArrearsRow,
  DEFAULT_BRANCH_CODES,
  DEFAULT_REFERENCE_PERIOD,
  DEFAULT_SEED,
  type GenerateOptions,
  generateArrearsRows,
  iterateArrearsRows,
} from "./rows";
