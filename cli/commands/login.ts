import { LOCAL_DEFAULT_USER, localApiUrl, localDescription } from "../api-target";
import { HELP_OPTION, TARGET_OPTIONS, type TargetChoice, targetChoice } from "../args";
import type { Command, CommandContext } from "../command";
import { CliError, UsageError } from "../errors";
import { readLocalState } from "../local-state";
import { loginHint, removeSession, type Session, sessionPath, writeSession } from "../session";
import { cognitoSignInWithChallenge, localSignIn, type SignedIn } from "../sign-in";
import { SupervisorApiClient } from "../supervisor-api";
import { describeStack, supervisorApiOutputs } from "../target";

const TARGET = `  --local             the runtime started by \`telecollect local up\` (default user: nasional)
  --stack NAME        the deployed stack (default: config "stack", Telecollect); its outputs are
                      read once (cloudformation:DescribeStacks), then only its supervisor API`;

/** The password from TELECOLLECT_PASSWORD, else asked on the terminal without echo. */
async function password(ctx: CommandContext, variable: string, prompt: string): Promise<string> {
  const fromEnv = ctx.io.env[variable];
  if (fromEnv) return fromEnv;
  if (!ctx.io.askSecret) {
    throw new CliError(`no terminal to ask the password on: set ${variable} (scripts) or run in a terminal`);
  }
  const answer = await ctx.io.askSecret(prompt).catch(() => {
    throw new CliError("sign-in cancelled");
  });
  if (!answer) throw new CliError("sign-in cancelled: empty password");
  return answer;
}

/** A first login's new password: TELECOLLECT_NEW_PASSWORD, else asked twice. */
async function newPassword(ctx: CommandContext, username: string): Promise<string> {
  const variable = "TELECOLLECT_NEW_PASSWORD";
  ctx.io.err(`${username} signs in for the first time: choose a new password`);
  const first = await password(ctx, variable, "New password: ");
  if (ctx.io.env[variable]) return first;
  const again = await password(ctx, variable, "New password again: ");
  if (again !== first) throw new CliError("the two new passwords differ: nothing changed, sign in again");
  return first;
}

async function signIn(
  ctx: CommandContext,
  choice: TargetChoice,
  user: string | undefined,
): Promise<Omit<Session, "token" | "expiresAt"> & SignedIn> {
  if (choice.kind === "local") {
    const state = await readLocalState(ctx.config.home);
    const username = user ?? LOCAL_DEFAULT_USER;
    const apiUrl = localApiUrl(state);
    const description = localDescription(state);
    const secret = await password(ctx, "TELECOLLECT_PASSWORD", `Password for ${username}: `);
    return { apiUrl, username, description, ...(await localSignIn(apiUrl, description, username, secret)) };
  }
  if (user === undefined) throw new UsageError("--user: required with a stack (your user name in its pool)");
  const { region, outputs } = await describeStack(choice.stack);
  const { apiUrl, clientId } = supervisorApiOutputs(choice.stack, outputs);
  const description = `stack ${choice.stack} in ${region}`;
  const secret = await password(ctx, "TELECOLLECT_PASSWORD", `Password for ${user}: `);
  const signedIn = await cognitoSignInWithChallenge({ region, clientId }, description, user, secret, () =>
    newPassword(ctx, user),
  );
  return { apiUrl, username: user, description, ...signedIn };
}

export const login: Command = {
  name: "login",
  summary: "sign in to a target's supervisor API (asks the password)",
  options: { ...HELP_OPTION, ...TARGET_OPTIONS, user: { type: "string" } },
  help: `Usage: telecollect login [--user NAME] [--local | --stack NAME]

Signs in to the supervisor API and keeps the session (API address, user, token, expiry) in
$TELECOLLECT_HOME/session-local.json or session-stack-<NAME>.json, readable by you only. The
campaign commands, \`cases\` and \`import\` then act as that user, on that user's branches only,
until the token expires (8 hours) or \`telecollect logout\`.

The password is asked on the terminal without echo, or read from TELECOLLECT_PASSWORD (scripts).
On a stack, a first login asks a new password (twice; or TELECOLLECT_NEW_PASSWORD).

  --user NAME         the user name (required with a stack; locally default nasional)
${TARGET}`,
  async run(ctx, values) {
    const choice = targetChoice(values, ctx.config.stack);
    const signedIn = await signIn(ctx, choice, values.user as string | undefined);
    const { token, expiresAt, ...who } = signedIn;
    const api = new SupervisorApiClient(signedIn, who.description, loginHint(choice, who.username));
    const me = await api.json<{ branches: { code: string }[] }>("GET", "/me");
    const path = await writeSession(ctx.config.home, choice, { ...who, token, expiresAt });
    const branches = me.branches.map((b) => b.code).join(", ") || "none";
    ctx.io.out(
      `Signed in as ${who.username} on ${who.description} until ${expiresAt} (branches: ${branches})\n  session: ${path}`,
    );
    return 0;
  },
};

export const logout: Command = {
  name: "logout",
  summary: "forget the session `telecollect login` kept for a target",
  options: { ...HELP_OPTION, ...TARGET_OPTIONS },
  help: `Usage: telecollect logout [--local | --stack NAME]

Removes the session file of the target (the token is not revoked: it expires by itself).

${TARGET}`,
  async run(ctx, values) {
    const choice = targetChoice(values, ctx.config.stack);
    const path = sessionPath(ctx.config.home, choice);
    const removed = await removeSession(ctx.config.home, choice);
    ctx.io.out(removed ? `Signed out: removed ${path}` : `Not signed in (no ${path}): nothing to do`);
    return 0;
  },
};
