import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the fake API saw it. */
export interface SeenRequest {
  method: string;
  /** Path and query, e.g. `/api/branches/GORONTALO/campaigns`. */
  url: string;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeAnswer {
  status: number;
  body: unknown;
}

export interface FakeSupervisorApi {
  /** What a stack's SupervisorApiUrl output holds: `http://127.0.0.1:PORT/api`. */
  apiUrl: string;
  requests: SeenRequest[];
  /** What the next requests are answered, by `METHOD /path?query`. */
  answer(route: string, answer: FakeAnswer): void;
  close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : undefined;
}

/**
 * Plays a deployed stack's supervisor API on 127.0.0.1 for the CLI's AWS path: canned answers per
 * route, 404 for any other, every request kept.
 */
export async function startFakeSupervisorApi(): Promise<FakeSupervisorApi> {
  const answers = new Map<string, FakeAnswer>();
  const requests: SeenRequest[] = [];
  const server = createServer(async (request, response) => {
    const seen = {
      method: request.method ?? "",
      url: request.url ?? "",
      authorization: request.headers.authorization,
      body: await bodyOf(request),
    };
    requests.push(seen);
    const answer = answers.get(`${seen.method} ${seen.url}`) ?? {
      status: 404,
      body: { error: "NotFound", message: `no route ${seen.method} ${seen.url}` },
    };
    response.writeHead(answer.status, { "content-type": "application/json" });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    requests,
    answer: (route, answer) => answers.set(route, answer),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An ID token as Cognito's: only its `exp` matters to the CLI. */
export function idToken(username: string, expiresAt: Date): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const claims = {
    "cognito:username": username,
    token_use: "id",
    exp: Math.floor(expiresAt.getTime() / 1000),
  };
  return `${part({ alg: "RS256" })}.${part(claims)}.c2lnbmF0dXJl`;
}
