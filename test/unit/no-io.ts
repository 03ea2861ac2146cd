import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";

/**
 * Unit tests run without Java and without the network: a test that opens a socket, listens, or
 * starts a process fails here with the reason, instead of hanging or needing DynamoDB Local.
 * Such a test belongs in test/integration (or test/cli, test/workflow).
 */
function refuse(what: string): () => never {
  return () => {
    throw new Error(`unit tests do no I/O: ${what} belongs in test/integration, not test/unit`);
  };
}

net.Socket.prototype.connect = refuse("a network connection");
net.Server.prototype.listen = refuse("a listening server");
for (const name of ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const) {
  Object.assign(childProcess, { [name]: refuse(`starting a process (${name})`) });
}
// Named imports (`import { spawn } from "node:child_process"`) see the patched functions too.
syncBuiltinESMExports();
