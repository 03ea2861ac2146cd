import { a } from "./circle-a";

/** Half of a deliberate import circle: the architecture test checks its circle finder on it. */
export const b = () => a;
