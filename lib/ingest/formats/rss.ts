// RSS 2.0, RSS 1.0 (RDF) and Atom feeds, in whatever encoding they declare. A document that is
// not a feed is one clear rejection; items without enough to identify or read them are
// rejected one by one.
import { createHash } from "node:crypto";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { htmlToText, hostOf } from "../../listening/query/text";
import { accept, emptyOutput, type ParseOutput } from "../mention";
import { isObject } from "./lines";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  htmlEntities: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === "item" || name === "entry" || name === "link" || name === "category",
});

/** Bytes to text using the BOM or the XML declaration's encoding (UTF-8 by default). */
export function decodeXml(input: Uint8Array | string): string {
  if (typeof input === "string") return input;
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) return new TextDecoder("utf-8").decode(input.subarray(3));
  if (input[0] === 0xff && input[1] === 0xfe) return new TextDecoder("utf-16le").decode(input.subarray(2));
  if (input[0] === 0xfe && input[1] === 0xff) return new TextDecoder("utf-16be").decode(input.subarray(2));
  const head = new TextDecoder("latin1").decode(input.subarray(0, 200));
  const declared = /<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  try {
    return new TextDecoder(declared ?? "utf-8").decode(input);
  } catch {
    return new TextDecoder("utf-8").decode(input);
  }
}

function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "string" || typeof v === "number") return String(v).trim() || null;
  if (Array.isArray(v)) return text(v[0]);
  if (isObject(v)) return text(v["#text"]);
  return null;
}

function atomLink(links: unknown): string | null {
  if (!Array.isArray(links)) return text(links);
  const objects = links.filter(isObject);
  const alternate = objects.find((l) => !l["@_rel"] || l["@_rel"] === "alternate") ?? objects[0];
  return alternate ? (text(alternate["@_href"]) ?? text(alternate)) : text(links[0]);
}

function authorName(v: unknown): string | null {
  if (Array.isArray(v)) return authorName(v[0]);
  if (isObject(v)) return text(v.name) ?? text(v.email) ?? text(v);
  return text(v);
}

export function parseRss(input: Uint8Array | string, feedUrl?: string | null): ParseOutput {
  const out = emptyOutput();
  const xml = decodeXml(input);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    out.rejected.push({ where: `line ${valid.err.line}`, reason: `Not a feed: the XML is malformed (${valid.err.msg})` });
    return out;
  }
  const doc = parser.parse(xml) as Record<string, unknown>;
  let items: unknown[];
  let feedLink: string | null = null;
  let feedTitle: string | null = null;
  let kind: "rss" | "atom";
  if (isObject(doc.rss) && isObject(doc.rss.channel)) {
    kind = "rss";
    items = (doc.rss.channel.item as unknown[]) ?? [];
    feedLink = text(doc.rss.channel.link);
    feedTitle = text(doc.rss.channel.title);
  } else if (isObject(doc["rdf:RDF"])) {
    kind = "rss";
    const rdf = doc["rdf:RDF"];
    items = (rdf.item as unknown[]) ?? [];
    feedLink = isObject(rdf.channel) ? text(rdf.channel.link) : null;
    feedTitle = isObject(rdf.channel) ? text(rdf.channel.title) : null;
  } else if (isObject(doc.feed)) {
    kind = "atom";
    items = (doc.feed.entry as unknown[]) ?? [];
    feedLink = atomLink(doc.feed.link);
    feedTitle = text(doc.feed.title);
  } else {
    const root = Object.keys(doc).find((k) => !k.startsWith("?")) ?? "nothing";
    out.rejected.push({ where: "document", reason: `Not an RSS or Atom feed (root element <${root}>)` });
    return out;
  }
  const site = feedLink ?? feedUrl ?? null;
  const siteHost = site ? hostOf(site) : null;
  items.forEach((raw, i) => {
    const where = `${kind === "atom" ? "entry" : "item"} ${i + 1}`;
    if (!isObject(raw)) return void out.rejected.push({ where, reason: "Empty item" });
    const link = kind === "atom" ? atomLink(raw.link) : (text(raw.link) ?? text(raw["@_rdf:about"]));
    const title = text(raw.title);
    const body = text(raw["content:encoded"]) ?? text(raw.content) ?? text(raw.description) ?? text(raw.summary) ?? "";
    const guid = text(raw.guid) ?? text(raw.id);
    if (!guid && !link && !title) return void out.rejected.push({ where, reason: "No id, link or title to identify the item" });
    if (!title && !body) return void out.rejected.push({ where, reason: "No title or content to read" });
    const date = text(raw.pubDate) ?? text(raw["dc:date"]) ?? text(raw.published) ?? text(raw.updated);
    const author = authorName(raw["dc:creator"]) ?? authorName(raw.author);
    const externalId = guid ?? link ?? createHash("sha256").update(`${title}\n${date}`).digest("hex").slice(0, 32);
    accept(out, where, {
      network: "rss",
      externalId,
      url: link,
      // Items without a date are dated when they were read.
      createdAt: date ? new Date(date) : new Date(),
      text: htmlToText(body),
      title: title ? htmlToText(title) : null,
      lang: null,
      author: siteHost || author
        ? {
            accountId: `${siteHost ?? "feed"}${author ? `:${author}` : ""}`,
            handle: author ?? siteHost ?? "feed",
            displayName: author ?? feedTitle,
            profileUrl: site,
          }
        : null,
      threadKey: externalId,
      raw: { feed: feedTitle, item: raw },
    });
  });
  return out;
}
