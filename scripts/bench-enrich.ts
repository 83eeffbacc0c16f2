// npm run bench:enrich: posts per second through the enrichment stage (language, sentiment,
// intent, influence) and through the learned model's scoring, on one core.
import { performance } from "node:perf_hooks";
import { enrich } from "../lib/enrich";
import { emptyModel, predict, train, type Label } from "../lib/enrich/learn/model";
import { airlineTweets } from "./bench/shared-data";

const texts =
  airlineTweets() ??
  Array.from(
    { length: 3000 },
    (_, i) => `@airline flight ${i} delayed again, still waiting for hours, thanks for nothing`,
  );
function rate(fn: (t: string) => unknown): number {
  for (const t of texts) fn(t); // warm-up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 2000) {
    for (const t of texts) fn(t);
    n += texts.length;
  }
  return Math.round(n / ((performance.now() - start) / 1000));
}
const model = train(
  emptyModel(),
  texts.map((text, i) => ({ text, label: (["NEGATIVE", "NEUTRAL", "POSITIVE"] as Label[])[i % 3] })),
);
const results = {
  "enrich (built-in analyzer)": rate((text) => enrich({ text, followers: 100 })),
  "enrich, language detection too": rate((text) => enrich({ text })),
  "learned model scoring": rate((text) => predict(model, text)),
};
console.log(`bench:enrich — ${texts.length} posts, one core, Node ${process.version}`);
console.table(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { posts_per_s: v }])));
const slowest = Math.min(...Object.values(results));
console.log(
  `${slowest >= 20_000 ? "PASS" : "FAIL"}  ≥ 20,000 posts/s on one core: slowest ${slowest.toLocaleString("en")} posts/s`,
);
