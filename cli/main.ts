import "../local/environment";
import { run } from "./run";

const code = await run(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
});
// Explicit: SDK clients and the local runtime's servers would otherwise keep the process alive.
process.exitCode = code;
process.stdout.write("", () => process.exit(code));
