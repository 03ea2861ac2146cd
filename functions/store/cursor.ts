import type { Case } from "../domain/case";
import { FatalError } from "../errors";

/** Opaque pagination cursor: a DynamoDB LastEvaluatedKey carried through the state machine as a string. */
export class InvalidCursorError extends Error {
  override name = FatalError.InvalidCursor;
}

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString("base64url") : undefined;
}

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof key !== "object" || key === null || Array.isArray(key)) throw new Error("not an object");
    return key as Record<string, unknown>;
  } catch (error) {
    throw new InvalidCursorError(`cursor is not one this service returned: ${(error as Error).message}`);
  }
}

/** Reads every page of a paged query (reports and summaries, never a hot path). */
export async function collectPages<T>(
  fetchPage: (cursor?: string) => Promise<{ items: T[]; cursor?: string }>,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

/** Every case of a campaign, read page by page (reports and summaries, not hot paths). */
export function allCases(
  store: { page(campaignId: string, cursor?: string): Promise<{ cases: Case[]; cursor?: string }> },
  campaignId: string,
): Promise<Case[]> {
  return collectPages(async (cursor) => {
    const page = await store.page(campaignId, cursor);
    return { items: page.cases, ...(page.cursor ? { cursor: page.cursor } : {}) };
  });
}
