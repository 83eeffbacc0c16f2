// Feeds as real publishers write them: raw HTML, every kind of entity, relative links,
// localized dates, undeclared encodings.
import { describe, expect, it } from "vitest";
import type { NormalizedMention, ParseOutput } from "../mention";
import { parseRss } from "./rss";

const RECEIVED = new Date("2026-12-01T08:00:00Z");
const rss = (items: string, channel = "<title>Blog</title><link>https://blog.example/</link>") =>
  `<?xml version="1.0"?><rss version="2.0"><channel>${channel}${items}</channel></rss>`;
const mentions = (out: ParseOutput): NormalizedMention[] =>
  out.events.flatMap((e) => (e.kind === "upsert" ? [e.mention] : []));
const only = (out: ParseOutput): NormalizedMention => {
  expect(out.rejected).toEqual([]);
  expect(out.events).toHaveLength(1);
  return mentions(out)[0];
};

describe("RSS/Atom parser", () => {
  it("decodes HTML entities beyond XML's five, raw or escaped", () => {
    const raw = only(
      parseRss(
        rss(
          "<item><guid>1</guid><title>Caf&eacute; &mdash; l&rsquo;avion</title><description>Caf&amp;eacute; &amp;mdash; l&amp;rsquo;avion &#233; &#x2014;</description></item>",
        ),
      ),
    );
    expect(raw.title).toBe("Café — l’avion");
    expect(raw.text).toBe("Café — l’avion é —");
    const cdata = only(
      parseRss(rss("<item><guid>1</guid><title><![CDATA[Caf&eacute; &mdash; l&rsquo;avion]]></title></item>")),
    );
    expect(cdata.title).toBe("Café — l’avion");
  });

  it("reads raw, unescaped (even unbalanced) HTML in descriptions and content as text", () => {
    const out = parseRss(
      rss(`<item><guid>1</guid><title>Aggregated</title><description><p>Northwind <b>lost</b> my bag<br>again</p><img src="x.png"><script>track()</script><p>Third time &amp; counting</p></description></item>
           <item><guid>2</guid><title>Encoded</title><content:encoded><![CDATA[<div><p>In <i>CDATA</i> &amp; fine</p></div>]]></content:encoded></item>
           <item><guid>3</guid><title>Escaped</title><description>&lt;p&gt;Escaped &lt;b&gt;HTML&lt;/b&gt;&lt;/p&gt;&lt;p&gt;5 &amp;lt; 6&lt;/p&gt;</description></item>`),
    );
    expect(out.rejected).toEqual([]);
    expect(mentions(out).map((m) => m.text)).toEqual([
      "Northwind lost my bag\nagain\n\nThird time & counting",
      "In CDATA & fine",
      "Escaped HTML\n\n5 < 6",
    ]);
  });

  it("keeps Atom text constructs as text and reads xhtml content", () => {
    const out = parseRss(`<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>
      <entry><id>a</id><title type="text">Use &lt;b&gt; for bold &amp; more</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One</p><p>Two</p></div></content></entry>
      <entry><id>b</id><title type="html">&lt;em&gt;Hi&lt;/em&gt; there</title><summary>plain &amp; simple</summary></entry></feed>`);
    expect(mentions(out).map((m) => [m.title, m.text])).toEqual([
      ["Use <b> for bold & more", "One\n\nTwo"],
      ["Hi there", "plain & simple"],
    ]);
  });

  it("dates items in any common format or language, and never rejects an item for its date", () => {
    const out = parseRss(
      rss(`<item><guid>pt</guid><title>a</title><pubDate>Ter, 03 Nov 2026 14:05:00 -0300</pubDate></item>
           <item><guid>pt-long</guid><title>b</title><pubDate>3 de novembro de 2026</pubDate></item>
           <item><guid>de</guid><title>c</title><pubDate>Di, 03 Nov 2026 14:05:00 MEZ</pubDate></item>
           <item><guid>iso</guid><title>d</title><dc:date>2026-11-03 14:05</dc:date></item>
           <item><guid>bad</guid><title>e</title><pubDate>sometime last week</pubDate></item>
           <item><guid>none</guid><title>f</title></item>`),
      { receivedAt: RECEIVED },
    );
    expect(out.rejected).toEqual([]);
    expect(mentions(out).map((m) => [m.externalId, m.createdAt.toISOString()])).toEqual([
      ["pt", "2026-11-03T17:05:00.000Z"],
      ["pt-long", "2026-11-03T00:00:00.000Z"],
      ["de", "2026-11-03T13:05:00.000Z"],
      ["iso", "2026-11-03T14:05:00.000Z"],
      ["bad", RECEIVED.toISOString()],
      ["none", RECEIVED.toISOString()],
    ]);
  });

  it("resolves relative links against xml:base, the feed's link, or the feed URL; keeps only http(s)", () => {
    const atom = parseRss(
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/blog/"><title>F</title><link href="/"/>
        <entry><id>1</id><title>t</title><link rel="alternate" href="posts/1"/></entry>
        <entry xml:base="/archive/2026/"><id>2</id><title>t</title><link href="two.html"/></entry>
        <entry><id>3</id><title>t</title><link href="javascript:alert(1)"/></entry></feed>`,
    );
    expect(mentions(atom).map((m) => m.url)).toEqual([
      "https://news.example/blog/posts/1",
      "https://news.example/archive/2026/two.html",
      null,
    ]);
    const channelLink = only(
      parseRss(
        rss(
          "<item><title>t</title><link>/2026/11/post?a=1&b=2</link></item>",
          "<link>https://blog.example/home/</link>",
        ),
      ),
    );
    expect(channelLink).toMatchObject({
      url: "https://blog.example/2026/11/post?a=1&b=2",
      externalId: "https://blog.example/2026/11/post?a=1&b=2",
    });
    const feedUrl = only(
      parseRss(rss("<item><title>t</title><link>post.html</link></item>", "<title>No link</title>"), {
        feedUrl: "https://feeds.example/en/rss.xml",
      }),
    );
    expect(feedUrl.url).toBe("https://feeds.example/en/post.html");
    expect(feedUrl.author?.profileUrl).toBe("https://feeds.example/en/rss.xml");
    const nowhere = only(
      parseRss(rss("<item><title>t</title><link>post.html</link></item>", "<title>No link</title>")),
    );
    expect(nowhere).toMatchObject({ url: null, externalId: "post.html" });
    // The old signature (feed URL as the second argument) still works.
    expect(only(parseRss(rss("<item><title>t</title><link>p</link></item>", ""), "https://x.example/feed")).url).toBe(
      "https://x.example/p",
    );
  });

  it("reads undeclared Windows-1252 bytes, and the charset the server declared", () => {
    const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
    const undeclared = latin1(
      rss("<item><guid>1</guid><title>Ação — “já”</title></item>")
        .replace("—", "\u0097")
        .replace("“", "\u0093")
        .replace("”", "\u0094"),
    );
    expect(only(parseRss(undeclared)).title).toBe("Ação — “já”");
    const utf8Bytes = new TextEncoder().encode(rss("<item><guid>1</guid><title>é</title></item>"));
    expect(only(parseRss(utf8Bytes, { charset: "iso-8859-1" })).title).toBe("Ã©");
    expect(only(parseRss(utf8Bytes, { charset: "utf-8" })).title).toBe("é");
  });

  it("still rejects what is not a feed, once, and items it cannot identify or read", () => {
    expect(parseRss("<html><body>hi</body></html>").rejected).toEqual([
      { where: "document", reason: "Not an RSS or Atom feed (root element <html>)" },
    ]);
    const broken = parseRss("<rss><channel>\n<item><guid>1</guid></channel>");
    expect(broken.rejected).toHaveLength(1);
    expect(broken.rejected[0].reason).toMatch(/^Not a feed: the XML is malformed/);
    const items = parseRss(rss("<item><description>no id</description></item><item><guid>x</guid></item><item/>"));
    expect(items.rejected.map((r) => r.reason)).toEqual([
      "No id, link or title to identify the item",
      "No title or content to read",
      "Empty item",
    ]);
  });

  it("reads markup inside CDATA as text, even a closing tag of the element it sits in", () => {
    const item =
      "<item><guid><![CDATA[id-<title>x</title>]]></guid><title>Writing &amp;lt;/description&amp;gt;</title><description><![CDATA[<p>Close it with <code>&lt;/description&gt;</code>, like </description> this</p>]]></description></item>";
    const m = only(parseRss(rss(item)));
    expect(m).toMatchObject({
      externalId: "id-<title>x</title>",
      title: "Writing </description>",
      text: "Close it with </description>, like this",
    });
  });

  it("forgives a bare ampersand, and keeps rich elements' XML in the raw payload", () => {
    const m = only(
      parseRss(rss("<item><guid>a&b</guid><title>Fish & chips</title><description><p>raw</p></description></item>")),
    );
    expect(m).toMatchObject({ externalId: "a&b", title: "Fish & chips", text: "raw" });
    expect(m.raw).toMatchObject({ feed: "Blog", item: { guid: "a&b", description: "<p>raw</p>" } });
  });
});
