import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import type { Kader } from "../../functions/domain/kader";
import { DynamoKaderStore } from "../../functions/store/kader";
import { freshTables } from "./tables";

const NOW = new Date("2026-12-01T02:00:00.000Z");
const kader = (kaderId: string, branchCode: string, extra: Partial<Kader> = {}): Kader => ({
  kaderId,
  name: `Kader ${kaderId}`,
  phone: "+6281234567890",
  branchCode,
  kecamatan: "Kota Barat",
  capacityPerWeek: 10,
  ...extra,
});

let db: Awaited<ReturnType<typeof freshTables>>;
let store: DynamoKaderStore;

beforeAll(async () => {
  db = await freshTables();
  store = new DynamoKaderStore(db.doc, db.tables.kader, 180);
});

describe("kader roster store", () => {
  it("puts a branch's roster under ROSTER#<branch>, keyed by kader id, with its retention", async () => {
    const roster = [kader("GTO-K01", "GORONTALO", { desa: "Sukamaju" }), kader("GTO-K02", "GORONTALO")];
    expect(await store.replaceRoster("GORONTALO", roster, NOW)).toEqual({ written: 2, removed: 0 });
    expect(await store.listRoster("GORONTALO")).toEqual(roster);
    const items = (await db.doc.send(new ScanCommand({ TableName: db.tables.kader }))).Items ?? [];
    expect(items.map((i) => [i.scope, i.recordKey, i.importedAt, i.expiresAt]).sort()).toEqual([
      ["ROSTER#GORONTALO", "GTO-K01", NOW.toISOString(), NOW.getTime() / 1000 + 180 * 86_400],
      ["ROSTER#GORONTALO", "GTO-K02", NOW.toISOString(), NOW.getTime() / 1000 + 180 * 86_400],
    ]);
  });

  it("a new roster replaces the branch's whole roster and leaves other branches alone", async () => {
    await store.replaceRoster("SEMARANG", [kader("SMG-K01", "SEMARANG")], NOW);
    await store.replaceRoster("JAYAPURA", [kader("JPR-K01", "JAYAPURA")], NOW);
    const many = Array.from({ length: 30 }, (_, i) =>
      kader(`JPR-${i}`, "JAYAPURA", { capacityPerWeek: i + 1 }),
    );
    await store.replaceRoster("JAYAPURA", many, NOW);
    const next = [kader("JPR-K01", "JAYAPURA", { capacityPerWeek: 40, kecamatan: "Abepura" })];
    expect(await store.replaceRoster("JAYAPURA", next, NOW)).toEqual({ written: 1, removed: 30 });
    expect(await store.listRoster("JAYAPURA")).toEqual(next);
    expect((await store.listRoster("SEMARANG")).map((k) => k.kaderId)).toEqual(["SMG-K01"]);
    expect(await store.listRoster("SINGKAWANG")).toEqual([]);
  });

  it("refuses a kader of another branch in a branch's roster", async () => {
    await expect(store.replaceRoster("SEMARANG", [kader("GTO-K09", "GORONTALO")], NOW)).rejects.toThrow(
      "a roster of SEMARANG holds a kader of GORONTALO",
    );
  });
});
