import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countReply, overLimitReason, previewParts, replyLimit, xWeightedLength } from "./limits";
import { REPLY_NETWORKS, type ReplyNetwork } from "./transport";

const FAMILY = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}"; // 👨‍👩‍👧‍👦: 7 code points, 1 grapheme
const FLAG_FR = "\u{1F1EB}\u{1F1F7}"; // 🇫🇷
const THUMBS_MEDIUM = "\u{1F44D}\u{1F3FD}"; // 👍🏽
const KEYCAP_ONE = "1\uFE0F\u20E3"; // 1️⃣
const LONG_URL = "https://example.com/a/very/long/path/that/goes/on/and/on?with=query&and=more#fragment";

describe("replyLimit", () => {
  it("gives each network's published limit and unit", () => {
    expect(replyLimit("x")).toEqual({ max: 280, unit: "weighted characters" });
    expect(replyLimit("bluesky")).toEqual({ max: 300, unit: "graphemes" });
    expect(replyLimit("mastodon")).toEqual({ max: 500, unit: "characters" });
    expect(replyLimit("mastodon", { instanceLimit: 5000 })).toEqual({ max: 5000, unit: "characters" });
    expect(replyLimit("reddit")).toEqual({ max: 10_000, unit: "characters" });
    expect(replyLimit("youtube")).toEqual({ max: 10_000, unit: "characters" });
    expect(replyLimit("facebook")).toEqual({ max: 8_000, unit: "characters" });
    expect(replyLimit("instagram")).toEqual({ max: 2_200, unit: "characters" });
  });
  it("falls back to Mastodon's default when the instance limit is missing or nonsense", () => {
    expect(replyLimit("mastodon", { instanceLimit: 0 }).max).toBe(500);
    expect(replyLimit("mastodon", { instanceLimit: Number.NaN }).max).toBe(500);
    expect(replyLimit("mastodon", { instanceLimit: -3 }).max).toBe(500);
  });
});

describe("X's weighted count (twitter-text v3)", () => {
  it("counts Latin text one per character", () => {
    expect(countReply("x", "Hello, world!")).toEqual({
      network: "x",
      used: 13,
      max: 280,
      unit: "weighted characters",
      over: false,
      remaining: 267,
    });
  });
  it("counts CJK two per character and the light punctuation ranges one", () => {
    expect(xWeightedLength("日本語")).toBe(6);
    expect(xWeightedLength("한국어")).toBe(6);
    // U+2014 em dash and U+201C/U+201D quotes are in the weight-1 ranges; U+2026 "…" is not.
    expect(xWeightedLength("\u201Cok\u201D \u2014")).toBe(6);
    expect(xWeightedLength("\u2026")).toBe(2);
  });
  it("counts an emoji sequence two in total: ZWJ family, skin tone, flag, keycap", () => {
    expect(xWeightedLength(FAMILY)).toBe(2);
    expect(xWeightedLength(THUMBS_MEDIUM)).toBe(2);
    expect(xWeightedLength(FLAG_FR)).toBe(2);
    expect(xWeightedLength(FLAG_FR + "\u{1F1E9}\u{1F1EA}")).toBe(4);
    expect(xWeightedLength(KEYCAP_ONE)).toBe(2);
    expect(xWeightedLength("\u{1F600}")).toBe(2);
    expect(xWeightedLength(`hi ${FAMILY}!`)).toBe(6);
  });
  it("keeps text-style © at weight 1 and counts ©️ with its variation selector as an emoji", () => {
    expect(xWeightedLength("\u00A9")).toBe(1);
    expect(xWeightedLength("\u00A9\uFE0F")).toBe(2);
  });
  it("normalizes to NFC first: e + combining acute counts as é", () => {
    expect(xWeightedLength("e\u0301")).toBe(1);
    expect(xWeightedLength("caf\u00E9")).toBe(4);
    expect(xWeightedLength("cafe\u0301")).toBe(4);
  });
  it("counts every URL 23, long or short, with or without a protocol", () => {
    expect(xWeightedLength(LONG_URL)).toBe(23);
    expect(xWeightedLength("https://t.co/x")).toBe(23);
    expect(xWeightedLength("see " + LONG_URL)).toBe(27);
    expect(xWeightedLength("go to example.com.")).toBe(6 + 23 + 1);
    expect(xWeightedLength("example.com/help")).toBe(23);
    expect(xWeightedLength("www.example.io")).toBe(23);
    expect(xWeightedLength("example.io/x")).toBe(23);
    expect(xWeightedLength("(https://en.wikipedia.org/wiki/Foo_(bar))")).toBe(25);
    expect(xWeightedLength("a https://x.com b https://y.org/z c")).toBe(1 + 1 + 23 + 3 + 23 + 2);
  });
  it("does not take emails, file names or bare country domains for links", () => {
    expect(xWeightedLength("me@example.com")).toBe(14);
    expect(xWeightedLength("README.md")).toBe(9);
    expect(xWeightedLength("example.io")).toBe(10);
    expect(xWeightedLength("https://")).toBe(8);
  });
  it("is within the limit at exactly 280 and over by one at 281", () => {
    expect(countReply("x", "a".repeat(280))).toMatchObject({ used: 280, over: false, remaining: 0 });
    expect(countReply("x", "a".repeat(281))).toMatchObject({ used: 281, over: true, remaining: -1 });
    expect(countReply("x", "日".repeat(140))).toMatchObject({ used: 280, over: false });
    expect(countReply("x", "日".repeat(140) + "a")).toMatchObject({ used: 281, over: true });
  });
});

