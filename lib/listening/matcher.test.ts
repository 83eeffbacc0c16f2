// Property tests: the indexed multi-rule matcher agrees with the straightforward evaluator,
// and the boolean operators behave as the spec says, over thousands of random rules and posts.
import { describe, expect, it } from "vitest";
import { RuleMatcher } from "./matcher";
import { parseQuery } from "./query/parser";
import { analyzePost, type PostInput } from "./query/post";
import { matchReference } from "./query/evaluate";
import { createRandom, type Random } from "../demo/random";

const WORDS = [
  "delta",
  "lost",
  "bag",
  "bags",
  "baggage",
  "refund",
  "refunded",
  "late",
  "gate",
  "crew",
  "café",
  "Zürich",
  "united",
  "delay",
  "delayed",
  "customise",
  "customize",
  "help",
  "x1",
  "snake_case",
];
const SEPARATORS = [" ", " ", " ", ", ", "-", ". ", "! ", " #", " @", "'", "\n"];

function randomPost(r: Random): PostInput {
  const n = r.int(0, 18);
  let text = "";
  for (let i = 0; i < n; i++) {
    const w = r.pick(WORDS);
    text +=
      (i ? r.pick(SEPARATORS) : r.chance(0.1) ? "#" : "") +
      (r.chance(0.2) ? w.toUpperCase() : r.chance(0.2) ? w[0].toUpperCase() + w.slice(1) : w);
  }
  return {
    text,
    lang: r.chance(0.7) ? r.pick(["en", "fr"]) : null,
    source: r.pick(["x", "reddit", "mastodon"]),
    author: r.chance(0.8)
      ? { handle: r.pick(["amy", "bob"]), followers: r.chance(0.8) ? r.int(0, 5000) : null, verified: r.chance(0.5) }
      : null,
  };
}

function randomTerm(r: Random): string {
  const w = r.pick(WORDS).toLowerCase();
  const roll = r.next();
  if (roll < 0.1 && w.length > 4) return `${w.slice(0, r.int(3, w.length - 1))}*`;
  if (roll < 0.15 && w.length > 3) return `${w.slice(0, 2)}?${w.slice(3)}`;
  if (roll < 0.2) return `#${w}`;
  if (roll < 0.23) return `@${w}`;
  if (roll < 0.27) return `{${r.pick(WORDS)}}`;
  if (roll < 0.35) return `"${w} ${r.pick(WORDS).toLowerCase()}"`;
  return w;
}

function randomQuery(r: Random, depth = 0): string {
  const roll = r.next();
  if (depth > 2 || roll < 0.35) return randomTerm(r);
  if (roll < 0.5) return `(${randomQuery(r, depth + 1)} OR ${randomQuery(r, depth + 1)})`;
  if (roll < 0.65) return `${randomQuery(r, depth + 1)} ${randomQuery(r, depth + 1)}`;
  if (roll < 0.75) return `${randomQuery(r, depth + 1)} -${randomTerm(r)}`;
  if (roll < 0.85)
    return `${randomTerm(r)} ${r.chance(0.5) ? "NEAR" : "ONEAR"}/${r.int(1, 4)} (${randomTerm(r)} OR ${randomTerm(r)})`;
  return `${randomQuery(r, depth + 1)} ${r.pick(["lang:en", "source:x", "author:amy", "followers:[100 TO *]", "verified:true"])}`;
}

function ref(query: string, post: PostInput): boolean {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(`${query}: ${parsed.error.message}`);
  return matchReference(parsed.ast, analyzePost(post)) !== null;
}

