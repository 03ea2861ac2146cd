/**
 * The outputs the CLI and the deploy guide read (`aws cloudformation describe-stacks`). Stable
 * names: renaming one breaks the CLI. Kept free of CDK imports so the CLI can load it.
 */
export const OUTPUTS = {
  campaignStateMachineArn: "CampaignStateMachineArn",
  dialingDayStateMachineArn: "DialingDayStateMachineArn",
  paymentWebhookUrl: "PaymentWebhookUrl",
  paymentWebhookSecretArn: "PaymentWebhookSecretArn",
  supervisorsTopicArn: "SupervisorsTopicArn",
  outboundContactFlowId: "OutboundContactFlowId",
} as const;

/** `participants` -> `ParticipantsTableName` */
export const tableOutputName = (table: string) =>
  `${table.charAt(0).toUpperCase()}${table.slice(1)}TableName`;
