import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { DEFAULT_RETENTION_DAYS } from "../contracts";
import type { CampaignReport, KaderFigures } from "../domain/campaign-report";
import { expiresAt } from "../domain/retention";
import type { CampaignStrategy } from "../domain/strategy";
import { FatalError, RetryableError } from "../errors";
import { conditionalUpdate, isConditionFailure } from "./conditional";
import { collectPages, decodeCursor, encodeCursor } from "./cursor";
import { CAMPAIGNS_BY_BRANCH } from "./schemas";
import { UpdateExpression } from "./update-expression";

/** MAPPING -> MAPPED -> SMS -> DIALING -> CLOSED; FAILED or STOPPED at any point. */
export type CampaignStatus = "MAPPING" | "MAPPED" | "SMS" | "DIALING" | "CLOSED" | "FAILED" | "STOPPED";

export interface Campaign {
  campaignId: string;
  branchCode: string;
  period: string;
  status: CampaignStatus;
  strategy: CampaignStrategy;
  createdAt: string;
  updatedAt: string;
  /** Incremented by each mapping invocation that takes the lease; 1 means the very first. */
  mappingEpoch: number;
  mappedCases: number;
  mappingLease?: { token: string; until: string };
  /**
   * When the reminder wave's own pass ended (its SMS fallback pass comes later): the first
   * calling day's grace days count from it, whenever the fallback pass lets the campaign go on.
   */
  remindedAt?: string;
  currentDay?: string;
  nextCallingDay?: string;
  failure?: { error: string; cause: string; at: string };
  report?: CampaignReport;
  closedAt?: string;
  /** Who stopped the campaign and why (`telecollect campaign stop`). */
  stopped?: { by: string; reason: string; at: string };
}

/** The campaign was stopped (`telecollect campaign stop`): a late invocation of its run changes nothing. */
export class CampaignStoppedError extends Error {
  override name = FatalError.CampaignStopped;
}

/** Another invocation maps this campaign right now; Step Functions retries later. */
export class MappingInProgressError extends Error {
  override name = RetryableError.MappingInProgress;
}

export interface MappingLease {
  token: string;
  /** True when no mapping of this campaign ever started before: no case of it can exist yet. */
  firstEver: boolean;
  campaign: Campaign;
}

export interface CampaignStore {
  get(campaignId: string): Promise<Campaign | undefined>;
  /**
   * Creates the campaign on first use and takes its mapping lease, so that one invocation at a
   * time writes its cases. `until` is the invocation's hard deadline: after it, the holder is gone.
   */
  acquireMappingLease(input: {
    campaignId: string;
    branchCode: string;
    period: string;
    strategy: CampaignStrategy;
    token: string;
    until: Date;
    now: Date;
  }): Promise<MappingLease>;
  /** Moves the campaign to a later phase, with the fields that phase shows (next calling day...). */
  setPhase(campaignId: string, status: CampaignStatus, now: Date, fields?: Partial<Campaign>): Promise<void>;
  releaseMappingLease(input: {
    campaignId: string;
    token: string;
    created: number;
    done: boolean;
    now: Date;
  }): Promise<void>;
}

/** A closed campaign's stored report, kept current where visits after the close add to it. */
export interface CampaignReportRefresh {
  /** Replaces the per-kader table of the stored report; false when the campaign has no stored report. */
  setKaderFigures(campaignId: string, figures: readonly KaderFigures[]): Promise<boolean>;
}

/** What a supervisor does to campaigns beyond their runs: list, stop, resume. */
export interface CampaignSupervisionStore {
  get(campaignId: string): Promise<Campaign | undefined>;
  /** The branch's campaigns, newest period first. */
  listByBranch(branchCode: string): Promise<Campaign[]>;
  markStopped(input: {
    campaignId: string;
    branchCode: string;
    period: string;
    by: string;
    reason: string;
    now: Date;
  }): Promise<void>;
  clearStopped(campaignId: string): Promise<void>;
}

