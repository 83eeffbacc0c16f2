import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanPayload, cleanPayloadString, cleanText, isStorableJson, isStorableText } from "./clean-text";
import { accept, emptyOutput, type NormalizedMentionInput } from "./mention";

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe("cleanText", () => {
  it("strips NUL and C0 controls, keeps tab, newline and CR, replaces lone surrogates", () => {
    expect(cleanText("a\u0000b\u0001c\u001fd\te\nf\rg\u007f")).toBe("abcd\te\nf\rg\u007f");
    expect(cleanText("x\ud800y")).toBe("x\ufffdy");
    expect(cleanText("x\udc00y\ud83d")).toBe("x\ufffdy\ufffd");
    expect(cleanText("emoji 😀 stays")).toBe("emoji 😀 stays");
    expect(cleanText("\u0000")).toBe("");
  });

  it("keeps payload strings faithful apart from NUL and lone surrogates", () => {
    expect(cleanPayloadString("a\u0000\u0001b\ud800")).toBe("a\u0001b\ufffd");
  });
});

describe("cleanPayload", () => {
  it("walks arrays and objects, cleaning keys too, and returns the same object when clean", () => {
    const clean = { a: [1, "b", { c: null }], d: true };
    expect(cleanPayload(clean)).toBe(clean);
    const dirty = JSON.parse('{"k\\u0000ey": ["v\\u0000", {"\\ud800": "x\\udc00"}], "__proto__": {"p": "q\\u0000"}}');
    const cleaned = cleanPayload(dirty) as Record<string, unknown>;
    expect(JSON.stringify(cleaned)).toBe('{"key":["v",{"\ufffd":"x\ufffd"}],"__proto__":{"p":"q"}}');
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype); // "__proto__" stayed an ordinary key
  });

  it("leaves dates and other class instances alone", () => {
    const date = new Date(0);
    expect((cleanPayload({ date }) as { date: Date }).date).toBe(date);
  });
});

describe("isStorableJson", () => {
  it("refuses what PostgreSQL's JSONB refuses", () => {
    expect(isStorableJson(JSON.stringify({ a: "\u0000" }))).toBe(false);
    expect(isStorableJson(JSON.stringify({ "\u0000": 1 }))).toBe(false);
    expect(isStorableJson(JSON.stringify({ a: "x\ud800" }))).toBe(false);
    expect(isStorableJson(JSON.stringify({ a: "\udc00x" }))).toBe(false);
    expect(isStorableJson('{"a":"\\ud83d\\ude00"}')).toBe(true); // an escaped pair is fine
    expect(isStorableJson(JSON.stringify({ a: "\\u0000 is text" }))).toBe(true); // an escaped backslash, not an escape
    expect(isStorableJson(JSON.stringify({ a: "😀 \u0001 \t" }))).toBe(true);
  });
});

// Strings with NUL, lone surrogates and C0 controls spliced in at random places.
const hostile = fc
  .array(
    fc.oneof(
      fc.string({ unit: "binary", maxLength: 12 }),
      fc.constantFrom("\u0000", "\ud800", "\udfff", "\udbff\udfff", "\u0001", "\u001b", "\t", "\n", "\r", "😀", "é"),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

const payload = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostile,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(hostile, tie("value"), { maxKeys: 4 }),
  ),
})).value;

const storable = (s: string | null | undefined) => s == null || isStorableText(s);

describe("every mention accept()s is storable in PostgreSQL (property)", () => {
  it("has no NUL, no lone surrogate, no stray control in its text, and a raw payload JSONB takes", () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, hostile, payload, (text, id, handle, title, thread, raw) => {
        const out = emptyOutput();
        const candidate: NormalizedMentionInput = {
          network: "webhook",
          externalId: `id-${id}`,
          url: `https://example.com/${title}`,
          createdAt: "2026-11-03T10:00:00Z",
          text,
          title,
          author: { accountId: `a-${handle}`, handle, displayName: handle, bio: text, location: title },
          threadKey: thread,
          inReplyToId: thread,
          addressedTo: [handle],
          metrics: { [`m${id}`]: 1 },
          raw: { body: raw, [id]: text },
        };
        accept(out, "property", candidate);
        // Too-long fields may still be rejected; what is accepted must be storable.
        for (const event of out.events) {
          if (event.kind !== "upsert") continue;
          const m = event.mention;
          for (const s of [
            m.externalId,
            m.url,
            m.text,
            m.title,
            m.threadKey,
            m.inReplyToId,
            m.author?.accountId,
            m.author?.handle,
            m.author?.displayName,
            m.author?.bio,
            m.author?.location,
            ...m.addressedTo,
            ...Object.keys(m.metrics),
          ]) {
            expect(storable(s)).toBe(true);
            expect(s ?? "").not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
          }
          const json = JSON.stringify(m.raw);
          expect(isStorableJson(json)).toBe(true);
          expect(json).not.toMatch(LONE_SURROGATE);
          expect(JSON.parse(json)).toEqual(m.raw); // round-trips
        }
        expect(out.events.length + out.rejected.length).toBe(1);
      }),
      { seed: 20261103, numRuns: 300 },
    );
  });
});

describe("cleanPayload depth", () => {
  it("cuts a payload nested deeper than any real API at 64 levels instead of overflowing", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 50_000; i++) deep = { a: deep };
    const cleaned = cleanPayload(deep) as Record<string, unknown>;
    expect(() => JSON.stringify(cleaned)).not.toThrow();
    expect(JSON.stringify(cleaned)).toContain("[nested too deep]");
  });
});
