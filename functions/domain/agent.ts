/**
 * An agent's id from how Amazon Connect names them: `arn:…:instance/<id>/agent/<agentId>` in
 * contact events and in the guide's flow, or the id itself. Cases, the roster and reports keep
 * the id. Undefined when there is none (absent, or an ARN ending in `/`).
 */
export function agentIdOf(arnOrId: string | undefined): string | undefined {
  return arnOrId?.split("/").at(-1) || undefined;
}
