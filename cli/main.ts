// Not local/environment: its default AWS_REGION would override the region of the user's profile.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const { run } = await import("./run");
const { askHidden } = await import("./prompt");

const code = await run(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  ...(process.stdin.isTTY ? { askSecret: askHidden } : {}),
});
// Explicit: SDK clients and the local runtime's servers would otherwise keep the process alive.
process.exitCode = code;
process.stdout.write("", () => process.exit(code));

// A module, for the top-level awaits.
export {};
