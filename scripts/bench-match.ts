// npm run bench:match: posts per second through the multi-rule matcher with 100, 1,000 and
// 10,000 generated rules, against a naive baseline (each rule evaluated by itself), on one core.
// Posts: the airline tweets in ../shared when present, otherwise generated text of that length.
import { performance } from "node:perf_hooks";
import { RuleMatcher, type RuleInput } from "../lib/listening/matcher";
import { parseQuery } from "../lib/listening/query/parser";
import { analyzePost } from "../lib/listening/query/post";
import { matchReference } from "../lib/listening/query/evaluate";
import type { QueryNode } from "../lib/listening/query/ast";
import { createRandom } from "../lib/demo/random";
import { airlineTweets } from "./bench/shared-data";

const rnd = createRandom(2026);
const BRANDS = ["united", "delta", "jetblue", "southwest", "usairways", "americanair", "virginamerica"];
const STOP = new Set(
  "the a an to and of i you for on in is it my with at me be this that are have not no was your just but can get so we our they will from".split(
    " ",
  ),
);

let posts = airlineTweets();
let origin = "../shared/data/airline/tweets-dev.csv";
if (!posts) {
  console.log("(../shared is missing: using generated posts of the same length instead of the airline tweets)");
  origin = "generated";
  const words = [
    "flight",
    "delayed",
    "bag",
    "lost",
    "crew",
    "great",
    "thanks",
    "gate",
    "hours",
    "refund",
    "seat",
    "service",
    "help",
    "cancelled",
    ...BRANDS,
  ];
  posts = Array.from({ length: 3000 }, () => Array.from({ length: 16 }, () => rnd.pick(words)).join(" "));
}

// Vocabulary from the posts themselves, so rules hit at realistic rates.
const counts = new Map<string, number>();
for (const p of posts)
  for (const t of analyzePost({ text: p }).tokens) counts.set(t.text, (counts.get(t.text) ?? 0) + 1);
const vocabulary = [...counts.entries()]
  .filter(([w, n]) => n >= 2 && w.length >= 3 && !STOP.has(w) && !/^\d+$/.test(w))
  .map(([w]) => w);

function word() {
  return rnd.pick(vocabulary);
}
// The first 60 rules of every set listen for the airlines in these posts; the rest for other
// brands (other workspaces, competitors) that these posts do not mention. So the 100-, 1,000-
// and 10,000-rule sets produce similar numbers of matches and the figures compare the cost of
// carrying more rules, not of emitting more matches.
const REAL_BRAND_RULES = 60;
function brand(i: number) {
  return i < REAL_BRAND_RULES ? BRANDS[i % BRANDS.length] : `brand${i}x${rnd.int(0, 99)}`;
}

function generateRule(i: number): string {
  const b = brand(i);
  const w = word();
  switch (i % 6) {
    case 0:
      return `${b} AND (${w} OR ${word()})`;
    case 1:
      return `"${b} ${w}" OR #${b}`;
    case 2:
      return `${b} NEAR/3 ${w.length > 4 ? `${w.slice(0, 4)}*` : w}`;
    case 3:
      return `(${b} OR @${b}) -${w}`;
    case 4:
      return `${b} ${w.length > 5 ? w.slice(0, 3) + "?" + w.slice(4) : w} lang:en`;
    default:
      return `${b} ("${w} ${word()}" OR ${word()}) -"${word()} ${word()}"`;
  }
}

function rules(n: number): RuleInput[] {
  return Array.from({ length: n }, (_, i) => ({ id: `r${i}`, query: generateRule(i) }));
}

function timeIt(fn: () => number, minMs = 1500): { perSecond: number; matches: number } {
  fn(); // warm-up
  let iterations = 0;
  let items = 0;
  let matches = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    const r = fn();
    matches += r;
    items += posts!.length;
    iterations++;
  }
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: items / seconds, matches: matches / iterations };
}

const inputs = posts.map((text) => ({ text, lang: "en", source: "x" }));
const results: Record<
  string,
  { posts_per_s: number; matches_per_pass: number; naive_posts_per_s?: number; speedup_vs_naive?: number }
> = {};

const sizes = process.env.BENCH_RULES ? [Number(process.env.BENCH_RULES)] : [100, 1000, 10_000];
for (const n of sizes) {
  const ruleSet = rules(n);
  const matcher = new RuleMatcher(ruleSet);
  if (matcher.invalid.length)
    throw new Error(`generated invalid rules: ${JSON.stringify(matcher.invalid.slice(0, 3))}`);
  const fast = timeIt(() => {
    let m = 0;
    for (const post of inputs) m += matcher.match(post).length;
    return m;
  });
  const entry: (typeof results)[string] = { posts_per_s: Math.round(fast.perSecond), matches_per_pass: fast.matches };
  if (n <= 1000 && !process.env.BENCH_SKIP_NAIVE) {
    const asts = ruleSet.map((r) => (parseQuery(r.query) as { ok: true; ast: QueryNode }).ast);
    const naive = timeIt(() => {
      let m = 0;
      for (const post of inputs) {
        const analyzed = analyzePost(post);
        for (const ast of asts) if (matchReference(ast, analyzed)) m++;
      }
      return m;
    });
    if (naive.matches !== fast.matches)
      throw new Error(`naive and indexed disagree: ${naive.matches} vs ${fast.matches}`);
    entry.naive_posts_per_s = Math.round(naive.perSecond);
    entry.speedup_vs_naive = Math.round((fast.perSecond / naive.perSecond) * 10) / 10;
  }
  results[`${n} rules`] = entry;
}

if (process.env.BENCH_RULES) {
  console.table(results);
  process.exit(0);
}
const p1000 = results["1000 rules"].posts_per_s;
const p10000 = results["10000 rules"].posts_per_s;
console.log(`bench:match — ${posts.length} posts from ${origin}, one core, Node ${process.version}`);
console.table(results);
const checks = [
  [`≥ 100,000 posts/s with 1,000 rules`, p1000 >= 100_000, `${p1000.toLocaleString("en")} posts/s`],
  [`10,000 rules at most 2× slower than 1,000`, p1000 / p10000 <= 2, `${(p1000 / p10000).toFixed(2)}×`],
  [
    `≥ 20× faster than naive at 1,000 rules`,
    (results["1000 rules"].speedup_vs_naive ?? 0) >= 20,
    `${results["1000 rules"].speedup_vs_naive}×`,
  ],
] as const;
for (const [name, ok, value] of checks) console.log(`${ok ? "PASS" : "FAIL"}  ${name}: ${value}`);
