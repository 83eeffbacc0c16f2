import { describe, expect, it } from "vitest";
import { accept, emptyOutput, type NormalizedMentionInput } from "./mention";

const base: NormalizedMentionInput = { network: "x", externalId: "1", createdAt: "2026-11-03T10:00:00Z", text: "hi" };
const reasonFor = (candidate: Record<string, unknown>) => {
  const out = emptyOutput();
  accept(out, "line 1", { ...base, ...candidate } as NormalizedMentionInput);
  expect(out.events).toEqual([]);
  return out.rejected[0].reason;
};

describe("accept: validation failures in words", () => {
  it("names the field and the reason, never zod's wording", () => {
    expect(reasonFor({ createdAt: "yesterday-ish" })).toBe("created_at: not a date: «yesterday-ish»");
    expect(reasonFor({ createdAt: new Date(NaN) })).toBe("created_at: not a date: «Invalid Date»");
    expect(reasonFor({ createdAt: "" })).toBe("created_at: missing");
    expect(reasonFor({ createdAt: "0200-01-01T00:00:00Z" })).toBe(
      "created_at: outside the years 1900–9999: «0200-01-01T00:00:00Z»",
    );
    expect(reasonFor({ author: { accountId: "1", handle: "h".repeat(201) } })).toBe(
      "author.handle: longer than 200 characters",
    );
    expect(reasonFor({ author: { accountId: "1" } })).toBe("author.handle: missing");
    expect(reasonFor({ author: { accountId: "1", handle: "h", followers: -3 } })).toBe(
      "author.followers: negative: «-3»",
    );
    expect(reasonFor({ externalId: "" })).toBe("external_id: empty");
    expect(reasonFor({ externalId: 1.5 })).toBe("external_id: not an id (text or a whole number): «1.5»");
    expect(reasonFor({ network: "myspace" })).toMatch(/^network: not one of x, mastodon, .*: «myspace»$/);
    expect(reasonFor({ text: 42 })).toBe("text: expected text, got a whole number «42»");
    expect(reasonFor({ addressedTo: ["ok", "x".repeat(201)] })).toBe("addressed_to[1]: longer than 200 characters");
    expect(reasonFor({ createdAt: "nope", text: undefined })).toBe("created_at: not a date: «nope»; text: missing");
  });

  it("reports an id that was nothing but NUL as empty", () => {
    expect(reasonFor({ externalId: "\u0000" })).toBe("external_id: empty");
  });

  it("cleans every field before storing, and keeps raw payload controls other than NUL", () => {
    const out = emptyOutput();
    accept(out, "x", {
      ...base,
      externalId: "a\u0000b",
      text: "t\u0000e\u0007x\tt\ud800",
      raw: { "k\u0000": ["\u0000v\u0007"] },
    });
    expect(out.events).toMatchObject([
      { kind: "upsert", mention: { externalId: "ab", text: "tex\tt\ufffd", raw: { k: ["v\u0007"] } } },
    ]);
  });
});
