import { loadLocalPassword } from "../local/adapters/supervisor-identity";
import type { TargetChoice } from "./args";
import { CliError } from "./errors";
import { type LocalState, readLocalState } from "./local-state";
import { loginHint, readSession, sessionPath, usableSession } from "./session";
import { localSignIn } from "./sign-in";
import { SupervisorApiClient } from "./supervisor-api";

/** Who the CLI signs in as on the local runtime when nobody is named: the user of every branch. */
export const LOCAL_DEFAULT_USER = "nasional";

/** The local runtime's API root, next to its console. */
export const localApiUrl = (state: LocalState) => new URL("api", state.consoleUrl).toString();

export const localDescription = (state: LocalState) => `local runtime (pid ${state.pid})`;

/**
 * The supervisor API of the target, signed in. In AWS: the session `telecollect login` stored.
 * Locally: `--user NAME`, else a stored local session, else `nasional`; the CLI signs in by
 * itself with the runtime's password (TELECOLLECT_LOCAL_PASSWORD or the default), so local
 * scripts need no login.
 */
export async function resolveApi(
  choice: TargetChoice,
  home: string,
  env: NodeJS.ProcessEnv,
  user: string | undefined,
): Promise<SupervisorApiClient> {
  if (choice.kind === "aws") {
    const session = await readSession(home, choice);
    if (!session) {
      throw new CliError(
        `not signed in to stack ${choice.stack}: sign in first with \`${loginHint(choice, "NAME")}\``,
      );
    }
    usableSession(session, choice, new Date());
    return new SupervisorApiClient(session, session.description, loginHint(choice, session.username));
  }
  const state = await readLocalState(home);
  const apiUrl = localApiUrl(state);
  const description = localDescription(state);
  if (user === undefined) {
    const session = await readSession(home, choice);
    if (session && session.apiUrl !== apiUrl) {
      throw new CliError(
        `${sessionPath(home, choice)} (${session.username}) is from an earlier local runtime: sign in again with \`${loginHint(choice, session.username)}\`, or \`telecollect logout --local\` to act as ${LOCAL_DEFAULT_USER}`,
      );
    }
    if (session) {
      usableSession(session, choice, new Date());
      return new SupervisorApiClient(session, description, loginHint(choice, session.username));
    }
  }
  const username = user ?? LOCAL_DEFAULT_USER;
  const { token } = await localSignIn(apiUrl, description, username, loadLocalPassword(env));
  return new SupervisorApiClient({ apiUrl, username, token }, description, loginHint(choice, username));
}
