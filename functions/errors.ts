/**
 * The error contract between the handlers and the state machines (workflows/*.asl.json). Lambda
 * reports a thrown error's `name` as its error type, and Step Functions matches Retry and Catch on
 * it: so every error class a Task's handler can throw takes its name from here, and every Task's
 * Retry is the policy below. test/workflow/error-contract.test.ts reads both ASL files and the
 * handlers' sources and fails when either disagrees with this module.
 *
 * No imports: functions/, infra/, local/, cli/ and the tests all read it.
 */

/** Our errors that clear by themselves: another try moments later succeeds. */
export const RetryableError = {
  /** The same item kept changing under a conditional write or a transaction (a rare race). */
  ConcurrentUpdate: "ConcurrentUpdateError",
  /** Another invocation holds the campaign's mapping lease until its deadline. */
  MappingInProgress: "MappingInProgressError",
  /** DynamoDB left batch items unprocessed (throttling) after every backoff. */
  UnprocessedItems: "UnprocessedItemsError",
  /**
   * A WhatsApp status arrived before the send recorded its message (the two race): the SNS
   * delivery to messaging-events retries it.
   */
  MessageNotRecorded: "MessageNotRecordedError",
} as const;

/**
 * Our errors no retry can fix (bad input, configuration, a bug, a stopped campaign): the campaign
 * records them (RecordFailure) and fails, so a supervisor sees why and resumes it once fixed.
 */
export const FatalError = {
  InvalidEvent: "InvalidEventError",
  Config: "ConfigError",
  CampaignNotFound: "CampaignNotFoundError",
  UnknownBranch: "UnknownBranchError",
  CampaignStopped: "CampaignStoppedError",
  InvalidCursor: "InvalidCursorError",
  ParticipantNotFound: "ParticipantNotFoundError",
  SmsStateConflict: "SmsStateConflictError",
  /** A follow-up's mark found its claim in another state: two writers, a bug. */
  FollowUpStateConflict: "FollowUpStateConflictError",
  /** A send the SMS channel refused for good, escaping the wave (the wave records the others). */
  SmsSend: "SmsSendError",
  /** A Connect refusal the dialer does not turn into a call outcome (permissions, a missing flow). */
  Dialer: "DialerError",
  CallAttributes: "CallAttributesError",
  Template: "TemplateError",
  /** A send the WhatsApp channel refused for good, escaping the wave (the wave records the others). */
  WhatsAppSend: "WhatsAppSendError",
} as const;

/**
 * Transient failures named by AWS itself: the Lambda service, the SDK clients' throttling and
 * server errors once their own retries are spent, a Lambda timeout, and DynamoDB's transaction
 * conflicts from stores that do not turn them into ConcurrentUpdateError.
 */
export const AWS_TRANSIENT_ERRORS = [
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "Lambda.TooManyRequestsException",
  "Sandbox.Timedout",
  "States.Timeout",
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
  "TimeoutError",
  "TransactionConflictException",
] as const;

/** Every error a Lambda Task retries, in the order its Retry lists them. */
export const TASK_RETRYABLE_ERRORS: readonly string[] = [
  ...AWS_TRANSIENT_ERRORS,
  ...Object.values(RetryableError),
];

export const FATAL_ERRORS: readonly string[] = Object.values(FatalError);

/**
 * The Retry of every Task that invokes a Lambda function: up to 6 more tries over about two
 * minutes (2, 4, 8, ... s, capped at 60 s, full jitter so branches retrying at once spread out).
 */
export const LAMBDA_TASK_RETRY = {
  ErrorEquals: TASK_RETRYABLE_ERRORS,
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2.0,
  MaxDelaySeconds: 60,
  JitterStrategy: "FULL",
} as const;

/** The Retry of the Task that runs a calling day as a child execution (startExecution.sync:2). */
export const CHILD_EXECUTION_RETRY = {
  ErrorEquals: ["StepFunctions.AWSStepFunctionsException", "StepFunctions.SdkClientException"],
  IntervalSeconds: 2,
  MaxAttempts: 4,
  BackoffRate: 2.0,
} as const;

/**
 * What a child execution's start may answer that is an outcome, not a failure: the day already
 * ran under this execution's name (a resumed campaign), so the campaign moves on to the next day.
 */
export const CHILD_EXECUTION_ALREADY_RAN = "StepFunctions.ExecutionAlreadyExistsException";
