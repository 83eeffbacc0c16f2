// npm run eval:linking: precision and recall of automatic contact linking and of suggestions on
// tests/fixtures/linking-eval.json, through the real ingestion pipeline into a fresh embedded
// database (or into a fresh database on EVAL_DATABASE_URL's server). Touches no real data.
import { readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { startPgliteServer } from "../lib/db/pglite-server";
import { applyMigrations } from "../lib/db/schema-engine";
import { db, disconnectDb } from "../lib/db/client";
import { evaluateLinking, type EvalSet } from "../lib/contacts/linking/evaluate";

async function main() {
  const file = process.argv[2] ?? path.join(process.cwd(), "tests/fixtures/linking-eval.json");
  const set = JSON.parse(readFileSync(file, "utf8")) as EvalSet;
  const lite = new PGlite();
  const server = await startPgliteServer(lite);
  process.env.DATABASE_URL = server.url;
  try {
    await applyMigrations(server.url);
    const ws = await db().workspace.create({ data: { slug: "eval", name: "Linking evaluation" } });
    const r = await evaluateLinking(ws.id, set);
    console.log(`eval:linking — ${file}`);
    console.log(`${r.identities} identities: ${r.linkable} linkable, ${r.negatives} hard negatives; ${set.contacts.length} contacts\n`);
    console.table(r.byCategory.map((c) => ({ category: c.category, n: c.identities, auto_linked: c.autoLinked, wrong_links: c.wrongLinks, top1: c.top1, top3: c.top3, with_suggestions: c.withSuggestions })));
    console.log(`automatic links: ${r.autoLinks}, wrong: ${r.wrongAutoLinks}`);
    console.log(`automatic-link precision: ${r.autoLinkPrecision.toFixed(3)}   recall (of all linkable): ${r.autoLinkRecall.toFixed(3)}`);
    console.log(`left to agents: ${r.suggestionCases} linkable identities; right contact first: ${r.top1}; in the top 3: ${r.top3} (${(r.top3Rate * 100).toFixed(1)}%)`);
    console.log(`suggestion precision (share of shown suggestions that are right): ${r.suggestionPrecision.toFixed(3)}`);
    console.log(`hard negatives that got a suggestion (for an agent to reject): ${r.negativesWithSuggestions} of ${r.negatives}`);
    const checks = [
      ["automatic-link precision = 1.0 (no wrong links)", r.wrongAutoLinks === 0],
      ["right contact in the top 3 suggestions for ≥ 90% of linkable cases", r.top3Rate >= 0.9],
    ] as const;
    for (const [label, ok] of checks) console.log(`${ok ? "PASS" : "FAIL"}  ${label}`);
  } finally {
    await disconnectDb();
    await server.stop();
    await lite.close();
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
