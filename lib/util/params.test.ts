import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkParams, cleanText, exactTextParam, idRouteParams, isSafeText, parseFields, textParam } from "./params";

describe("safe text", () => {
  it("refuses NUL, other controls and lone surrogates, keeps tabs, newlines, emoji and U+FFFD", () => {
    for (const bad of ["\u0000", "a\u0000", "\u0007", "\u007f", "\uD800", "x\uDC00", "\uDC00\uD800"])
      expect(isSafeText(bad)).toBe(false);
    for (const ok of ["", "plain", "tab\there", "line\nbreak", "🙂", "\uFFFD", "日本語"])
      expect(isSafeText(ok)).toBe(true);
  });
  it("cleaning leaves safe text (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (s) => {
        const cleaned = cleanText(s);
        expect(isSafeText(cleaned)).toBe(true);
        if (isSafeText(s)) expect(cleaned).toBe(s);
      }),
      { seed: 1401, numRuns: 300 },
    );
  });
});

describe("parameter schemas", () => {
  it("free text is cleaned and limited; exact text is refused when unsafe", () => {
    expect(textParam(10).parse("a\u0000b\uD800 ")).toBe("ab");
    expect(textParam(10).parse(["first", "second"])).toBe("first");
    expect(textParam(3).safeParse("toolong").success).toBe(false);
    expect(exactTextParam(10).safeParse("vip\u0000").success).toBe(false);
    expect(exactTextParam(10).parse(" vip ")).toBe("vip");
  });
  it("route ids are checked for shape, with a message naming the parameter", () => {
    expect(checkParams(idRouteParams, { id: "cmabc123_x-y" })).toEqual({ ok: true, value: { id: "cmabc123_x-y" } });
    expect(checkParams(idRouteParams, { id: "\u0000" })).toEqual({ ok: false, message: '"id" is not a valid id' });
    expect(checkParams(idRouteParams, {})).toMatchObject({ ok: false, message: expect.stringMatching(/^"id" /) });
  });
  it("parseFields reports each bad field and falls back to its default, keeping the good ones", () => {
    const fields = {
      a: z.string().regex(/^\d+$/).optional(),
      b: z.enum(["x", "y"]).default("x"),
      c: z.string().optional(),
    };
    expect(parseFields(fields, { a: "12", b: "y", c: "ok" })).toEqual({
      value: { a: "12", b: "y", c: "ok" },
      problems: [],
    });
    const bad = parseFields(fields, { a: "1\u0000", b: "z", c: "", unknown: "ignored" });
    expect(bad.value).toEqual({ a: undefined, b: "x", c: undefined });
    expect(bad.problems).toHaveLength(2);
    expect(bad.problems[0]).toMatch(/^"a" .*; it was ignored\.$/);
  });
});
