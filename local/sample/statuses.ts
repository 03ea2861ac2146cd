/**
 * What a branch knows of a sample participant that outlasts the campaign, as the snapshot's
 * optional status columns say it: a preferred channel, a REHAB plan, a death, a do-not-contact
 * hold, a visit asked for. A small share of rows each, so `npm start` shows every status acting.
 * Drawn from their own seeded stream, so adding them left every other cell of a seed unchanged.
 */
import { addMonths } from "../../functions/domain/period";
import type { Rng } from "./random";

export interface SampleStatuses {
  preferredChannel: string;
  rehabPlan: string;
  rehabInstalments: string;
  deceased: string;
  doNotContactUntil: string;
  doNotContactReason: string;
  visitRequested: string;
}

export const NO_STATUSES: SampleStatuses = {
  preferredChannel: "",
  rehabPlan: "",
  rehabInstalments: "",
  deceased: "",
  doNotContactUntil: "",
  doNotContactReason: "",
  visitRequested: "",
};

/** Cumulative shares of the preferred channels: 1% WhatsApp, 2% SMS, 2% call, 1.5% visit. */
const CHANNELS: readonly [string, number][] = [
  ["WHATSAPP", 0.01],
  ["SMS", 0.03],
  ["CALL", 0.05],
  ["VISIT", 0.065],
];
const REHAB_PLAN = 0.02;
const DECEASED = 0.01;
const DO_NOT_CONTACT = 0.015;
const VISIT_REQUESTED = 0.015;
/** How many months after the reference period the sample's do-not-contact holds end. */
const HOLD_MONTHS = 11;

/**
 * One participant's status cells, mostly blank. Every row draws the same count of numbers, so a
 * share changed here changes no other row. A hold ends on the 2nd to 28th of the eleventh month
 * after the reference period (2027-10 for 2026-11): after the date of any import of the file in
 * the ten months that follow (`npm start` imports on the 11th of the campaign's month), and
 * within the importer's 366 days of an import on the reference month's first day. Later months
 * need the file generated again with a later --period (docs/kader.md says so).
 */
export function drawStatuses(rng: Rng, referencePeriod: string): SampleStatuses {
  const [channel, plan, instalments, dead, hold, holdDay, refused, visit] = Array.from({ length: 8 }, () =>
    rng.float(),
  ) as [number, number, number, number, number, number, number, number];
  const rehab = plan < REHAB_PLAN;
  const held = hold < DO_NOT_CONTACT;
  const day = String(2 + Math.floor(holdDay * 27)).padStart(2, "0");
  return {
    preferredChannel: CHANNELS.find(([, upTo]) => channel < upTo)?.[0] ?? "",
    rehabPlan: rehab ? "Y" : "",
    // A quarter of the plans leave the instalments blank, as a branch's file may.
    rehabInstalments: rehab && instalments < 0.75 ? String(3 + Math.floor((instalments / 0.75) * 10)) : "",
    deceased: dead < DECEASED ? "Y" : "",
    doNotContactUntil: held ? `${addMonths(referencePeriod, HOLD_MONTHS)}-${day}` : "",
    doNotContactReason: held ? (refused < 2 / 3 ? "REFUSED" : "COMPLAINT_UNDER_REVIEW") : "",
    visitRequested: visit < VISIT_REQUESTED ? "Y" : "",
  };
}
