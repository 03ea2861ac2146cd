import { CliError } from "./errors";

/** An answer of the API other than success (docs/console.md): its status, kind and message. */
export class ApiAnswerError extends CliError {
  override name = "ApiAnswerError";

  constructor(
    readonly status: number,
    readonly kind: string,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
  }
}

export interface ApiSession {
  /** The API's root: `<apiUrl>/me`. */
  apiUrl: string;
  username: string;
  token: string;
}

/**
 * The supervisor API as the CLI calls it: the signed-in user's token on every request; a 401 says
 * to sign in again, any other refusal carries the API's own message.
 */
export class SupervisorApiClient {
  constructor(
    private readonly session: ApiSession,
    /** The target as the output names it ("local runtime (pid 4242)"). */
    readonly description: string,
    /** The command line that signs in again. */
    private readonly login: string,
  ) {}

  get username(): string {
    return this.session.username;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    return (await response.json()) as T;
  }

  async send(method: string, path: string, body?: unknown): Promise<Response> {
    const url = `${this.session.apiUrl.replace(/\/$/, "")}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.session.token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new CliError(
        `the supervisor API at ${this.session.apiUrl} did not answer (${cause?.code ?? cause?.message ?? (error as Error).message})`,
      );
    }
    if (response.ok) return response;
    throw await this.refusal(response);
  }

  private async refusal(response: Response): Promise<CliError> {
    const text = await response.text();
    let answer: { error?: string; message?: string; reason?: string } = {};
    try {
      answer = JSON.parse(text);
    } catch {
      // Not the API's JSON (a gateway's page): the status says enough.
    }
    if (response.status === 401) {
      return new CliError(
        `the supervisor API refused the session of ${this.username} on ${this.description} (expired or not valid): sign in again with \`${this.login}\``,
      );
    }
    const message = answer.message ?? `HTTP ${response.status}`;
    return new ApiAnswerError(
      response.status,
      answer.error ?? `HTTP ${response.status}`,
      message,
      answer.reason,
    );
  }
}
