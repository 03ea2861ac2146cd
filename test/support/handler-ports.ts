import { loadRuntimeConfig, type Variables } from "../../functions/config";
import {
  channelsOf,
  composePorts,
  installPorts,
  type NamedAdapters,
  type PortOverrides,
  type Ports,
} from "../../functions/handlers/shared/composition-root";

/**
 * Installs the ports the in-process handlers run on, as the local runtime does: the config a
 * Lambda function would read from `variables`, the simulators and fakes of `overrides` in place
 * of AWS adapters, and the AWS adapters of `adapters` (on mocked clients). Call again to swap a
 * port (a later clock); nothing is read from or written to process.env.
 */
export function installHandlerPorts(
  variables: Variables,
  overrides: PortOverrides = {},
  adapters: NamedAdapters = {},
): Ports {
  const ports = composePorts(loadRuntimeConfig(variables, channelsOf(adapters)), overrides, adapters);
  installPorts(ports);
  return ports;
}
