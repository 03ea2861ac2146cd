/**
 * Writes a seeded sample arrears snapshot as CSV.
 *
 *   tsx scripts/generate-sample.ts [--seed N] [--count N] [--out FILE] [--period YYYY-MM]
 *                                  [--branches A,B,...] [--with-bad-rows]
 *
 * Rows are generated and written in chunks (backpressure respected), so large counts do not build
 * one giant string. The file is written next to its destination and renamed when complete.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  type ArrearsRow,
  CSV_HEADER,
  DEFAULT_BRANCH_CODES,
  DEFAULT_REFERENCE_PERIOD,
  DEFAULT_SEED,
  generateBadRows,
  iterateArrearsRows,
  toCsvLine,
} from "../local/sample/population";

const DEFAULT_COUNT = 2000;
const DEFAULT_OUT = "data/sample-arrears.csv";
const CHUNK_ROWS = 5000;

const USAGE = `Usage: tsx scripts/generate-sample.ts [--seed N] [--count N] [--out FILE] [--period YYYY-MM]
                                       [--branches A,B,...] [--with-bad-rows]
  --seed           PRNG seed (default ${DEFAULT_SEED})
  --count          valid rows to write (default ${DEFAULT_COUNT})
  --out            output file (default ${DEFAULT_OUT})
  --period         reference period, last month counted in arrears (default ${DEFAULT_REFERENCE_PERIOD})
  --branches       comma-separated branch codes (default ${DEFAULT_BRANCH_CODES.join(",")})
  --with-bad-rows  append a dozen deliberately invalid rows (for import tests)`;

function parseInteger(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min)
    throw new UsageError(`--${name} must be >= ${min}, got ${raw}`);
  return value;
}

class UsageError extends Error {}

interface SampleOptions {
  seed: number;
  count: number;
  referencePeriod: string;
  branchCodes: readonly string[];
  /** As given, for the summary line. */
  outName: string;
  withBadRows: boolean;
}

/** The options, or undefined when --help was asked for. */
function parseOptions(argv: string[]): SampleOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: "string" },
      count: { type: "string" },
      out: { type: "string" },
      period: { type: "string" },
      branches: { type: "string" },
      "with-bad-rows": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return undefined;
  const seed = parseInteger("seed", values.seed, DEFAULT_SEED, Number.MIN_SAFE_INTEGER);
  const count = parseInteger("count", values.count, DEFAULT_COUNT, 0);
  const referencePeriod = values.period ?? DEFAULT_REFERENCE_PERIOD;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(referencePeriod)) {
    throw new UsageError(`--period must be YYYY-MM, got "${referencePeriod}"`);
  }
  const branchCodes =
    values.branches === undefined
      ? DEFAULT_BRANCH_CODES
      : values.branches
          .split(",")
          .map((code) => code.trim())
          .filter((code) => code !== "");
  if (branchCodes.length === 0) throw new UsageError("--branches must list at least one code");
  const outName = values.out ?? DEFAULT_OUT;
  return { seed, count, referencePeriod, branchCodes, outName, withBadRows: values["with-bad-rows"] };
}

/** Writes the header and the rows of every source in chunks, to a temporary file renamed at the end. */
async function writeSnapshot(out: string, sources: Iterable<ArrearsRow>[]): Promise<void> {
  await mkdir(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const stream = createWriteStream(tmp, { encoding: "utf8" });
  const write = async (text: string): Promise<void> => {
    if (!stream.write(text)) await once(stream, "drain");
  };
  try {
    await write(`${CSV_HEADER}\n`);
    let chunk: string[] = [];
    for (const source of sources) {
      for (const row of source) {
        chunk.push(toCsvLine(row));
        if (chunk.length >= CHUNK_ROWS) {
          await write(`${chunk.join("\n")}\n`);
          chunk = [];
        }
      }
    }
    if (chunk.length > 0) await write(`${chunk.join("\n")}\n`);
    stream.end();
    await once(stream, "finish");
    await rename(tmp, out);
  } catch (error) {
    stream.destroy();
    await rm(tmp, { force: true });
    throw error;
  }
}

async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  if (!options) {
    console.log(USAGE);
    return;
  }
  const { seed, count, branchCodes, referencePeriod } = options;
  const out = resolve(options.outName);
  const started = performance.now();
  const badRows: ArrearsRow[] = options.withBadRows ? generateBadRows(seed, { branchCodes }) : [];
  await writeSnapshot(out, [iterateArrearsRows({ seed, count, branchCodes, referencePeriod }), badRows]);
  const { size } = await stat(out);
  const ms = Math.round(performance.now() - started);
  const bad = badRows.length > 0 ? ` + ${badRows.length} invalid rows` : "";
  console.log(
    `Wrote ${count} rows${bad} to ${options.outName} (${(size / 1024).toFixed(1)} KiB, ${ms} ms): ` +
      `seed ${seed}, period ${referencePeriod}, branches ${branchCodes.join(",")}`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error instanceof TypeError && "code" in error)) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  console.error(error);
  process.exitCode = 1;
});
