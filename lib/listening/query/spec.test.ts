// Every example and error row of ../shared/spec/query-language.md (the contract), plus the
// rules stated in its prose.
import { describe, expect, it } from "vitest";
import { parseQuery } from "./parser";
import { analyzePost, type PostInput } from "./post";
import { matchReference } from "./evaluate";

function matches(query: string, post: PostInput | string): boolean {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(`${query}: ${parsed.error.message} @${parsed.error.offset}`);
  return matchReference(parsed.ast, analyzePost(typeof post === "string" ? { text: post } : post)) !== null;
}

function errorAt(query: string): number {
  const parsed = parseQuery(query);
  if (parsed.ok) throw new Error(`expected ${JSON.stringify(query)} to be invalid`);
  expect(parsed.error.message.length).toBeGreaterThan(5);
  return parsed.error.offset;
}

describe("spec §5 examples", () => {
  const rows: Array<[string, PostInput | string, boolean]> = [
    ["delta AND (lost OR missing) AND bag*", "@Delta lost my bags again", true],
    ["delta AND (lost OR missing) AND bag*", "Delta found my bag", false],
    ['"customer service" -praise', "Customer-service was slow", true],
    ["#jetblue", "flying jetblue today", false],
    ["jetblue", "loving #JetBlue", true],
    ["refund NEAR/3 delay*", "refund after the long delays", true],
    ["refund NEAR/2 delay*", "refund after the long delays", false],
    ["refund ONEAR/3 delay*", "delayed flight, no refund", false],
    ["{Delta} -airline", "delta variant news", false],
    [
      "united lang:en followers:[1000 TO *]",
      { text: "United lost it", lang: "en", author: { handle: "someone", followers: 52_000 } },
      true,
    ],
    ["cafe", "Best café in town", true],
    ["united and delta", "united and delta", true],
  ];
  for (const [query, post, expected] of rows) {
    it(`${query}  ~  ${typeof post === "string" ? post : post.text} → ${expected ? "match" : "no match"}`, () => {
      expect(matches(query, post)).toBe(expected);
    });
  }
});

describe("spec §4 errors", () => {
  const rows: Array<[string, number]> = [
    ["(delta OR united", 0],
    ['"lost luggage', 0],
    ["re*", 2],
    ["delta AND", 6],
    ["colour:red", 0],
    ["NOT delta", 0],
    ["delta NEAR/0 late", 6],
    ["", 0],
  ];
  for (const [query, offset] of rows) {
    it(`${JSON.stringify(query)} is invalid at ${offset}`, () => expect(errorAt(query)).toBe(offset));
  }
  it("NOT delta OR lost is invalid (it would match an empty post), lost -delta is valid", () => {
    expect(errorAt("NOT delta OR lost")).toBe(0);
    expect(parseQuery("lost -delta").ok).toBe(true);
  });
});

describe("spec §1 text normalisation", () => {
  it("folds case, NFKC and diacritics", () => {
    expect(matches("zurich", "Flying to Zürich")).toBe(true);
    expect(matches("cafe", "CAFÉ")).toBe(true);
    expect(matches("café", "best cafe")).toBe(true);
    expect(matches("fire", "ＦＩＲＥ alarm")).toBe(true); // full-width letters: NFKC
    expect(matches("cafe", "cafe\u0301 decomposed")).toBe(true);
  });
  it("splits on every non-letter/digit/_ character", () => {
    expect(matches('"jet blue"', "jet-blue")).toBe(true);
    expect(matches('"don t"', "don't")).toBe(true);
    expect(matches('"3 5"', "version 3.5")).toBe(true);
    expect(matches("snake_case", "a snake_case word")).toBe(true);
    expect(matches("jet", "jetblue")).toBe(false);
  });
  it("knows hashtags and mentions, with no special case for e-mail addresses", () => {
    expect(matches("@example", "write to user@example.com")).toBe(true);
    expect(matches("#example", "write to user@example.com")).toBe(false);
    expect(matches("com", "write to user@example.com")).toBe(true);
    expect(matches("#jetblue", "loving #JetBlue")).toBe(true);
    expect(matches("@jetblue", "loving #JetBlue")).toBe(false);
    expect(matches("united", "@united help")).toBe(true);
  });
  it("strips HTML and decodes entities for HTML bodies", () => {
    const post = { text: "<p>Lost &amp; found at <a href='https://x.example'>the desk</a></p>", source: "mastodon" };
    expect(matches('"lost found"', post)).toBe(true);
    expect(matches("href", post)).toBe(false);
    expect(matches("p", post)).toBe(false);
  });
  it("searches title and body joined", () => {
    expect(matches('"refund policy"', { title: "Refund", text: "policy question" })).toBe(true);
  });
});

