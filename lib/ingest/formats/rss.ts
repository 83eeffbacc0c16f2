// RSS 2.0, RSS 1.0 (RDF) and Atom feeds, read the way a feed reader reads them: in whatever
// encoding they declare (or really use), with dates in any common format and language, raw
// HTML inside descriptions, HTML entities of every kind, and relative links resolved. A
// document that is not a feed is one clear rejection; items without enough to identify or
// read them are rejected one by one; an item is never rejected for its date alone.
import { createHash } from "node:crypto";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { decodeEntities, hasMarkup, htmlToPlainText } from "../html-text";
import { accept, emptyOutput, type ParseOutput } from "../mention";
import { parseFeedDate } from "../parse-date";
import { decodeFeedBytes, type FeedDecodeOptions } from "./feed-bytes";
import { isObject } from "./lines";

export interface RssOptions extends FeedDecodeOptions {
  /** Where the feed was fetched from: the last base for relative links. */
  feedUrl?: string | null;
  /** The date given to items without a readable date (default: now). */
  receivedAt?: Date;
}

// Entities are decoded by us (the whole HTML table, not just XML's five), so the parser
// leaves them alone; "rich" elements never reach it (see extractRichElements).
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === "item" || name === "entry" || name === "link" || name === "category",
});

/** Kept for callers of the old name: bytes to text by BOM, declaration, or validity. */
export function decodeXml(input: Uint8Array | string, options: FeedDecodeOptions = {}): string {
  return decodeFeedBytes(input, options);
}

// Elements whose content may be HTML, escaped or not, possibly unbalanced (<br>, <img>).
const RICH_NAME = "(?:[A-Za-z][\\w.-]*:)?(?:title|description|content|encoded|summary|subtitle)";
const RICH_OPEN = new RegExp(`<(${RICH_NAME})((?:\\s[^<>]*[^<>/])?)>`, "g");
const CDATA = /<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g;

interface Extracted {
  xml: string;
  /** The verbatim inner XML of each rich element, by placeholder number. */
  rich: string[];
  marker: string;
}

/** Where each CDATA section starts and ends (an unterminated one runs to the end). */
function cdataRanges(xml: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let start = xml.indexOf("<![CDATA["); start >= 0;) {
    const end = xml.indexOf("]]>", start + 9);
    ranges.push([start, end < 0 ? xml.length : end + 3]);
    if (end < 0) break;
    start = xml.indexOf("<![CDATA[", end + 3);
  }
  return ranges;
}

/** The end of the CDATA section holding position, or -1 when it is outside CDATA (binary search). */
function cdataEndAround(ranges: Array<[number, number]>, position: number): number {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [start, end] = ranges[mid];
    if (position < start) high = mid - 1;
    else if (position >= end) low = mid + 1;
    else return end;
  }
  return -1;
}

/**
 * Takes the inner XML of every rich element out of the document, leaving a placeholder (and
 * the element's line breaks, so validation errors keep their line numbers). Feed readers
 * show raw, unescaped HTML in a description; an XML parser would either reject the feed for
 * an unclosed <br> or split the text into child elements and lose it. Markup inside CDATA is
 * text and is left alone.
 */
function extractRichElements(xml: string): Extracted {
  let marker = "@rich:";
  while (xml.includes(marker)) marker += "x";
  const ranges = cdataRanges(xml);
  const rich: string[] = [];
  const unclosed = new Set<string>(); // names with no closing tag after some point: don't search again
  let out = "";
  let from = 0;
  RICH_OPEN.lastIndex = 0;
  for (let m = RICH_OPEN.exec(xml); m; m = RICH_OPEN.exec(xml)) {
    const inCdata = cdataEndAround(ranges, m.index);
    if (inCdata >= 0) {
      RICH_OPEN.lastIndex = inCdata;
      continue;
    }
    const name = m[1];
    const innerStart = m.index + m[0].length;
    const close = unclosed.has(name) ? -1 : closingTag(xml, name, innerStart, ranges);
    if (close < 0) {
      unclosed.add(name);
      continue;
    }
    const inner = xml.slice(innerStart, close);
    out += `${xml.slice(from, innerStart)}${marker}${rich.length}@${inner.replace(/[^\n]/g, "")}`;
    rich.push(inner);
    from = close;
    RICH_OPEN.lastIndex = close;
  }
  return { xml: out + xml.slice(from), rich, marker };
}

