import { DynamoPaymentStore } from "../../../store/payments";
import type { BuildContext } from "../composition-root";

/** Payments, the participant's arrears and the open case in one transaction: the payment webhook's store. */
export const dynamoPaymentStore = ({ config, doc }: BuildContext) =>
  new DynamoPaymentStore(doc, config.tables, config.retention);
