/**
 * Small CSV helpers for the importer: a streaming record reader that knows each record's physical
 * starting line, RFC 4180 output, and a report-file writer that only appears under its final name
 * once complete.
 */
import { type FileHandle, mkdir, open, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream";
import { parse } from "csv-parse";

export interface CsvRecord {
  fields: string[];
  /** Physical line (1-based) where the record starts; a quoted multi-line field spans further lines. */
  line: number;
}

export interface ReadCsvOptions {
  /** Guards memory against an unclosed quote swallowing the rest of a huge file. Characters. */
  maxRecordSize?: number;
}

const LINE_BREAK = /\r\n|\n|\r/g;

/** Line breaks inside a record's (quoted) fields: how many extra physical lines it spans. */
export function embeddedLineBreaks(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) {
    // Fast path: almost no field holds a line break.
    if (field.includes("\n") || field.includes("\r")) count += field.match(LINE_BREAK)?.length ?? 0;
  }
  return count;
}

interface ParsedRecord {
  record: string[];
  info: { empty_lines: number };
}

/**
 * Streams the records of a CSV (UTF-8, optional BOM, comma, RFC 4180 quotes, CRLF or LF, also mixed)
 * with their starting line. Blank lines are skipped but still counted. Errors of the source and the
 * parser surface from the iteration; a throw in the consumer's loop closes the source.
 *
 * The parser's own `info.lines` counts a CRLF inside quotes twice, so lines are counted here:
 * a record starts after every line of the records before it plus the blank lines skipped so far.
 */
export async function* readCsvRecords(
  source: Readable,
  options: ReadCsvOptions = {},
): AsyncGenerator<CsvRecord> {
  const parser = parse({
    bom: true,
    info: true,
    // Quotes inside an unquoted field (Budi "Obet" Santoso) are data, not a fatal error.
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    record_delimiter: ["\r\n", "\n"],
    max_record_size: options.maxRecordSize ?? 65_536,
  });
  // The callback only observes: the same error destroys the parser, so the loop below throws it.
  pipeline(source, parser, () => {});
  let linesBefore = 0;
  for await (const parsed of parser as AsyncIterable<ParsedRecord>) {
    const fields = parsed.record;
    const line = linesBefore + parsed.info.empty_lines + 1;
    linesBefore += 1 + embeddedLineBreaks(fields);
    yield { fields, line };
  }
}

/** RFC 4180: quote a field holding a comma, quote or line break; double inner quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV record without a line end. */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(",");
}

const FLUSH_AT = 64 * 1024;

/**
 * Writes a CSV report to `<path>.partial` and renames it to `path` on commit, so a failed import
 * never leaves a report that looks complete. Parent directories are created. LF line ends.
 */
export class CsvFileWriter {
  private pending: string[] = [];
  private pendingChars = 0;
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    private readonly partialPath: string,
  ) {}

  static async open(path: string, header: readonly string[]): Promise<CsvFileWriter> {
    await mkdir(dirname(path), { recursive: true });
    const partialPath = `${path}.partial`;
    const writer = new CsvFileWriter(await open(partialPath, "w"), path, partialPath);
    await writer.write(header);
    return writer;
  }

  async write(fields: readonly string[]): Promise<void> {
    const line = `${csvRecord(fields)}\n`;
    this.pending.push(line);
    this.pendingChars += line.length;
    if (this.pendingChars >= FLUSH_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const data = this.pending.join("");
    this.pending = [];
    this.pendingChars = 0;
    await this.handle.write(data, null, "utf8");
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }

  async commit(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.close();
    }
    await rename(this.partialPath, this.path);
  }

  /** Closes and removes the partial file (also after a failed commit). */
  async abort(): Promise<void> {
    try {
      await this.close();
    } finally {
      await rm(this.partialPath, { force: true });
    }
  }
}
