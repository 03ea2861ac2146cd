import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalRun, localRun } from "./local-run";

/**
 * The simulator's SMS read assumption (local/sim/payers.ts, `smsRead`): a participant is moved by
 * an SMS only once it is read, as by a WhatsApp reminder. Two SMS-only months of one population.
 */
let everyRead: LocalRun;
let noneRead: LocalRun;
const month = { participants: 120, seed: 20261101, period: "2026-11", whatsapp: false } as const;
const paid = (run: LocalRun) => run.result.cases.reduce((sum, c) => sum + c.amountPaid, 0);

beforeAll(async () => {
  everyRead = await localRun(month);
  noneRead = await localRun({ ...month, payers: { smsRead: 0 } });
}, 600_000);

afterAll(async () => {
  await everyRead?.remove();
  await noneRead?.remove();
});

describe("SMS read by the simulated participants", () => {
  it("sends the same reminders whether they are read or not", () => {
    expect(noneRead.result.counts.sms).toBeGreaterThan(0);
    expect(noneRead.result.cases.filter((c) => c.smsSent > 0).length).toBe(
      everyRead.result.cases.filter((c) => c.smsSent > 0).length,
    );
  });

  it("collects less when nobody reads an SMS: only the calls move them", () => {
    expect(paid(noneRead)).toBeGreaterThan(0);
    expect(paid(noneRead)).toBeLessThan(paid(everyRead));
  });
});
