#!/usr/bin/env node
// The `telecollect` bin: TypeScript runs through tsx, registered here so any working directory works.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
