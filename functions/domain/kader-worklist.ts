/**
 * A line of a kader's worklist: only what a visit needs. It holds personal data (name, address):
 * it goes to the kader and the supervisor, never into a log or a report.
 */
import type { Area } from "./area";
import type { CallOutcome, Case, DispositionCode } from "./case";
import type { HandoffReason, PlannedLine, UnassignedReason } from "./kader-handoff";
import type { Participant } from "./participant";

/** What the phone and messages already tried before the visit. */
export interface WorklistTried {
  callAttempts: number;
  lastOutcome?: CallOutcome | DispositionCode;
  smsSent: number;
  whatsappSent: number;
}

export interface WorklistLine {
  campaignId: string;
  branchCode: string;
  period: string;
  participantId: string;
  /** Absent: no kader took it; `unassigned` says why and the supervisor sees it by area. */
  kaderId?: string;
  unassigned?: UnassignedReason;
  reason: HandoffReason;
  name: string;
  area: Area;
  address?: string;
  monthsInArrears: number;
  amountDue: number;
  virtualAccount: string;
  rehabEligible: boolean;
  priority: number;
  tried: WorklistTried;
  handedOffAt: string;
  /** The ISO week (`2026-W49`, branch's zone) whose capacity the line counts in. */
  week: string;
  /** Paid in full after the hand-off (seen by a later one): no visit needed, still counted in its week. */
  paid?: boolean;
}

/**
 * The line of a planned hand-off. Name, area and address come from the participant's snapshot row
 * when it is still there (the address is never on a case), else from the case.
 */
export function worklistLine(
  planned: PlannedLine,
  participant: Participant | undefined,
  at: { now: Date; week: string },
): WorklistLine {
  const c = planned.case;
  const area = participant?.area ?? c.area ?? {};
  return {
    campaignId: c.campaignId,
    branchCode: c.branchCode,
    period: c.period,
    participantId: c.participantId,
    ...(planned.kaderId ? { kaderId: planned.kaderId } : {}),
    ...(planned.unassigned ? { unassigned: planned.unassigned } : {}),
    reason: planned.reason,
    name: participant?.name ?? c.name,
    area,
    ...(participant?.address ? { address: participant.address } : {}),
    monthsInArrears: c.monthsInArrears,
    amountDue: Math.max(c.amountDue - c.amountPaid, 0),
    virtualAccount: c.virtualAccount,
    rehabEligible: c.rehabEligible,
    priority: c.priority,
    tried: {
      callAttempts: c.callAttempts,
      ...(c.lastOutcome ? { lastOutcome: c.lastOutcome } : {}),
      smsSent: c.smsSent,
      whatsappSent: c.whatsappSent ?? 0,
    },
    handedOffAt: at.now.toISOString(),
    week: at.week,
  };
}

/** The order a worklist is read in: by kecamatan and desa (a kader walks a village), then best first. */
export function byRoute(a: WorklistLine, b: WorklistLine): number {
  return (
    (a.area.kabupaten ?? "").localeCompare(b.area.kabupaten ?? "") ||
    (a.area.kecamatan ?? "").localeCompare(b.area.kecamatan ?? "") ||
    (a.area.desa ?? "").localeCompare(b.area.desa ?? "") ||
    b.priority - a.priority ||
    a.participantId.localeCompare(b.participantId)
  );
}

/** The lines whose case was paid in full since they were handed off, marked so (not yet marked ones only). */
export function paidSinceHandoff(
  lines: readonly WorklistLine[],
  cases: readonly Pick<Case, "participantId" | "status">[],
): WorklistLine[] {
  const paid = new Set(cases.filter((c) => c.status === "PAID").map((c) => c.participantId));
  return lines.filter((l) => !l.paid && paid.has(l.participantId)).map((l) => ({ ...l, paid: true }));
}