describe("Bluesky's grapheme count", () => {
  it("counts user-perceived characters", () => {
    expect(countReply("bluesky", "Hello").used).toBe(5);
    expect(countReply("bluesky", "e\u0301").used).toBe(1);
    expect(countReply("bluesky", "a\u0308\u0301b").used).toBe(2);
    expect(countReply("bluesky", FAMILY).used).toBe(1);
    expect(countReply("bluesky", `${FLAG_FR}${THUMBS_MEDIUM}${KEYCAP_ONE}`).used).toBe(3);
    expect(countReply("bluesky", "日本語").used).toBe(3);
    expect(countReply("bluesky", LONG_URL).used).toBe(LONG_URL.length);
  });
  it("is within the limit at exactly 300 graphemes and over by one at 301", () => {
    expect(countReply("bluesky", FAMILY.repeat(300))).toMatchObject({ used: 300, max: 300, over: false });
    expect(countReply("bluesky", "a".repeat(301))).toMatchObject({ used: 301, over: true, remaining: -1 });
  });
});

describe("Mastodon's count", () => {
  it("counts a remote mention as its local part and every http(s) URL as 23", () => {
    // "hi @alice " (10) + URL (23) + " thanks" (7)
    expect(countReply("mastodon", "hi @alice@mastodon.social https://example.com/some/long/path thanks").used).toBe(40);
    expect(countReply("mastodon", "@bob").used).toBe(4);
    expect(countReply("mastodon", "@bob@x.y").used).toBe(4);
    expect(countReply("mastodon", "https://t.co").used).toBe(23);
  });
  it("counts bare domains as written (only http(s) URLs are shortened)", () => {
    expect(countReply("mastodon", "example.com").used).toBe(11);
  });
  it("counts an emoji sequence once, as the server's grapheme count does", () => {
    expect(countReply("mastodon", FAMILY).used).toBe(1);
  });
  it("uses the instance limit: at it, and one over", () => {
    expect(countReply("mastodon", "a".repeat(500))).toMatchObject({ used: 500, max: 500, over: false });
    expect(countReply("mastodon", "a".repeat(501))).toMatchObject({ over: true, remaining: -1 });
    const options = { instanceLimit: 1000 };
    expect(countReply("mastodon", "a".repeat(1000), options)).toMatchObject({ max: 1000, over: false });
    expect(countReply("mastodon", "a".repeat(1001), options)).toMatchObject({ over: true, remaining: -1 });
  });
});

describe("character networks (code points)", () => {
  const cases: Array<[ReplyNetwork, number]> = [
    ["reddit", 10_000],
    ["youtube", 10_000],
    ["facebook", 8_000],
    ["instagram", 2_200],
  ];
  it.each(cases)("%s: at %i is within, one more is over", (network, max) => {
    expect(countReply(network, "a".repeat(max))).toMatchObject({ used: max, max, over: false, remaining: 0 });
    expect(countReply(network, "a".repeat(max + 1))).toMatchObject({ used: max + 1, over: true, remaining: -1 });
  });
  it("counts code points: an astral emoji is 1, a ZWJ family is 7, URLs are not shortened", () => {
    expect(countReply("reddit", "\u{1F600}").used).toBe(1);
    expect(countReply("facebook", FAMILY).used).toBe(7);
    expect(countReply("instagram", LONG_URL).used).toBe(LONG_URL.length);
  });
});

