// First: Powertools and the SDK read their variables when their modules load.
import "../local/environment";
import { campaignE2eBench } from "./campaign-e2e";
import { costModelBench } from "./cost-model";
import { type Benchmark, formatFigure } from "./harness";
import { kaderHandoffBench } from "./kader-handoff";
import { mapArrearsBench } from "./map-arrears";
import { messagingOptionsBench } from "./messaging-options";
import { smsReadBench } from "./sms-read";
import { supervisorApiBench } from "./supervisor-api";
import { webhookBench } from "./webhook";

const BENCHMARKS: Benchmark[] = [
  mapArrearsBench,
  webhookBench,
  supervisorApiBench,
  campaignE2eBench,
  costModelBench,
  messagingOptionsBench,
  smsReadBench,
  kaderHandoffBench,
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHMARKS.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark(s): ${unknown.join(", ")}; known: ${BENCHMARKS.map((b) => b.name).join(", ")}`,
  );
  process.exit(2);
}
for (const bench of BENCHMARKS.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
  console.error(`# ${bench.name}: ${bench.description}`);
  for (const figure of await bench.run()) console.log(formatFigure(bench.name, figure));
}
