import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateLinking, type EvalSet } from "../../scripts/linking/evaluate";
import { createTestWorkspace } from "../support/factory";

// Both labelled sets through the real pipeline: ours (tests/fixtures/linking-eval.json,
// generated) and the hard one written case by case (tests/fixtures/linking-eval-hard.json:
// international names, organisation domains, other people's e-mails in bios, role and family
// mailboxes, reporters and parodies). The same targets hold on both.
const load = (file: string) =>
  JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures", file), "utf8")) as EvalSet;

describe.each([
  ["linking-eval.json", 200],
  ["linking-eval-hard.json", 180],
])("contact linking quality on %s", (file, minIdentities) => {
  it("never links wrongly, links ≥ 90% of personal evidence, and ranks the right contact first ≥ 70% and in the top 3 ≥ 90%", async () => {
    const set = load(file);
    expect(set.identities.length).toBeGreaterThanOrEqual(minIdentities);
    const ws = await createTestWorkspace();
    const r = await evaluateLinking(ws.id, set);
    expect(r.misses.filter((m) => m.outcome.startsWith("WRONG"))).toEqual([]);
    expect(r.wrongAutoLinks).toBe(0);
    expect(r.autoLinkPrecision).toBe(1);
    expect(r.negativesLinked).toBe(0);
    expect(r.strongRecall).toBeGreaterThanOrEqual(0.9);
    expect(r.top1Rate).toBeGreaterThanOrEqual(0.7);
    expect(r.top3Rate).toBeGreaterThanOrEqual(0.9);
    for (const c of r.byCategory) if (c.category.startsWith("negative")) expect(c.autoLinked, c.category).toBe(0);
  }, 120_000);
});
