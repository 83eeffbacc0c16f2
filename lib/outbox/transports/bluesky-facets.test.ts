import { describe, expect, it } from "vitest";
import { facetsOf, findLinks, findMentions, graphemeCount } from "./bluesky-facets";

const dids: Record<string, string> = { "amy.bsky.social": "did:plc:amy", "jo.example.com": "did:plc:jo" };
const didOf = (handle: string) => dids[handle] ?? null;
const bytesOf = (text: string, range: { byteStart: number; byteEnd: number }) =>
  Buffer.from(text, "utf8").subarray(range.byteStart, range.byteEnd).toString("utf8");

describe("Bluesky facets", () => {
  it("puts a link after emoji and non-Latin text at its UTF-8 byte offsets", () => {
    const text = "Привет 👋🏽 see https://example.com/a?b=1 ok";
    const [link] = facetsOf(text, didOf);
    // "Привет " is 6 Cyrillic letters (2 bytes each) + a space; "👋🏽 " is 4 + 4 + 1 bytes; "see " 4.
    expect(link.index).toEqual({ byteStart: 13 + 9 + 4, byteEnd: 26 + "https://example.com/a?b=1".length });
    expect(link.features).toEqual([{ $type: "app.bsky.richtext.facet#link", uri: "https://example.com/a?b=1" }]);
    expect(bytesOf(text, link.index)).toBe("https://example.com/a?b=1");
    expect(text.indexOf("https")).toBe(16); // the UTF-16 index: not what Bluesky counts
  });

  it("marks resolvable mentions and skips unresolvable ones", () => {
    const text = "日本語 @Amy.bsky.social and @nobody.example.org, (@jo.example.com)";
    const facets = facetsOf(text, didOf);
    expect(facets).toHaveLength(2);
    expect(facets[0].features).toEqual([{ $type: "app.bsky.richtext.facet#mention", did: "did:plc:amy" }]);
    expect(bytesOf(text, facets[0].index)).toBe("@Amy.bsky.social");
    expect(facets[1].features).toEqual([{ $type: "app.bsky.richtext.facet#mention", did: "did:plc:jo" }]);
    expect(bytesOf(text, facets[1].index)).toBe("@jo.example.com");
    expect(findMentions(text).map((m) => m.handle)).toEqual([
      "amy.bsky.social",
      "nobody.example.org",
      "jo.example.com",
    ]);
  });

  it("leaves out what is not a mention or a link", () => {
    expect(findMentions("mail me at amy@bsky.social or @localhost or @-bad.com")).toEqual([]);
    expect(findLinks("ftp://example.com and example.com and xhttps://example.com")).toEqual([]);
  });

  it("keeps a sentence's punctuation out of a link, keeps balanced parentheses in", () => {
    const text = "See https://example.com/page. And (https://example.com/x) and https://en.wikipedia.org/wiki/A_(b)!";
    expect(findLinks(text).map((l) => l.uri)).toEqual([
      "https://example.com/page",
      "https://example.com/x",
      "https://en.wikipedia.org/wiki/A_(b)",
    ]);
    for (const link of findLinks(text)) expect(bytesOf(text, link)).toBe(link.uri);
  });

  it("orders mentions and links by position", () => {
    const text = "https://a.example/ then @amy.bsky.social";
    expect(facetsOf(text, didOf).map((f) => f.features[0].$type)).toEqual([
      "app.bsky.richtext.facet#link",
      "app.bsky.richtext.facet#mention",
    ]);
  });

  it("counts graphemes, not code units", () => {
    expect(graphemeCount("👋🏽")).toBe(1);
    expect(graphemeCount("👨‍👩‍👧‍👦 café")).toBe(6);
    expect(graphemeCount("Привет")).toBe(6);
  });
});
