import { describe, expect, it, vi } from "vitest";
import type { SmsSender } from "../../../../functions/channels/sms";
import { SnsSmsSender } from "../../../../functions/channels/sms/sns";
import { ConfigError, loadRuntimeConfig } from "../../../../functions/config";
import { prefixedTableNames, tableEnvironment } from "../../../../functions/contracts";
import { snsSmsSender } from "../../../../functions/handlers/shared/aws/sms";
import { composePorts } from "../../../../functions/handlers/shared/composition-root";
import { SimulatedClock } from "../../../../local/sim/clock";

const config = loadRuntimeConfig(tableEnvironment(prefixedTableNames("unit-")), ["sms"]);

describe("the composition root", () => {
  it("builds a channel's AWS adapter on first use, once per container", () => {
    const build = vi.fn(snsSmsSender);
    const ports = composePorts(config, {}, { sms: build });
    expect(build).not.toHaveBeenCalled();
    const sender = ports.sms();
    expect(sender).toBeInstanceOf(SnsSmsSender);
    expect(ports.sms()).toBe(sender);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it("refuses a channel the function did not ask for, naming it", () => {
    const ports = composePorts(config);
    expect(() => ports.dialer()).toThrow(ConfigError);
    expect(() => ports.notifier()).toThrow("the supervisors adapter is not configured for this function");
  });

  it("puts the local runtime's adapters in place of AWS's, and its clock under the stores", () => {
    const outbox: SmsSender = { send: async () => ({ messageId: "local-1" }) };
    const clock = new SimulatedClock(new Date("2026-11-11T01:00:00Z"));
    const build = vi.fn(snsSmsSender);
    const ports = composePorts(config, { sms: outbox, clock }, { sms: build });
    expect(ports.sms()).toBe(outbox);
    expect(ports.clock.now().toISOString()).toBe("2026-11-11T01:00:00.000Z");
    expect(build).not.toHaveBeenCalled();
  });
});
