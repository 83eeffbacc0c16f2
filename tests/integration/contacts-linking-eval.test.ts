import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateLinking, type EvalSet } from "@/lib/contacts/linking/evaluate";
import { createTestWorkspace } from "../support/factory";

// The labelled set of tests/fixtures/linking-eval.json (ours), through the real pipeline.
describe("contact linking quality", () => {
  it("links automatically without a single wrong link and ranks the right contact in the top 3 for ≥ 90%", async () => {
    const set = JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures/linking-eval.json"), "utf8")) as EvalSet;
    expect(set.identities.length).toBeGreaterThanOrEqual(200);
    const ws = await createTestWorkspace();
    const r = await evaluateLinking(ws.id, set);
    expect(r.wrongAutoLinks).toBe(0);
    expect(r.autoLinkPrecision).toBe(1);
    expect(r.top3Rate).toBeGreaterThanOrEqual(0.9);
    // Every hard negative stays unlinked; strong evidence always links.
    for (const c of r.byCategory) {
      if (c.category.startsWith("negative")) expect(c.autoLinked, c.category).toBe(0);
      if (c.category.startsWith("strong")) expect(c.autoLinked, c.category).toBe(c.identities);
    }
  });
});