describe("RuleMatcher", () => {
  it("agrees with the reference evaluator on 3,000 random posts against 400 random rules (ids and spans)", () => {
    const r = createRandom(20261127);
    const rules = Array.from({ length: 400 }, (_, i) => ({ id: `r${i}`, query: randomQuery(r) })).filter(
      (x) => parseQuery(x.query).ok,
    );
    expect(rules.length).toBeGreaterThan(350);
    const matcher = new RuleMatcher(rules);
    expect(matcher.invalid).toEqual([]);
    const parsed = rules.map((x) => ({ id: x.id, ast: (parseQuery(x.query) as { ok: true; ast: never }).ast }));
    let matches = 0;
    for (let i = 0; i < 3000; i++) {
      const post = analyzePost(randomPost(r));
      const expected = parsed.flatMap((x) => {
        const spans = matchReference(x.ast, post);
        return spans ? [{ ruleId: x.id, spans }] : [];
      });
      expect(matcher.match(post)).toEqual(expected);
      matches += expected.length;
    }
    expect(matches).toBeGreaterThan(1000); // the test exercises real matches, not only misses
  });

  it("reports invalid rules and keeps matching with the valid ones", () => {
    const matcher = new RuleMatcher([
      { id: "ok", query: "delta" },
      { id: "bad", query: "delta AND" },
    ]);
    expect(matcher.invalid).toEqual([{ ruleId: "bad", error: { message: expect.any(String), offset: 6 } }]);
    expect(matcher.match({ text: "Delta!" })).toEqual([{ ruleId: "ok", spans: [[0, 5]] }]);
  });

  it("explains matches with character spans in the original text", () => {
    const matcher = new RuleMatcher([{ id: "r", query: 'delta AND "lost bag*" -praise' }]);
    const text = "Ugh, @Delta lost bags again";
    const [m] = matcher.match({ text });
    expect(m.spans.map(([s, e]) => text.slice(s, e))).toEqual(["Delta", "lost bags"]);
    const unicode = new RuleMatcher([{ id: "u", query: "zurich" }]).match({ text: "🙂 Zürich" });
    expect(unicode[0].spans).toEqual([[3, 9]]);
  });

  it("evaluates field-only rules for every post", () => {
    const matcher = new RuleMatcher([{ id: "en", query: "lang:en" }]);
    expect(matcher.match({ text: "anything", lang: "en" })).toHaveLength(1);
    expect(matcher.match({ text: "anything", lang: "fr" })).toHaveLength(0);
  });
});

describe("operator properties over random posts and queries", () => {
  const r = createRandom(99);
  const posts = Array.from({ length: 300 }, () => randomPost(r));
  const pairs = Array.from({ length: 60 }, () => [randomQuery(r, 1), randomQuery(r, 1)] as const).filter(
    ([a, b]) => parseQuery(a).ok && parseQuery(b).ok,
  );

  it("a OR b is the union and a b the intersection", () => {
    for (const [a, b] of pairs) {
      for (const post of posts) {
        const ra = ref(a, post);
        const rb = ref(b, post);
        expect(ref(`(${a}) OR (${b})`, post)).toBe(ra || rb);
        expect(ref(`(${a}) (${b})`, post)).toBe(ra && rb);
      }
    }
  });

  it("-a is the complement within a positive query", () => {
    for (const [p, a] of pairs) {
      for (const post of posts) expect(ref(`(${p}) -(${a})`, post)).toBe(ref(p, post) && !ref(a, post));
    }
  });

  it("NEAR/n implies NEAR/(n+1), and ONEAR/n implies NEAR/n", () => {
    for (let i = 0; i < 80; i++) {
      const a = randomTerm(r);
      const b = randomTerm(r);
      const n = r.int(1, 49);
      for (const post of posts) {
        if (ref(`${a} NEAR/${n} ${b}`, post)) expect(ref(`${a} NEAR/${n + 1} ${b}`, post)).toBe(true);
        if (ref(`${a} ONEAR/${n} ${b}`, post)) expect(ref(`${a} NEAR/${n} ${b}`, post)).toBe(true);
      }
    }
  });
});

describe("parser robustness on generated garbage", () => {
  it("never throws or hangs, and every error has an offset inside the query", () => {
    const r = createRandom(7);
    const alphabet = [
      '"',
      "(",
      ")",
      "-",
      "*",
      "?",
      "#",
      "@",
      "{",
      "}",
      ":",
      "[",
      "]",
      " ",
      "AND ",
      "OR ",
      "NOT ",
      "NEAR/",
      "ONEAR/3 ",
      "a",
      "bc",
      "déf",
      "1",
      "lang:",
      "followers:[",
      " TO ",
      "\u0301",
      "🙂",
    ];
    for (let i = 0; i < 20_000; i++) {
      let q = "";
      const n = r.int(0, 30);
      for (let k = 0; k < n; k++) q += r.pick(alphabet);
      const result = parseQuery(q);
      if (!result.ok) {
        expect(result.error.offset).toBeGreaterThanOrEqual(0);
        expect(result.error.offset).toBeLessThanOrEqual(q.length);
      }
    }
  });
});
