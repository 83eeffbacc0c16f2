import { describe, expect, it } from "vitest";
import { charsetOf, decodeFeedBytes } from "./feed-bytes";

const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const feed = (declaration: string) => `${declaration}<rss><channel><title>Notícias — “já”</title></channel></rss>`;

describe("decodeFeedBytes", () => {
  it("reads undeclared Latin-1/Windows-1252 bytes as Windows-1252 instead of U+FFFD", () => {
    const bytes = Uint8Array.from([
      ...latin1("<rss><title>Not"),
      0xed,
      ...latin1("cias "),
      0x97,
      ...latin1(" "),
      0x93,
      ...latin1("j"),
      0xe1,
      0x94,
      ...latin1("</title></rss>"),
    ]);
    const text = decodeFeedBytes(bytes);
    expect(text).toContain("Notícias — “já”");
    expect(text).not.toContain("\ufffd");
  });

  it("reads a feed declared UTF-8 that is really Latin-1 the same way", () => {
    const bytes = Uint8Array.from([...latin1('<?xml version="1.0" encoding="utf-8"?><t>caf'), 0xe9, ...latin1("</t>")]);
    expect(decodeFeedBytes(bytes)).toContain("café");
  });

  it("honours the XML declaration, the HTTP charset over it, and a BOM over both", () => {
    const declaredLatin1 = latin1(feed('<?xml version="1.0" encoding="ISO-8859-1"?>').replace(/[—“”]/g, "-"));
    expect(decodeFeedBytes(declaredLatin1)).toContain("Notícias - -já-");
    // Valid UTF-8 bytes, but the server says Latin-1: the server wins (RFC 7303).
    expect(decodeFeedBytes(utf8("<t>é</t>"), { charset: "iso-8859-1" })).toBe("<t>Ã©</t>");
    // The server says UTF-8 and the declaration says Latin-1: the bytes are read as UTF-8.
    expect(decodeFeedBytes(utf8(feed('<?xml version="1.0" encoding="ISO-8859-1"?>')), { charset: "utf-8" })).toContain(
      "Notícias — “já”",
    );
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("<t>é</t>")]);
    expect(decodeFeedBytes(bom, { charset: "iso-8859-1" })).toBe("<t>é</t>");
    const utf16 = Uint8Array.from([
      0xff,
      0xfe,
      ...new Uint8Array(new Uint16Array([..."<t>é</t>"].map((c) => c.charCodeAt(0))).buffer),
    ]);
    expect(decodeFeedBytes(utf16)).toBe("<t>é</t>");
  });

  it("ignores charsets it does not know and keeps plain UTF-8 as it is", () => {
    expect(decodeFeedBytes(utf8("<t>😀 é</t>"), { charset: "x-unknown" })).toBe("<t>😀 é</t>");
    expect(decodeFeedBytes("already text")).toBe("already text");
  });
});

describe("charsetOf", () => {
  it("reads the charset parameter of a Content-Type", () => {
    expect(charsetOf("application/rss+xml; charset=ISO-8859-1")).toBe("ISO-8859-1");
    expect(charsetOf('text/xml;charset="windows-1252"')).toBe("windows-1252");
    expect(charsetOf("application/xml")).toBeNull();
    expect(charsetOf(undefined)).toBeNull();
  });
});
