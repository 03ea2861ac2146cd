import type { Api, Branch } from "../api";

/** What each part of a branch's month is given by the workspace. */
export interface SectionProps {
  api: Api;
  branch: Branch;
  period: string;
  /** Bumped after a start or a stop: sections showing the campaign or the record reload. */
  version: number;
  changed: () => void;
  /** Category labels by id, as the dry run or the report named them. */
  bucketLabels: Record<string, string>;
  learnBuckets: (labels: Record<string, string>) => void;
}
