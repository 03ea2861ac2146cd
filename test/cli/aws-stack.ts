import type { Output } from "@aws-sdk/client-cloudformation";
import { run } from "../../cli/run";
import { OUTPUTS, tableOutputName } from "../../functions/contracts";
import { ALL_TABLES } from "../../functions/store/schemas";
import type { CliResult } from "./helpers";

/** A deployed stack as the CLI finds it, for the in-process tests with AWS mocked. */
export const STATE_MACHINE_ARN = "arn:aws:states:ap-southeast-1:111122223333:stateMachine:Campaign";

/** A table's deployed name. */
export const deployedTable = (name: string) => `Telecollect-${name}`;

/** The stack's outputs: the campaign state machine and every table. */
export const STACK_OUTPUTS: Output[] = [
  { OutputKey: OUTPUTS.campaignStateMachineArn, OutputValue: STATE_MACHINE_ARN },
  ...ALL_TABLES.map((t) => ({ OutputKey: tableOutputName(t.name), OutputValue: deployedTable(t.name) })),
];

export const USER_POOL_CLIENT_ID = "4example0client0id0abcdefgh";

/** The outputs `telecollect login` reads, the API at `apiUrl`. */
export const supervisorOutputs = (apiUrl: string): Output[] => [
  { OutputKey: OUTPUTS.supervisorApiUrl, OutputValue: apiUrl },
  { OutputKey: OUTPUTS.supervisorUserPoolClientId, OutputValue: USER_POOL_CLIENT_ID },
];

/** Runs `telecollect ARGS` in this process (so aws-sdk-client-mock sees its requests). */
export async function runInProcess(
  home: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { TELECOLLECT_HOME: home, ...env },
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}
