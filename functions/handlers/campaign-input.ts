import { z } from "zod";
import { isBranchCode } from "../domain/branches";
import { periodSchema } from "../domain/period";

/** Every campaign step names its campaign the same way. */
export const campaignRef = {
  branchCode: z.string().refine(isBranchCode, "must be a branch code like GORONTALO"),
  period: periodSchema(),
};

/** Paged steps: the state machine passes null before the first page. */
export const pageCursor = z.string().min(1).nullish();
