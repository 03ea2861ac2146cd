import { readFileSync } from "node:fs";
import { type CampaignStrategy, parseStrategyOverrides } from "../functions/domain/strategy";

/** A strategy file that cannot be used; the message names the file and what is wrong, where. */
export class StrategyFileError extends Error {
  override name = "StrategyFileError";
}

/** `at position 11` of a JSON.parse error as `line 3, column 1`. */
function located(message: string, text: string): string {
  const position = /at position (\d+)/.exec(message);
  if (!position) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `${message.replace(/ in JSON at position \d+.*$/, "")} at line ${line}, column ${column}`;
}

/**
 * A campaign strategy written as JSON (`source` names it in errors): only what differs from the
 * defaults, checked strictly (a misspelt key is an error, not a default left silently in force).
 */
export function strategyFromJson(text: string, source: string): CampaignStrategy {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new StrategyFileError(`${source}: not JSON: ${located((error as Error).message, text)}`);
  }
  try {
    return parseStrategyOverrides(input);
  } catch (error) {
    throw new StrategyFileError(`${source}: ${(error as Error).message}`);
  }
}

/** The strategy in the file at `path` (strategyFromJson). */
export function readStrategyFile(path: string): CampaignStrategy {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new StrategyFileError(
      `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  return strategyFromJson(text, path);
}

/** A `--strategy FILE` option's strategy; a file that cannot be used becomes the program's own usage error. */
export function strategyOption(path: string, usageError: (message: string) => Error): CampaignStrategy {
  try {
    return readStrategyFile(path);
  } catch (error) {
    if (error instanceof StrategyFileError) throw usageError(`--strategy ${error.message}`);
    throw error;
  }
}
