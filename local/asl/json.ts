import { isPlainObject, type Json } from "./definition";

/** Step Functions' maximum state input/output/result size (256 KiB, UTF-8). */
export const DATA_LIMIT_BYTES = 262_144;

/** A value as JSON carries it (`undefined` becomes null). */
export function toJson(value: unknown): Json {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as Json);
}

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value ?? null) ?? "null", "utf8");
}

/** The cause Step Functions gives when a state's result exceeds {@link DATA_LIMIT_BYTES}. */
export function dataLimitCause(stateName: string, bytes: number): string {
  return `The state/task '${stateName}' returned a result with a size (${bytes} bytes) exceeding the maximum number of bytes service limit.`;
}

/** JSON text with sorted keys: equal for equal values whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** `value` with every string equal to `from` (at any depth) replaced by `to`. */
export function replaceString(value: Json, from: string, to: string): Json {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((v) => replaceString(v, from, to));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceString(v as Json, from, to)]));
  }
  return value;
}
