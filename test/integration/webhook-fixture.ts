import type { Clock } from "../../functions/channels/clock";
import type { TableNames } from "../../functions/contracts";
import type { Case } from "../../functions/domain/case";
import { signWebhook } from "../../functions/domain/webhook-signature";
import { dynamoPaymentStore } from "../../functions/handlers/shared/aws/payments";
import type { PortOverrides } from "../../functions/handlers/shared/composition-root";
import { mapArrears } from "../../functions/services/map-arrears";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseStore } from "../../functions/store/cases";
import type { createDocumentClient } from "../../functions/store/client";
import { DynamoParticipantStore } from "../../functions/store/participants";
import { DynamoPaymentStore } from "../../functions/store/payments";
import { StaticSecretSource } from "../../local/adapters/webhook-secrets";
import { type LocalHttpServer, startHttpServer } from "../../local/http/server";
import { participant } from "../fixtures/participants";
import { installHandlerPorts } from "../support/handler-ports";
import { freshTables, handlerVariables } from "./tables";

export const PERIOD = "2026-11";
export const CAMPAIGN = `GORONTALO#${PERIOD}`;
// 11:00 in Gorontalo (WITA, UTC+8).
export const NOW = new Date("2026-11-15T03:00:00Z");
// Kelas III, 5 months, one person: 5 x Rp35.000.
export const DUE = 175_000;

/** The handler's clock: deps.clock, which the signature's freshness is checked against. */
export class TestClock implements Clock {
  constructor(private current: Date) {}
  now() {
    return this.current;
  }
  set(at: Date) {
    this.current = at;
  }
  async sleepUntil() {}
}

export interface PostOptions {
  secret?: string;
  timestamp?: number;
  headers?: Record<string, string>;
  path?: string;
  method?: string;
}

export interface WebhookFixture {
  server: LocalHttpServer;
  doc: ReturnType<typeof createDocumentClient>;
  tables: TableNames;
  endpoint: string;
  clock: TestClock;
  cases: DynamoCaseStore;
  participants: DynamoParticipantStore;
  payments: DynamoPaymentStore;
  /**
   * Installs the handler's ports again: the fixture's tables, clock and secret unless overridden
   * (a later clock, a rotation's secrets).
   */
  installPorts(overrides?: PortOverrides): void;
  /** The n-th participant's card number (13 digits). */
  id(n: number): string;
  /** A signed POST, answered as status and parsed JSON body. */
  post(payload: unknown, options?: PostOptions): Promise<{ status: number; body: Record<string, unknown> }>;
  caseOf(n: number): Promise<Case>;
  arrearsOf(n: number): Promise<number | undefined>;
}

/**
 * Fresh tables with `count` Gorontalo participants (5 months of Kelas III each) mapped to open
 * cases of CAMPAIGN, and the payment webhook behind the local HTTP server, signing with `secret`.
 */
export async function startWebhookFixture(options: {
  secret: string;
  count: number;
}): Promise<WebhookFixture> {
  const fresh = await freshTables();
  const { doc, tables } = fresh;
  const clock = new TestClock(NOW);
  const installPorts = (overrides: PortOverrides = {}) => {
    installHandlerPorts(
      handlerVariables(fresh),
      { clock, webhookSecrets: new StaticSecretSource(options.secret), ...overrides },
      { payments: dynamoPaymentStore },
    );
  };
  installPorts();
  const cases = new DynamoCaseStore(doc, tables.cases);
  const participants = new DynamoParticipantStore(doc, tables.participants);
  const payments = new DynamoPaymentStore(doc, tables, { interactions: 30, payments: 30 });
  const id = (n: number) => `0007${String(n).padStart(9, "0")}`;
  await participants.putMany(
    Array.from({ length: options.count }, (_, i) =>
      participant({ participantId: id(i + 1), monthsInArrears: 5 }),
    ),
  );
  await mapArrears(
    { participants, cases, campaigns: new DynamoCampaignStore(doc, tables.campaigns) },
    { branchCode: "GORONTALO", period: PERIOD },
    { now: NOW, timeBudgetMs: 60_000, deadline: Date.now() + 60_000 },
  );
  const server = await startHttpServer();
  const post: WebhookFixture["post"] = async (payload, o = {}) => {
    const raw = typeof payload === "string" ? payload : JSON.stringify(payload);
    const timestamp = o.timestamp ?? Math.floor(clock.now().getTime() / 1000);
    const response = await fetch(`${server.url}${o.path ?? "/payments"}`, {
      method: o.method ?? "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Telecollect-Timestamp": String(timestamp),
        "X-Telecollect-Signature": signWebhook(o.secret ?? options.secret, timestamp, raw),
        ...o.headers,
      },
      ...(o.method === "GET" ? {} : { body: raw }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return {
    server,
    doc,
    tables,
    endpoint: fresh.endpoint,
    clock,
    cases,
    participants,
    payments,
    installPorts,
    id,
    post,
    caseOf: async (n) => (await cases.get(CAMPAIGN, id(n))) as Case,
    arrearsOf: async (n) => (await participants.get(id(n)))?.arrearsAmount,
  };
}

/** A valid notice for participant n; override what a test cares about. */
export function notice(f: Pick<WebhookFixture, "id">, n: number, overrides: Record<string, unknown> = {}) {
  return {
    paymentId: `pay-${n}`,
    participantId: f.id(n),
    amount: 100_000,
    paidAt: "2026-11-15T10:45:00+08:00",
    channel: "MINIMARKET",
    ...overrides,
  };
}
