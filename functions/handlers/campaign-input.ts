import { z } from "zod";

/** Every campaign step names its campaign the same way. */
export const campaignRef = {
  branchCode: z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/, "must be a branch code like GORONTALO"),
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM"),
};

/** Paged steps: the state machine passes null before the first page. */
export const pageCursor = z.string().min(1).nullish();
