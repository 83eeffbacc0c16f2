import { describe, expect, it } from "vitest";
import { renderMacro } from "./macros";
import { decideRouting } from "@/lib/routing/decide";
import { sandboxTransport, transportFor } from "@/lib/outbox/transport";

describe("macros", () => {
  it("fills the author's first name, handle, agent and case, and leaves unknown variables visible", () => {
    const text = renderMacro(
      "Hi {{author.name}} ({{ author.handle }}), {{agent.name}} here about case {{case.number}} at {{brand.name}}. {{oops}}",
      {
        authorName: "Tess Traveller",
        authorHandle: "tess",
        agentName: "Alex Agent",
        caseNumber: 42,
        brandName: "Northwind Air",
      },
    );
    expect(text).toBe("Hi Tess (@tess), Alex here about case 42 at Northwind Air. {{oops}}");
    expect(
      renderMacro("Hi {{author.name}}", {
        authorName: null,
        authorHandle: "tess",
        agentName: "A",
        caseNumber: 1,
        brandName: null,
      }),
    ).toBe("Hi tess");
  });
});

describe("routing defaults", () => {
  const base = {
    brandId: "b",
    keywordRuleIds: [],
    network: "x",
    sentiment: "NEUTRAL" as const,
    intent: "OTHER" as const,
    influence: 10,
    followers: 10,
    direct: false,
    contactTier: null,
  };
  it("logs praise, opens cases for questions, complaints and direct mentions, raises influential negatives and VIPs", () => {
    expect(decideRouting({ ...base, sentiment: "POSITIVE", intent: "PRAISE" }, []).createCase).toBe(false);
    expect(decideRouting({ ...base, intent: "QUESTION" }, [])).toMatchObject({ createCase: true, priority: "NORMAL" });
    expect(decideRouting({ ...base, direct: true }, []).createCase).toBe(true);
    expect(decideRouting(base, []).createCase).toBe(false);
    expect(decideRouting({ ...base, sentiment: "NEGATIVE", intent: "COMPLAINT", followers: 20_000 }, []).priority).toBe(
      "HIGH",
    );
    expect(decideRouting({ ...base, intent: "COMPLAINT", contactTier: "vip" }, []).priority).toBe("URGENT");
    const rule = {
      id: "r",
      name: "Low",
      conditions: { intents: ["COMPLAINT" as const] },
      actions: { createCase: true, priority: "LOW" as const, tags: ["t"], queueId: "q" },
    };
    expect(
      decideRouting({ ...base, intent: "COMPLAINT", sentiment: "NEGATIVE", followers: 20_000 }, [rule]),
    ).toMatchObject({ priority: "HIGH", queueId: "q", tags: ["t"], ruleId: "r" });
  });
});

describe("outbox transports", () => {
  it("sends through the sandbox unless a network has a configured transport", async () => {
    expect(transportFor("x")).toBe(sandboxTransport);
    expect(
      await transportFor(null).send({ network: "x", caseNumber: 1, inReplyToExternalId: null, body: "hi" }),
    ).toEqual({ status: "sent (sandbox)", externalId: null });
  });
});