/** Where `</name>` (or `</name >`) starts at or after from, outside CDATA; -1 when nowhere. */
function closingTag(xml: string, name: string, from: number, cdata: Array<[number, number]>): number {
  for (let at = xml.indexOf(`</${name}`, from); at >= 0; at = xml.indexOf(`</${name}`, at + 2)) {
    const inCdata = cdataEndAround(cdata, at);
    if (inCdata >= 0) {
      at = inCdata - 2; // continue the search after the section
      continue;
    }
    const next = xml.charCodeAt(at + 2 + name.length);
    if (next === 62 || next === 32 || next === 9 || next === 10 || next === 13) return at; // > or whitespace
  }
  return -1;
}

const escapeXmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Outside rich elements: CDATA sections become escaped text (so every value decodes the same
 * way) and a bare "&" that starts no entity becomes "&amp;" (a common feed error readers
 * forgive).
 */
function normalizeMarkup(xml: string): string {
  const escapeStray = (s: string) => s.replace(/&(?!#\d+;|#x[0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)/g, "&amp;");
  let out = "";
  let from = 0;
  CDATA.lastIndex = 0;
  for (let m = CDATA.exec(xml); m; m = CDATA.exec(xml)) {
    out += escapeStray(xml.slice(from, m.index)) + escapeXmlText(m[1]);
    from = m.index + m[0].length;
  }
  return out + escapeStray(xml.slice(from));
}

/**
 * The HTML a rich element's inner XML stands for. Content with element markup of its own is
 * HTML already (its entities still escaped); content without is escaped HTML or plain text,
 * whose XML escaping is undone first. CDATA sections are taken literally.
 */
function innerToHtml(inner: string): string {
  const parts: Array<{ cdata: boolean; text: string }> = [];
  let from = 0;
  CDATA.lastIndex = 0;
  for (let m = CDATA.exec(inner); m; m = CDATA.exec(inner)) {
    parts.push({ cdata: false, text: inner.slice(from, m.index) }, { cdata: true, text: m[1] });
    from = m.index + m[0].length;
  }
  parts.push({ cdata: false, text: inner.slice(from) });
  const rawHtml = parts.some((p) => !p.cdata && hasMarkup(p.text));
  return parts.map((p) => (p.cdata || rawHtml ? p.text : decodeEntities(p.text))).join("");
}

type ContentKind = "html" | "text";

function contentKind(type: unknown, atom: boolean): ContentKind {
  const t = typeof type === "string" ? type.toLowerCase() : "";
  if (t === "html" || t === "xhtml" || t.includes("html")) return "html";
  if (t === "text" || t === "text/plain") return "text";
  // Atom text constructs default to plain text; RSS fields are HTML by custom.
  return atom ? "text" : "html";
}

class FeedReader {
  constructor(
    private readonly extracted: Extracted,
    private readonly atom: boolean,
  ) {}

  /** A plain value (id, link, date, name): entities decoded, trimmed; null when empty. */
  plain(v: unknown): string | null {
    if (v === undefined || v === null) return null;
    if (Array.isArray(v)) return this.plain(v[0]);
    if (isObject(v)) return this.plain(v["#text"]);
    if (typeof v !== "string" && typeof v !== "number") return null;
    const s = String(v);
    const rich = this.richIndex(s);
    const value = rich === null ? decodeEntities(s) : decodeEntities(innerToHtml(this.extracted.rich[rich]));
    return value.trim() || null;
  }

  /** A rich value (title, description, content) as readable text; null when empty. */
  rich(v: unknown): string | null {
    if (v === undefined || v === null) return null;
    if (Array.isArray(v)) return this.rich(v[0]);
    const type = isObject(v) ? v["@_type"] : undefined;
    if (isObject(v) && typeof v["@_src"] === "string" && v["#text"] === undefined) return null; // out-of-line content
    const raw = isObject(v) ? v["#text"] : v;
    if (typeof raw !== "string" && typeof raw !== "number") return null;
    const s = String(raw);
    const index = this.richIndex(s);
    const html = index === null ? decodeEntities(s) : innerToHtml(this.extracted.rich[index]);
    const text = contentKind(type, this.atom) === "text" ? html.trim() : htmlToPlainText(html);
    return text || null;
  }

  /** The verbatim inner XML behind a placeholder, or null when s is not one. */
  verbatim(s: string): string | null {
    const index = this.richIndex(s);
    return index === null ? null : this.extracted.rich[index];
  }

  private richIndex(s: string): number | null {
    const { marker } = this.extracted;
    if (!s.startsWith(marker)) return null;
    const m = /^(\d+)@\s*$/.exec(s.slice(marker.length));
    return m && Number(m[1]) < this.extracted.rich.length ? Number(m[1]) : null;
  }
}

/** An absolute http(s) URL for href against base; null for anything else. */
export function resolveHttpUrl(href: string | null | undefined, base?: string | null): string | null {
  if (!href) return null;
  try {
    const url = base ? new URL(href, base) : new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A base for relative references: xml:base resolved against the outer base. */
function baseOf(node: unknown, outer: string | null): string | null {
  const declared =
    isObject(node) && typeof node["@_xml:base"] === "string" ? decodeEntities(node["@_xml:base"]).trim() : null;
  if (!declared) return outer;
  try {
    return outer ? new URL(declared, outer).href : new URL(declared).href;
  } catch {
    return outer;
  }
}

/** An item's link: Atom's alternate link (or first), RSS's <link> text; resolved, http(s) only. */
function itemLink(reader: FeedReader, links: unknown, base: string | null): { raw: string | null; url: string | null } {
  const list = Array.isArray(links) ? links : links === undefined ? [] : [links];
  const objects = list.filter(isObject);
  const withHref = objects.filter((l) => typeof l["@_href"] === "string");
  const alternate = withHref.find((l) => !l["@_rel"] || l["@_rel"] === "alternate") ?? withHref[0];
  const raw = alternate
    ? reader.plain(alternate["@_href"])
    : reader.plain(list.find((l) => typeof l === "string" || (isObject(l) && l["#text"] !== undefined)));
  return { raw, url: resolveHttpUrl(raw, alternate ? baseOf(alternate, base) : base) };
}

function authorName(reader: FeedReader, v: unknown): string | null {
  if (Array.isArray(v)) return authorName(reader, v[0]);
  if (isObject(v) && ("name" in v || "email" in v)) return reader.plain(v.name) ?? reader.plain(v.email);
  return reader.plain(v);
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, "") || null;
  } catch {
    return null;
  }
}

interface FeedShape {
  kind: "rss" | "atom";
  items: unknown[];
  channel: Record<string, unknown>;
  linkSource: unknown;
}

function feedShape(doc: Record<string, unknown>): FeedShape | null {
  const asItems = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
  if (isObject(doc.rss) && isObject(doc.rss.channel)) {
    const channel = doc.rss.channel;
    return { kind: "rss", items: asItems(channel.item), channel, linkSource: channel.link };
  }
  if (isObject(doc["rdf:RDF"])) {
    const rdf = doc["rdf:RDF"];
    const channel = isObject(rdf.channel) ? rdf.channel : {};
    return { kind: "rss", items: asItems(rdf.item), channel, linkSource: channel.link };
  }
  if (isObject(doc.feed))
    return { kind: "atom", items: asItems(doc.feed.entry), channel: doc.feed, linkSource: doc.feed.link };
  // An empty <channel/> or <feed/> is a feed with nothing in it.
  if (isObject(doc.rss) && doc.rss.channel === "")
    return { kind: "rss", items: [], channel: {}, linkSource: undefined };
  if (doc.feed === "") return { kind: "atom", items: [], channel: {}, linkSource: undefined };
  return null;
}

/** Parses a feed. The second argument may be the feed URL (as before) or options. */
export function parseRss(input: Uint8Array | string, options: RssOptions | string | null = {}): ParseOutput {
  const opts: RssOptions = typeof options === "string" || options === null ? { feedUrl: options } : options;
  const out = emptyOutput();
  const extracted = extractRichElements(decodeFeedBytes(input, opts));
  const xml = normalizeMarkup(extracted.xml);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    out.rejected.push({
      where: `line ${valid.err.line}`,
      reason: `Not a feed: the XML is malformed (${valid.err.msg})`,
    });
    return out;
  }
  const doc = parser.parse(xml) as Record<string, unknown>;
  const shape = feedShape(doc);
  if (!shape) {
    const root = Object.keys(doc).find((k) => !k.startsWith("?") && !k.startsWith("!")) ?? "nothing";
    out.rejected.push({ where: "document", reason: `Not an RSS or Atom feed (root element <${root}>)` });
    return out;
  }
  const atom = shape.kind === "atom";
  const reader = new FeedReader(extracted, atom);
  const receivedAt = opts.receivedAt ?? new Date();
  const feedUrl = resolveHttpUrl(opts.feedUrl);
  const documentBase = baseOf(shape.channel, feedUrl);
  const feedLink = itemLink(reader, shape.linkSource, documentBase).url;
  const itemBase = documentBase !== feedUrl ? documentBase : (feedLink ?? feedUrl);
  const feedTitle = reader.rich(shape.channel.title);
  const site = feedLink ?? feedUrl;
  const siteHost = hostOf(site);
  shape.items.forEach((raw, i) => {
    const where = `${atom ? "entry" : "item"} ${i + 1}`;
    if (!isObject(raw)) return void out.rejected.push({ where, reason: "Empty item" });
    const base = baseOf(raw, itemBase);
    const link = atom ? itemLink(reader, raw.link, base) : itemLink(reader, raw.link ?? raw["@_rdf:about"], base);
    const title = reader.rich(raw.title);
    const body =
      reader.rich(raw["content:encoded"]) ??
      reader.rich(raw.content) ??
      reader.rich(raw.description) ??
      reader.rich(raw.summary) ??
      "";
    const guid = reader.plain(raw.guid) ?? reader.plain(raw.id);
    if (!guid && !link.raw && !title)
      return void out.rejected.push({ where, reason: "No id, link or title to identify the item" });
    if (!title && !body) return void out.rejected.push({ where, reason: "No title or content to read" });
    const date =
      reader.plain(raw.pubDate) ??
      reader.plain(raw["dc:date"]) ??
      reader.plain(raw.published) ??
      reader.plain(raw.updated);
    const author = authorName(reader, raw["dc:creator"]) ?? authorName(reader, raw.author);
    const externalId =
      guid ?? link.url ?? link.raw ?? createHash("sha256").update(`${title}\n${date}`).digest("hex").slice(0, 32);
    accept(out, where, {
      network: "rss",
      externalId,
      url: link.url,
      // An unreadable or missing date is the time the item was read, not a reason to lose it.
      createdAt: parseFeedDate(date) ?? receivedAt,
      text: body,
      title,
      lang: null,
      author:
        siteHost || author
          ? {
              accountId: `${siteHost ?? "feed"}${author ? `:${author}` : ""}`,
              handle: author ?? siteHost ?? "feed",
              displayName: author ?? feedTitle,
              profileUrl: site,
            }
          : null,
      threadKey: externalId,
      raw: { feed: feedTitle, item: restoreRich(reader, raw) },
    });
  });
  return out;
}

/** The raw item as values: rich elements as their verbatim inner XML, the rest entity-decoded. */
function restoreRich(reader: FeedReader, value: unknown): unknown {
  if (typeof value === "string") return reader.verbatim(value) ?? decodeEntities(value);
  if (Array.isArray(value)) return value.map((v) => restoreRich(reader, v));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restoreRich(reader, v)]));
  return value;
}
