/** Placeholder until the console's build lands: one page saying so. */
export async function buildConsole(): Promise<Map<string, { body: Buffer; contentType: string }>> {
  return new Map([
    [
      "/index.html",
      { body: Buffer.from("<!doctype html><title>telecollect</title>"), contentType: "text/html" },
    ],
  ]);
}
