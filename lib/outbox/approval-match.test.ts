import { describe, expect, it } from "vitest";
import { approvalReason, approvalRuleFor, wordsIn, type ReplyFacts } from "./approval-match";

const reply: ReplyFacts = {
  brandId: "b1",
  network: "x",
  followers: 12_000,
  influence: 40,
  agentId: "u1",
  role: "AGENT",
  body: "We will issue a Refund today, sorry!",
};

describe("approval rules", () => {
  it("matches on every condition given, in order, skipping disabled rules", () => {
    const rules = [
      { id: "r0", name: "Off", enabled: false, conditions: {} },
      { id: "r1", name: "Other brand", enabled: true, conditions: { brandIds: ["b2"] } },
      { id: "r2", name: "Big audience on X", enabled: true, conditions: { networks: ["x"], minFollowers: 10_000 } },
      { id: "r3", name: "All", enabled: true, conditions: {} },
    ];
    expect(approvalRuleFor(rules, reply)?.id).toBe("r2");
    expect(approvalRuleFor(rules, { ...reply, followers: 10 })?.id).toBe("r3");
    expect(approvalRuleFor(rules.slice(0, 2), reply)).toBeNull();
  });

  it("audience: followers or influence; who: agent or role", () => {
    const rule = { id: "a", name: "a", enabled: true, conditions: { minFollowers: 50_000, minInfluence: 30 } };
    expect(approvalRuleFor([rule], reply)).not.toBeNull();
    expect(approvalRuleFor([rule], { ...reply, influence: 10 })).toBeNull();
    const who = { id: "w", name: "w", enabled: true, conditions: { agentIds: ["u9"], roles: ["AGENT"] } };
    expect(approvalRuleFor([who], reply)).not.toBeNull();
    expect(approvalRuleFor([who], { ...reply, role: "MANAGER" })).toBeNull();
  });

  it("words are whole words or phrases, any case and script", () => {
    expect(wordsIn(reply.body, ["refund", "fund", "sorry!"])).toEqual(["refund", "sorry!"]);
    expect(wordsIn("Rückerstattung heute", ["rückerstattung"])).toEqual(["rückerstattung"]);
    const rule = { id: "x", name: "Money words", enabled: true, conditions: { words: ["refund", "lawyer"] } };
    expect(approvalRuleFor([rule], reply)).not.toBeNull();
    expect(approvalReason(rule, reply)).toBe("Money words (mentions “refund”)");
    expect(approvalRuleFor([rule], { ...reply, body: "We fund it" })).toBeNull();
  });
});
