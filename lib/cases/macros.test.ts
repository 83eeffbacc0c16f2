import { describe, expect, it } from "vitest";
import { findPlaceholder, placeholderProblem, renderMacro } from "./macros";
import { AGENT_REPLIES, FIRST_NAMES, LAST_NAMES } from "@/lib/demo/content";
import { decideRouting } from "@/lib/routing/decide";

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

describe("leftover placeholders", () => {
  it("finds double-brace variables, known or not, and the single-brace form, and says what to fix", () => {
    expect(placeholderProblem("Hi {name}, thanks!")).toBe("Fill in or remove {name} before sending.");
    expect(placeholderProblem("Hi {{customer.first_name}}")).toBe(
      "Fill in or remove {{customer.first_name}} before sending.",
    );
    expect(findPlaceholder("Case {{ case.number }} for {{brand.name}}")).toBe("{{ case.number }}");
    expect(findPlaceholder("Your code is { booking.ref }")).toBe("{ booking.ref }");
    expect(findPlaceholder("Hi {{}}")).toBe("{{}}");
    expect(findPlaceholder("Hi Tess, we're on it :) {not a placeholder, just prose}")).toBeNull();
    expect(findPlaceholder("Hi Tess, JSON looks like {} and sets {a, b}")).toBeNull();
    expect(placeholderProblem("Hi Tess, we're on it.")).toBeNull();
  });

  it("leaves a known variable with no value visible, so the send check catches it", () => {
    const text = renderMacro("Thanks from {{brand.name}}", {
      authorName: "Tess",
      authorHandle: "tess",
      agentName: "A",
      caseNumber: 1,
      brandName: null,
    });
    expect(findPlaceholder(text)).toBe("{{brand.name}}");
  });

  it("fills every demo macro completely for demo customers", () => {
    for (const [i, body] of AGENT_REPLIES.entries()) {
      const first = FIRST_NAMES[i % FIRST_NAMES.length];
      for (const ctx of [
        { authorName: `${first} ${LAST_NAMES[i]}`, authorHandle: first.toLowerCase() },
        { authorName: null, authorHandle: `${first.toLowerCase()}_travels` },
      ]) {
        const text = renderMacro(body, { ...ctx, agentName: "Alex Agent", caseNumber: 7, brandName: "Northwind Air" });
        expect(findPlaceholder(text), text).toBeNull();
        expect(text).toContain(ctx.authorName ? first : ctx.authorHandle);
      }
    }
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
