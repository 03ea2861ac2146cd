import type { Branch } from "../domain/branches";
import { campaignIdOf } from "../domain/case";
import { type DueSoonNotice, dueSoonFollowUp, noticeOf, recipientOf } from "../domain/due-soon";
import { type FollowUp, type FollowUpContext, type FollowUpTally, followUpSkip } from "../domain/follow-ups";
import type { ChannelProfile } from "../domain/messaging";
import type { CampaignStrategy } from "../domain/strategy";
import type { DueSoonStore } from "../store/due-soon";
import type { ProfileStore } from "../store/profiles";
import { deliverFollowUp, type FollowUpSendPorts, followUpChannel, whatsappInPlay } from "./follow-up-send";

/*
 * The due-soon reminder: mapping notes the participants a month behind (not cases), and the
 * daily follow-up sweep reminds each once before the due date, under the same gates, cap, channel
 * choice and sending as every follow-up (follow-up-send.ts), the claim on the notice.
 */

export interface DueSoonNoteDeps {
  dueSoon: Pick<DueSoonStore, "participantsWithMonths" | "findExisting" | "putNew">;
  profiles?: Pick<ProfileStore, "getMany">;
  branches?: ReadonlyMap<string, Branch>;
}

/**
 * Notes the branch's participants the strategy's due-soon reminder is for; returns how many were
 * new. Run by the mapping lease's holder; `firstEver`: none can exist yet, nothing is read first.
 */
export async function noteDueSoon(
  deps: DueSoonNoteDeps,
  input: { branchCode: string; period: string; strategy: CampaignStrategy; now: Date; firstEver: boolean },
): Promise<number> {
  const { dueSoon } = input.strategy.messaging.followUps;
  if (!dueSoon.enabled || dueSoon.monthsBehind >= input.strategy.minMonths) return 0;
  const campaign = {
    campaignId: campaignIdOf(input.branchCode, input.period),
    branchCode: input.branchCode,
    period: input.period,
  };
  // The branch's date decides the due date; UTC when the branch is not configured here.
  const timeZone = deps.branches?.get(input.branchCode)?.timeZone ?? "UTC";
  let noted = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.dueSoon.participantsWithMonths(input.branchCode, dueSoon.monthsBehind, cursor);
    const ids = page.participants.map((p) => p.participantId);
    const [existing, profiles] = await Promise.all([
      input.firstEver || ids.length === 0
        ? new Set<string>()
        : deps.dueSoon.findExisting(campaign.campaignId, ids),
      deps.profiles && ids.length > 0 ? deps.profiles.getMany(ids) : new Map<string, ChannelProfile>(),
    ]);
    const notices = page.participants.flatMap((p) => {
      if (existing.has(p.participantId)) return [];
      const profile = profiles.get(p.participantId);
      const n = noticeOf(p, campaign, input.strategy, {
        now: input.now,
        timeZone,
        ...(profile ? { profile } : {}),
      });
      return n ? [n] : [];
    });
    await deps.dueSoon.putNew(notices);
    noted += notices.length;
    cursor = page.cursor;
  } while (cursor);
  return noted;
}

export interface DueSoonSweepDeps extends FollowUpSendPorts {
  profiles: Pick<ProfileStore, "getMany">;
  /** Absent: no due-soon reminders (a deployment's store without notices). */
  dueSoon?: Pick<DueSoonStore, "page" | "claim" | "markSent" | "markFailed">;
}

/**
 * The due-soon reminders owed today, page by page, counted in `tally`: each notice's once per
 * due date, while today is early enough before it, inside the window, under the cap.
 */
export async function sendDueSoonReminders(
  deps: DueSoonSweepDeps,
  ctx: FollowUpContext,
  campaignId: string,
  tally: FollowUpTally,
): Promise<void> {
  const store = deps.dueSoon;
  if (!store || !ctx.messaging.followUps.dueSoon.enabled) return;
  let cursor: string | undefined;
  do {
    const page = await store.page(campaignId, cursor);
    const due: { n: DueSoonNotice; f: FollowUp }[] = [];
    for (const n of page.notices) {
      const f = dueSoonFollowUp(n, ctx);
      if (!f) continue;
      const skip = followUpSkip(n, f, ctx);
      if (skip) tally.skipped[skip] = (tally.skipped[skip] ?? 0) + 1;
      else due.push({ n, f });
    }
    if (due.length > 0) await sendPage(deps, store, ctx, due, tally);
    cursor = page.cursor;
  } while (cursor);
}

async function sendPage(
  deps: DueSoonSweepDeps,
  store: NonNullable<DueSoonSweepDeps["dueSoon"]>,
  ctx: FollowUpContext,
  due: readonly { n: DueSoonNotice; f: FollowUp }[],
  tally: FollowUpTally,
) {
  const profiles = whatsappInPlay(deps, ctx)
    ? await deps.profiles.getMany(due.map(({ n }) => n.participantId))
    : new Map<string, ChannelProfile>();
  // The claim and the message times are the notice's: sent like any follow-up otherwise.
  const ports: FollowUpSendPorts = { ...deps, followUps: store };
  // One at a time: a send may wait on the clock for its permit (the local clock stands still
  // only while nothing else of the invocation is in flight).
  for (const { n, f } of due) {
    await deliverFollowUp(ports, tally, recipientOf(n), f, {
      channel: followUpChannel(deps, n, profiles.get(n.participantId), ctx),
      smsLength: ctx.messaging.sms.length,
    });
  }
}
