import { handOffToKader, type KaderHandoff } from "../../services/kader-handoff";
import type { Ports } from "./composition-root";

/** The kader hand-off bound to the ports: the campaign phases call it after a calling day and at close. */
export const kaderHandoffOf =
  (p: Ports): KaderHandoff =>
  (input) =>
    handOffToKader(
      {
        clock: p.clock,
        branches: p.branches,
        campaigns: p.campaigns,
        cases: p.cases,
        participants: p.participants,
        kaderRoster: p.kaderRoster,
        worklists: p.kaderWorklists,
      },
      input,
    );
