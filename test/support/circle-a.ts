import { b } from "./circle-b";

/** Half of a deliberate import circle: the architecture test checks its circle finder on it. */
export const a = () => b;