describe("spec §2 grammar", () => {
  it("recognises operators only in upper case", () => {
    expect(matches("delta or united", "delta or united")).toBe(true);
    expect(matches("delta or united", "delta united")).toBe(false);
    expect(matches("delta OR united", "united")).toBe(true);
    expect(matches("near", "near the gate")).toBe(true);
  });
  it("gives AND precedence over OR and NOT over AND", () => {
    // a OR b c == a OR (b AND c)
    expect(matches("a OR b c", "a")).toBe(true);
    expect(matches("a OR b c", "b")).toBe(false);
    expect(matches("a OR b c", "b c")).toBe(true);
    // NOT a b == (NOT a) AND b
    expect(matches("NOT a b", "b")).toBe(true);
    expect(matches("NOT a b", "a b")).toBe(false);
  });
  it("treats - as NOT only when directly followed by a term", () => {
    expect(matches("lost -delta", "lost bag")).toBe(true);
    expect(matches("lost -delta", "lost delta")).toBe(false);
    expect(matches('lost -"delta air"', "lost delta air")).toBe(false);
    expect(matches("lost -(delta OR united)", "lost united")).toBe(false);
    expect(matches("lost -lang:en", { text: "lost", lang: "en" })).toBe(false);
  });
  it("ignores extra whitespace", () => {
    expect(matches("  delta\tAND\n lost ", "delta lost")).toBe(true);
  });
});