describe("overLimitReason", () => {
  it("says how far over which network's limit the reply is", () => {
    expect(overLimitReason(countReply("x", "a".repeat(292)))).toBe(
      "12 characters over X's limit of 280 weighted characters",
    );
    expect(overLimitReason(countReply("bluesky", "a".repeat(301)))).toBe(
      "1 character over Bluesky's limit of 300 graphemes",
    );
    expect(overLimitReason(countReply("reddit", "a".repeat(10_005)))).toBe(
      "5 characters over Reddit's limit of 10,000 characters",
    );
  });
  it("is null within the limit", () => {
    expect(overLimitReason(countReply("x", "a".repeat(280)))).toBeNull();
    expect(overLimitReason(countReply("instagram", ""))).toBeNull();
  });
});

describe("previewParts", () => {
  it("splits plain text, mentions and http(s) links, leaving sentence punctuation out of links", () => {
    expect(previewParts("hi @alice@m.social see https://a.b/c. ok @bob, me@example.com")).toEqual([
      { kind: "text", text: "hi " },
      { kind: "mention", text: "@alice@m.social" },
      { kind: "text", text: " see " },
      { kind: "link", text: "https://a.b/c" },
      { kind: "text", text: ". ok " },
      { kind: "mention", text: "@bob" },
      { kind: "text", text: ", me@example.com" },
    ]);
  });
  it("gives back the text unchanged when joined", () => {
    const text = "<b>not html</b> @x https://y.z/?q=<script>\n  two";
    expect(
      previewParts(text)
        .map((p) => p.text)
        .join(""),
    ).toBe(text);
  });
});

// Text that cannot form a URL or a remote mention (no . : / @), but has the pieces that make
// graphemes merge: combining marks, ZWJ, skin tones, regional indicators, Hangul jamo, CJK.
// U+20E3 is left out on purpose: completing a keycap ("1" U+FE0F, weight 3) makes it an emoji
// (weight 2), so on X appending can lower the count there, as it does on X itself.
const PIECES = [
  "a",
  "Z",
  " ",
  "\n",
  "é",
  "\u0301",
  "\u200D",
  "\uFE0F",
  "日",
  "\u1100",
  "\u1161",
  "\u11A8",
  "\u{1F468}",
  "\u{1F3FD}",
  "\u{1F1EB}",
  "\u{1F1F7}",
  "\u00A9",
  "\u2014",
  "#",
  "1",
];
const nonUrlText = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(""));

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
const referenceGraphemeCount = (text: string) => Array.from(segmenter.segment(text)).length;

describe("counting properties", () => {
  it("counts long texts in windows exactly as one pass of Intl.Segmenter would", () => {
    const longText = fc
      .array(fc.constantFrom(...PIECES, FAMILY, "\u20E3"), { minLength: 300, maxLength: 900 })
      .map((pieces) => pieces.join(""));
    fc.assert(
      fc.property(longText, (text) => {
        expect(countReply("bluesky", text).used).toBe(referenceGraphemeCount(text));
      }),
      { seed: 4_242, numRuns: 200 },
    );
  });
  it("keeps a grapheme longer than a window whole", () => {
    const heavy = "a" + "\u0301".repeat(1_500);
    expect(countReply("bluesky", `${heavy}b${heavy}`).used).toBe(3);
    expect(countReply("bluesky", "\u{1F1EB}".repeat(1_001)).used).toBe(501);
  });

  it("never gives a negative count, and appending non-URL text never lowers it", () => {
    fc.assert(
      fc.property(fc.constantFrom(...REPLY_NETWORKS), nonUrlText, nonUrlText, (network, text, more) => {
        const before = countReply(network, text).used;
        const after = countReply(network, text + more).used;
        expect(before).toBeGreaterThanOrEqual(0);
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { seed: 20_170_417, numRuns: 2_000 },
    );
  });
});
