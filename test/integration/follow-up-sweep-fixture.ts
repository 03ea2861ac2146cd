import type { SmsMessage } from "../../functions/channels/sms";
import type {
  WhatsAppSendError,
  WhatsAppSender,
  WhatsAppTemplateMessage,
} from "../../functions/channels/whatsapp";
import { branchIndex } from "../../functions/domain/branches";
import type { FollowUpSweepDeps } from "../../functions/services/follow-ups";
import type { SendSmsDeps } from "../../functions/services/send-sms";
import { DynamoCampaignStore } from "../../functions/store/campaigns";
import { DynamoCaseFollowUpStore } from "../../functions/store/case-follow-ups";
import { DynamoCaseSmsStore } from "../../functions/store/case-sms";
import { DynamoCaseStore } from "../../functions/store/cases";
import { DynamoInteractionStore } from "../../functions/store/interactions";
import { DynamoMessageStore } from "../../functions/store/messages";
import { DynamoProfileStore } from "../../functions/store/profiles";
import { DynamoRateLimiter } from "../../functions/store/rate-limits";
import { SmsOutbox } from "../../local/adapters/sms-outbox";
import { SimulatedClock } from "../../local/sim/clock";
import { WIB } from "../fixtures/dialing";
import type { freshTables } from "./tables";

type Tables = Awaited<ReturnType<typeof freshTables>>;

/** What the wave and the sweep share: Semarang (WIB), the stores, the limiter on `clock`. */
const messagingPorts = (db: Tables, clock: SimulatedClock) => ({
  clock,
  branches: branchIndex([WIB]),
  campaigns: new DynamoCampaignStore(db.doc, db.tables.campaigns),
  cases: new DynamoCaseStore(db.doc, db.tables.cases),
  interactions: new DynamoInteractionStore(db.doc, db.tables.interactions, 400),
  rateLimiter: new DynamoRateLimiter(db.doc, db.tables.limits, clock),
  messages: new DynamoMessageStore(db.doc, db.tables.messages),
  profiles: new DynamoProfileStore(db.doc, db.tables.profiles),
  smsPerSecond: 20,
});

/** The reminder wave's ports on DynamoDB Local, for Semarang (WIB); by SMS only unless given a WhatsApp sender. */
export function waveDepsAt(
  db: Tables,
  clock: SimulatedClock,
  whatsapp?: WhatsAppSender,
): SendSmsDeps & { sms: SmsOutbox } {
  return {
    ...messagingPorts(db, clock),
    caseSms: new DynamoCaseSmsStore(db.doc, db.tables.cases),
    sms: new SmsOutbox({ clock }),
    ...(whatsapp ? { whatsapp } : {}),
    whatsappPerSecond: 20,
  };
}

/** What the sweep's senders took, in order; `refuse` makes WhatsApp refuse a message for good. */
export interface SweepOutbox {
  sms: SmsMessage[];
  whatsapp: WhatsAppTemplateMessage[];
  refuse?: (m: WhatsAppTemplateMessage) => WhatsAppSendError | undefined;
}

/** The daily follow-up sweep's ports at `at` on DynamoDB Local, for Semarang (WIB), senders recording. */
export function sweepDepsAt(db: Tables, at: Date, outbox: SweepOutbox): FollowUpSweepDeps {
  return {
    ...messagingPorts(db, new SimulatedClock(at)),
    followUps: new DynamoCaseFollowUpStore(db.doc, db.tables.cases),
    sms: {
      send: async (m) => {
        outbox.sms.push(m);
        return { messageId: `sns-${outbox.sms.length}` };
      },
    },
    whatsapp: {
      sendTemplate: async (m) => {
        const refused = outbox.refuse?.(m);
        if (refused) throw refused;
        outbox.whatsapp.push(m);
        return { providerMessageId: `wamid-${outbox.whatsapp.length}` };
      },
      sendText: async () => ({ providerMessageId: "unused" }),
    },
    whatsappPerSecond: 80,
  };
}