describe("spec §3 terms, wildcards, proximity, case, fields", () => {
  it("treats a multi-token query word as a phrase", () => {
    expect(matches("jet-blue", "jet blue")).toBe(true);
    expect(matches("jet-blue", "blue jet")).toBe(false);
  });
  it("matches phrases at consecutive positions, with wildcards and tags inside", () => {
    expect(matches('"lost lugg*"', "they lost luggage again")).toBe(true);
    expect(matches('"lost lugg*"', "lost my luggage")).toBe(false);
    expect(matches('"#fly delta"', "#fly delta")).toBe(true);
    expect(matches('"#fly delta"', "fly delta")).toBe(false);
    expect(matches('"delta"', "Delta")).toBe(true);
  });
  it("handles * and ? wildcards", () => {
    expect(matches("refund*", "refund")).toBe(true);
    expect(matches("refund*", "refunded")).toBe(true);
    expect(matches("refund*", "refun")).toBe(false);
    expect(matches("customi?e", "customise")).toBe(true);
    expect(matches("customi?e", "customize")).toBe(true);
    expect(matches("customi?e", "customie")).toBe(false);
    expect(matches("bag?", "bags")).toBe(true);
    expect(matches("bag?", "bag")).toBe(false);
    expect(errorAt("lo*st")).toBe(2);
    expect(errorAt("delta AND ab*")).toBe(12);
    expect(parseQuery("abc*").ok).toBe(true);
  });
  it("counts tokens strictly between occurrences for NEAR, in either order, and in order for ONEAR", () => {
    expect(matches("a NEAR/1 b", "a b")).toBe(true);
    expect(matches("a NEAR/1 b", "b x a")).toBe(true);
    expect(matches("a NEAR/1 b", "a x y b")).toBe(false);
    expect(matches("a ONEAR/1 b", "b a")).toBe(false);
    expect(matches("a ONEAR/1 b", "a x b")).toBe(true);
    expect(matches('"lost bag" NEAR/2 (refund OR compensation)', "lost bag and no compensation")).toBe(true);
    expect(matches('"lost bag" NEAR/1 refund', "refund my lost bag")).toBe(true);
  });
  it("rejects invalid NEAR forms", () => {
    expect(errorAt("a NEAR/51 b")).toBe(2);
    expect(errorAt("a NEAR/2 b NEAR/2 c")).toBe(11);
    expect(errorAt("(a AND b) NEAR/2 c")).toBe(1);
    expect(errorAt("a NEAR/2 lang:en")).toBe(2);
    expect(errorAt("a NEAR/2 (b OR -c)")).toBe(10);
    expect(errorAt("x NEAR/ y")).toBe(2);
    expect(parseQuery('(a OR "b c") NEAR/2 d').ok).toBe(true);
  });
  it("matches {Case} terms on original spelling", () => {
    expect(matches("{Delta}", "Delta")).toBe(true);
    expect(matches("{Delta}", "DELTA")).toBe(false);
    expect(matches("{Delta}", "delta")).toBe(false);
    expect(matches("{Zürich}", "Zürich")).toBe(true);
    expect(matches("{Zürich}", "Zurich")).toBe(false);
  });
  it("filters on fields", () => {
    const post: PostInput = {
      text: "see https://help.delta.com/bags and more",
      lang: "en",
      source: "x",
      url: "https://x.com/a/status/1",
      author: { handle: "@Traveler", followers: 500, verified: false },
    };
    expect(matches("see lang:en", post)).toBe(true);
    expect(matches("see lang:fr", post)).toBe(false);
    expect(matches("see source:x", post)).toBe(true);
    expect(matches("see source:reddit", post)).toBe(false);
    expect(matches("see author:traveler", post)).toBe(true);
    expect(matches("see author:@TRAVELER", post)).toBe(true);
    expect(matches("see followers:[100 TO 500]", post)).toBe(true);
    expect(matches("see followers:[501 TO *]", post)).toBe(false);
    expect(matches("see followers:[* TO 499]", post)).toBe(false);
    expect(matches("see followers:[1 TO *]", { text: "see" })).toBe(false); // unknown count never matches
    expect(matches("see verified:false", post)).toBe(true);
    expect(matches("see verified:true", post)).toBe(false);
    expect(matches("see site:delta.com", post)).toBe(true);
    expect(matches("see site:help.delta.com", post)).toBe(true);
    expect(matches("see site:elta.com", post)).toBe(false);
    expect(matches("see site:x.com", post)).toBe(true);
    expect(matches('see author:"traveler"', post)).toBe(true);
  });
  it("rejects bad field values where the value starts", () => {
    expect(errorAt("x verified:maybe")).toBe(11);
    expect(errorAt("x followers:[a TO b]")).toBe(12);
    expect(errorAt("x followers:100")).toBe(12);
    expect(errorAt("x colour:red")).toBe(2);
  });
  it("accepts a field-only query that an empty post does not match", () => {
    expect(parseQuery("lang:en").ok).toBe(true);
    expect(errorAt("-lang:en")).toBe(0);
  });
});

describe("robustness", () => {
  it("reports unbalanced and misplaced operators with offsets", () => {
    expect(errorAt("delta)")).toBe(5);
    expect(errorAt("OR delta")).toBe(0);
    expect(errorAt("delta OR")).toBe(6);
    expect(errorAt("NOT")).toBe(0);
    expect(errorAt("()")).toBe(0);
    expect(errorAt("a (b")).toBe(2);
    expect(errorAt('a "b')).toBe(2);
    expect(errorAt("{Delta")).toBe(0);
    expect(errorAt("!!!")).toBe(0);
  });
  it("refuses very deep nesting and very long queries with an error, not a crash", () => {
    const deep = "(".repeat(5000) + "a" + ")".repeat(5000);
    expect(parseQuery(deep).ok).toBe(false);
    const nots = "NOT ".repeat(5000) + "a";
    expect(parseQuery(nots).ok).toBe(false);
    expect(parseQuery("a ".repeat(20_000)).ok).toBe(false);
    const wide = Array.from({ length: 1000 }, (_, i) => `w${i}`).join(" OR ");
    expect(parseQuery(wide).ok).toBe(true);
  });
});
