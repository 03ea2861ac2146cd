import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { SAMPLE_BRANCHES } from "../../../functions/domain/branches";
import type { ChannelProfile } from "../../../functions/domain/messaging";
import type { Participant } from "../../../functions/domain/participant";
import type { StatusAuditRecord } from "../../../functions/domain/participant-status";
import {
  ARREARS_COLUMNS,
  formatImportSummary,
  importArrears,
  type RowRejection,
} from "../../../functions/import/arrears-import";
import { csvRecord } from "../../../functions/import/csv";
import type { ParticipantStore } from "../../../functions/store/participants";

/** The optional status columns of the snapshot: lasting statuses and visit requests. */

const NOW = new Date("2026-12-01T02:00:00.000Z");
const BASE: Record<string, string> = {
  participant_id: "0001234567890",
  name: "Budi Santoso",
  phone: "0812-3456-7890",
  branch_code: "GORONTALO",
  class: "3",
  months_in_arrears: "5",
  arrears_amount: "",
  last_paid_period: "2026-06",
  autodebet: "false",
  family_members: "1",
};
const HEADER = [
  ...ARREARS_COLUMNS,
  "preferred_channel",
  "rehab_plan",
  "rehab_instalments",
  "deceased",
  "do_not_contact_until",
  "do_not_contact_reason",
  "visit_requested",
];
const pid = (n: number) => `00012345678${String(n).padStart(2, "0")}`;

function row(n: number, cells: Record<string, string> = {}): string {
  const all: Record<string, string> = { ...BASE, participant_id: pid(n), ...cells };
  return csvRecord(HEADER.map((c) => all[c] ?? ""));
}

function fakeStatusStores(initial: Record<string, ChannelProfile> = {}) {
  const profiles = new Map(Object.entries(initial));
  const audit: StatusAuditRecord[] = [];
  return {
    profiles,
    audit,
    deps: {
      profiles: {
        update: async (id: string, change: (p: ChannelProfile | undefined) => ChannelProfile) => {
          const next = change(profiles.get(id));
          profiles.set(id, next);
          return next;
        },
      },
      audit: { record: async (r: StatusAuditRecord) => void audit.push(r) },
    },
  };
}

async function run(lines: string[], stores?: ReturnType<typeof fakeStatusStores>, now = NOW) {
  const items = new Map<string, Participant>();
  const store: ParticipantStore = {
    putMany: async (ps) => {
      for (const p of ps) items.set(p.participantId, p);
      return { requests: 1 };
    },
    get: async (id) => items.get(id),
    pageInArrears: async () => ({ participants: [] }),
    countBelow: async () => 0,
  };
  const rejections: RowRejection[] = [];
  const summary = await importArrears({
    source: Readable.from([`${[HEADER.join(","), ...lines].join("\n")}\n`]),
    branches: SAMPLE_BRANCHES,
    store,
    now,
    ...(stores ? { statuses: { deps: stores.deps, setBy: "import:test" } } : {}),
    onRejection: (r) => {
      rejections.push(r);
    },
  });
  return { summary, items, rejections };
}

