/** What valid values of the config's fields are and look like (infra/config.ts validates them). */

/** The values CloudWatch Logs accepts for a log group's retention. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Shown after a field's problem: what a valid value looks like. Keys are paths with `[]` for any index. */
export const EXAMPLES: Record<string, string> = {
  connect: '{ "instanceArn": "arn:aws:connect:ap-southeast-1:111122223333:instance/…", "queueId": "…" }',
  "connect.instanceArn":
    '"arn:aws:connect:ap-southeast-1:111122223333:instance/0f3c2a51-8d4e-4c1b-9a7f-5e6d7c8b9a01"',
  "connect.queueId":
    '"8a1d5c2e-3f4b-4a6c-9d7e-0b1c2d3e4f50" (Amazon Connect console: Routing > Queues > the queue, "ARN" ends in /queue/<id>)',
  "connect.sourcePhoneNumber": '"+622150001234" (an Indonesian number claimed in the instance, E.164)',
  "connect.contactFlowId":
    '"2b7e9f10-4c3d-4e5f-8a9b-1c2d3e4f5a6b" (omit it to deploy telecollect\'s own outbound flow)',
  "connect.whisperFlowId":
    '"5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f" (omit it to deploy telecollect\'s agent whisper)',
  "connect.prompts":
    '{ "greetingPagi": "arn:aws:connect:ap-southeast-1:111122223333:instance/…/prompt/…", … } (Routing > Prompts > the prompt, "ARN")',
  "connect.recordCalls": "true",
  branches:
    '[{ "code": "SEMARANG", "name": "Kantor Cabang Semarang", "timeZone": "Asia/Jakarta", "agentsOnShift": 3 }]',
  "branches[].code": '"SEMARANG"',
  "branches[].name": '"Kantor Cabang Semarang"',
  "branches[].timeZone":
    '"Asia/Jakarta" (WIB), "Asia/Pontianak" (WIB), "Asia/Makassar" (WITA), "Asia/Jayapura" (WIT)',
  "branches[].agentsOnShift": "3 (officers taking calls at the same time, at least 1)",
  "branches[].queueId":
    '"8a1d5c2e-3f4b-4a6c-9d7e-0b1c2d3e4f50" (the branch\'s own queue id; default connect.queueId)',
  "branches[].contactWindow":
    '{ "days": [1, 2, 3, 4, 5, 6], "start": "08:00", "end": "20:00", "holidays": ["2026-08-17"] }',
  "branches[].contactWindow.days": "[1, 2, 3, 4, 5, 6] (ISO weekdays, 1 = Monday)",
  "branches[].contactWindow.start": '"08:00"',
  "branches[].contactWindow.end": '"20:00"',
  "branches[].contactWindow.holidays": '["2026-08-17"]',
  "branches[].contactWindow.nationalCalendar":
    '"HOLIDAYS_AND_CUTI_BERSAMA" (default), "HOLIDAYS" or "NONE" (functions/domain/national-holidays.ts)',
  "branches[].contactWindow.blocked":
    '{ "weekly": [{ "days": [5], "start": "11:30", "end": "13:00" }], "dated": [{ "from": "2027-02-07", "to": "2027-03-10", "start": "17:45", "end": "19:00" }] }',
  "branches[].contactWindow.blocked.weekly":
    '[{ "days": [5], "start": "11:30", "end": "13:00" }] (the default: Friday prayers; [] for none)',
  "branches[].contactWindow.blocked.dated":
    '[{ "from": "2027-02-07", "to": "2027-03-10", "start": "17:45", "end": "19:00", "reason": "iftar" }] (dates inclusive)',
  sms: '{ "senderId": "BPJSKES", "type": "Transactional" }',
  "sms.senderId": '"BPJSKES" (the alphanumeric sender id registered for Indonesia)',
  "sms.type": '"Transactional"',
  payments: '{ "webhookSecretName": "telecollect/payment-webhook" }',
  "payments.webhookSecretName": '"telecollect/payment-webhook"',
  "payments.throttle.rateLimit": "20 (requests per second)",
  "payments.throttle.burstLimit": "40",
  "payments.maxAmount": "100000000 (rupiah: the most one payment may carry; Rp100.000.000)",
  "payments.paidAtWindowDays": "400 (a payment's paidAt may lie at most this many days back)",
  supervisors: '{ "emails": ["kabid.penagihan@example.go.id"] }',
  "supervisors.emails": '["kabid.penagihan@example.go.id"]',
  schedule: '{ "enabled": true, "dayOfMonth": 11, "time": "08:00" }',
  "schedule.enabled": "true",
  "schedule.dayOfMonth": "11 (premiums are due by the 10th)",
  "schedule.time": '"08:00" (in each branch\'s own time zone)',
  "quotas.smsPerSecond": "20 (the account's SNS SMS rate)",
  "quotas.whatsappPerSecond": "20 (WhatsApp messages per second, kept under the number's throughput)",
  "quotas.callStartsPerSecond": "2 (the account's StartOutboundVoiceContact rate)",
  "quotas.maxConcurrentCalls": "10 (the instance's concurrent active calls)",
  logRetentionDays: `90 (one of ${LOG_RETENTION_DAYS.join(", ")})`,
  removalPolicy: '"retain" (keeps tables, key and logs when the stack is deleted) or "destroy"',
  stackName: '"Telecollect"',
  strategy:
    '{ "messaging": { "sms": { "length": "ONE_SEGMENT" } } } (only what differs from the default strategy; docs/deploy.md, "The campaign strategy")',
  whatsapp:
    '{ "phoneNumberId": "phone-number-id-0123456789abcdef0123456789abcdef", "metaApiVersion": "v20.0" }',
  "whatsapp.phoneNumberId":
    '"phone-number-id-0123456789abcdef0123456789abcdef" (AWS End User Messaging Social console: Phone numbers > the number, "Phone number ID")',
  "whatsapp.wabaId":
    '"waba-0123456789abcdef0123456789abcdef" (Business accounts > the WABA, "WABA ID"; optional)',
  "whatsapp.metaApiVersion": '"v20.0" (a Meta Graph API version End User Messaging Social supports)',
};
