import { describe, expect, it } from "vitest";
import { agentIdOf } from "../../../functions/domain/agent";
import { fromConnectEvent } from "../../../functions/domain/disposition";
import { toContactEvent } from "../../../functions/handlers/contact-events";

const ARN = "arn:aws:connect:ap-southeast-1:111122223333:instance/0f3c2a51/agent/4d5e6f70-8192";

describe("an agent's id", () => {
  it("is the last part of the agent's ARN, or the id as given; nothing when there is none", () => {
    expect(agentIdOf(ARN)).toBe("4d5e6f70-8192");
    expect(agentIdOf("agent-7")).toBe("agent-7");
    expect(agentIdOf(undefined)).toBeUndefined();
    expect(agentIdOf("")).toBeUndefined();
    expect(agentIdOf(`${ARN}/`)).toBeUndefined();
  });

  it("is read the same from a contact event and from the guide's disposition", () => {
    const contact = toContactEvent(
      {
        source: "aws.connect",
        "detail-type": "Amazon Connect Contact Event",
        detail: {
          eventType: "DISCONNECTED",
          contactId: "c-1",
          initiationMethod: "API",
          agentInfo: { agentArn: ARN, connectedToAgentTimestamp: "2026-11-16T01:00:00Z" },
          disconnectTimestamp: "2026-11-16T01:02:00Z",
        },
      },
      new Date("2026-11-16T01:02:00Z"),
    );
    const guide = fromConnectEvent({
      Name: "ContactFlowEvent",
      Details: { ContactData: { ContactId: "g-1", Attributes: {} }, Parameters: { agentId: ARN } },
    });
    expect(contact?.agentId).toBe("4d5e6f70-8192");
    expect(guide.agentId).toBe("4d5e6f70-8192");
  });
});