describe("importArrears: status columns", () => {
  it("sets each status through the participant-status use case, audited with source IMPORT", async () => {
    const stores = fakeStatusStores();
    const { summary, items, rejections } = await run(
      [
        row(1, { preferred_channel: "whatsapp" }),
        row(2, { rehab_plan: "Y", rehab_instalments: "6" }),
        row(3, { deceased: "y" }),
        row(4, { do_not_contact_until: "2026-12-20", do_not_contact_reason: "COMPLAINT_UNDER_REVIEW" }),
        row(5, { visit_requested: "Y" }),
        row(6),
      ],
      stores,
    );
    expect(rejections).toEqual([]);
    expect(summary).toMatchObject({
      imported: 6,
      statusesApplied: 4,
      statusesNotApplied: 0,
      visitRequested: 1,
    });
    expect(stores.profiles.get(pid(1))?.preferredChannel).toBe("WHATSAPP");
    expect(stores.profiles.get(pid(2))?.rehabPlan).toEqual({
      since: "2026-12-01",
      instalments: 6,
      setBy: "import:test",
    });
    expect(stores.profiles.get(pid(3))?.deceased).toEqual({ at: NOW.toISOString(), setBy: "import:test" });
    expect(stores.profiles.get(pid(4))?.doNotContact).toMatchObject({
      until: "2026-12-20",
      reason: "COMPLAINT_UNDER_REVIEW",
    });
    expect(stores.audit.map((r) => [r.participantId, r.field, r.source, r.setBy])).toEqual([
      [pid(1), "preferredChannel", "IMPORT", "import:test"],
      [pid(2), "rehabPlan", "IMPORT", "import:test"],
      [pid(3), "deceased", "IMPORT", "import:test"],
      [pid(4), "doNotContact", "IMPORT", "import:test"],
    ]);
    // A visit request is the month's: it goes on the snapshot row (and from there on the case).
    expect(items.get(pid(5))?.visitRequested).toBe(true);
    expect(items.get(pid(6))).not.toHaveProperty("visitRequested");
    expect(stores.profiles.has(pid(5))).toBe(false);
    expect(formatImportSummary(summary)).toContain("statuses set:        4");
  });

  it("rejects a bad status cell by line and field; the file's other rows import", async () => {
    const stores = fakeStatusStores();
    const { summary, rejections, items } = await run(
      [
        row(1, { preferred_channel: "EMAIL" }),
        row(2, { rehab_plan: "maybe" }),
        row(3, { rehab_plan: "Y", rehab_instalments: "13" }),
        row(4, { deceased: "ya" }),
        row(5, { do_not_contact_until: "2026-12-20" }),
        row(6, { do_not_contact_until: "20-12-2026", do_not_contact_reason: "REFUSED" }),
        row(7, { do_not_contact_until: "2026-11-30", do_not_contact_reason: "REFUSED" }),
        row(8, { visit_requested: "1" }),
        row(9, { deceased: "Y" }),
      ],
      stores,
    );
    expect(rejections.map((r) => [r.line, r.field, r.reason])).toEqual([
      [2, "preferred_channel", "INVALID_PREFERRED_CHANNEL"],
      [3, "rehab_plan", "INVALID_REHAB_PLAN"],
      [4, "rehab_instalments", "INVALID_REHAB_PLAN"],
      [5, "deceased", "INVALID_FLAG"],
      [6, "do_not_contact_reason", "INVALID_DO_NOT_CONTACT"],
      [7, "do_not_contact_until", "INVALID_DO_NOT_CONTACT"],
      [8, "do_not_contact_until", "INVALID_DO_NOT_CONTACT"],
      [9, "visit_requested", "INVALID_FLAG"],
    ]);
    expect(rejections[0]?.message).toBe(
      "line 2, preferred_channel: 'EMAIL' is not WHATSAPP, SMS, CALL, VISIT or blank",
    );
    expect(rejections[6]?.message).toBe(
      "line 8, do_not_contact_until: 2026-11-30 is not after the import date 2026-12-01",
    );
    // Nothing of a rejected row is set; the valid row is imported and its status set.
    expect([...items.keys()]).toEqual([pid(9)]);
    expect([...stores.profiles.keys()]).toEqual([pid(9)]);
    expect(summary).toMatchObject({ rejected: 8, imported: 1, statusesApplied: 1 });
  });

  it("the same file next month changes nothing more; rehab_plan N ends a plan", async () => {
    const stores = fakeStatusStores();
    await run([row(1, { deceased: "Y" }), row(2, { rehab_plan: "Y" })], stores);
    const january = new Date("2027-01-02T02:00:00.000Z");
    await run([row(1, { deceased: "Y" }), row(2, { rehab_plan: "Y" })], stores, january);
    expect(stores.audit).toHaveLength(2);
    expect(stores.profiles.get(pid(1))?.deceased?.at).toBe(NOW.toISOString());
    await run([row(2, { rehab_plan: "N" })], stores, january);
    expect(stores.profiles.get(pid(2))).not.toHaveProperty("rehabPlan");
    expect(stores.audit.at(-1)).toMatchObject({ field: "rehabPlan", current: "null", source: "IMPORT" });
  });

  it("without the status port the rows import and the summary says their statuses were not set", async () => {
    const { summary } = await run([row(1, { deceased: "Y" }), row(2)]);
    expect(summary).toMatchObject({ imported: 2, statusesApplied: 0, statusesNotApplied: 1 });
    expect(formatImportSummary(summary)).toContain("statuses NOT set:    1");
  });
});