export class DynamoCampaignStore implements CampaignStore, CampaignSupervisionStore, CampaignReportRefresh {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly retentionDays = DEFAULT_RETENTION_DAYS.campaigns,
  ) {}

  async get(campaignId: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { campaignId } }));
    return out.Item as Campaign | undefined;
  }

  async acquireMappingLease(
    input: Parameters<CampaignStore["acquireMappingLease"]>[0],
  ): Promise<MappingLease> {
    const now = input.now.toISOString();
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { campaignId: input.campaignId },
          UpdateExpression:
            "SET branchCode = :branch, period = :period, strategy = if_not_exists(strategy, :strategy), " +
            "#status = if_not_exists(#status, :mapping), createdAt = if_not_exists(createdAt, :now), " +
            "updatedAt = :now, mappingLease = :lease, mappedCases = if_not_exists(mappedCases, :zero), " +
            // Each mapping moves it on, so the campaign outlives the cases it maps.
            "expiresAt = :expires " +
            "ADD mappingEpoch :one",
          ConditionExpression: "attribute_not_exists(mappingLease) OR mappingLease.#until < :now",
          ExpressionAttributeNames: { "#status": "status", "#until": "until" },
          ExpressionAttributeValues: {
            ":branch": input.branchCode,
            ":period": input.period,
            ":strategy": input.strategy,
            ":mapping": "MAPPING",
            ":now": now,
            ":lease": { token: input.token, until: input.until.toISOString() },
            ":zero": 0,
            ":one": 1,
            ":expires": expiresAt(input.now, this.retentionDays),
          },
          ReturnValues: "ALL_NEW",
        }),
      );
      const campaign = out.Attributes as Campaign;
      return { token: input.token, firstEver: campaign.mappingEpoch === 1, campaign };
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new MappingInProgressError(
          `campaign ${input.campaignId} is being mapped by another invocation`,
        );
      }
      throw error;
    }
  }

  async setPhase(campaignId: string, status: CampaignStatus, now: Date, fields: Partial<Campaign> = {}) {
    const x = new UpdateExpression()
      .name("#status", "status")
      .assign("#status", ":status", status)
      .assign("updatedAt", ":now", now.toISOString());
    for (const [key, value] of Object.entries(fields))
      x.name(`#${key}`, key).assign(`#${key}`, `:${key}`, value);
    // A stopped campaign keeps STOPPED: handlers still running when it stopped must not move it on.
    x.require("attribute_exists(campaignId) AND attribute_not_exists(stopped)");
    try {
      await this.doc.send(new UpdateCommand(x.update(this.table, { campaignId })));
    } catch (error) {
      await this.throwIfStopped(campaignId, error);
      throw error;
    }
  }

  setKaderFigures(campaignId: string, figures: readonly KaderFigures[]) {
    const x = new UpdateExpression()
      .name("#report", "report")
      .name("#byKader", "byKader")
      .assign("#report.#byKader", ":figures", figures);
    x.require("attribute_exists(#report)");
    return conditionalUpdate(this.doc, x.update(this.table, { campaignId }));
  }

  private async throwIfStopped(campaignId: string, error: unknown): Promise<void> {
    if (!isConditionFailure(error)) return;
    const stopped = (await this.get(campaignId))?.stopped;
    if (stopped) {
      throw new CampaignStoppedError(
        `campaign ${campaignId} was stopped by ${stopped.by}: ${stopped.reason}`,
      );
    }
  }

  listByBranch(branchCode: string): Promise<Campaign[]> {
    return collectPages(async (cursor) => {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: CAMPAIGNS_BY_BRANCH,
          KeyConditionExpression: "branchCode = :branch",
          ExpressionAttributeValues: { ":branch": branchCode },
          ScanIndexForward: false,
          ExclusiveStartKey: decodeCursor(cursor),
        }),
      );
      const next = encodeCursor(out.LastEvaluatedKey);
      return { items: (out.Items ?? []) as Campaign[], ...(next ? { cursor: next } : {}) };
    });
  }

  /** Before a stopped campaign resumes: its new run may move the phase again. */
  async clearStopped(campaignId: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({ TableName: this.table, Key: { campaignId }, UpdateExpression: "REMOVE stopped" }),
    );
  }

  /** STOPPED with who and why; creates the item when the execution stopped before mapping did. */
  async markStopped(input: Parameters<CampaignSupervisionStore["markStopped"]>[0]) {
    const now = input.now.toISOString();
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { campaignId: input.campaignId },
        UpdateExpression:
          "SET #status = :stopped, stopped = :stop, updatedAt = :now, branchCode = :branch, period = :period, " +
          "createdAt = if_not_exists(createdAt, :now), expiresAt = if_not_exists(expiresAt, :expires)",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":stopped": "STOPPED",
          ":stop": { by: input.by, reason: input.reason, at: now },
          ":now": now,
          ":branch": input.branchCode,
          ":period": input.period,
          ":expires": expiresAt(input.now, this.retentionDays),
        },
      }),
    );
  }

  async releaseMappingLease(input: Parameters<CampaignStore["releaseMappingLease"]>[0]) {
    const release = (keepStatus: boolean) => {
      const x = new UpdateExpression()
        .assign("updatedAt", ":now", input.now.toISOString())
        .increment("mappedCases", ":created", input.created)
        .name("#token", "token")
        .require("mappingLease.#token = :token", { ":token": input.token });
      x.remove.push("mappingLease");
      if (!keepStatus) x.require("attribute_not_exists(stopped)");
      if (input.done && !keepStatus) x.name("#status", "status").assign("#status", ":mapped", "MAPPED");
      return this.doc.send(new UpdateCommand(x.update(this.table, { campaignId: input.campaignId })));
    };
    try {
      await release(false);
    } catch (error) {
      if (!isConditionFailure(error) || !(await this.get(input.campaignId))?.stopped) throw error;
      // Stopped while mapping: the lease and the count go, the phase stays STOPPED.
      await release(true);
    }
  }
}
