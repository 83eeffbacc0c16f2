// Bluesky rich text: a post's text is plain, and mentions and links are "facets" beside it that
// point at UTF-8 byte ranges of the text (not JavaScript's UTF-16 indexes: an emoji or a Cyrillic
// letter before a link shifts it by more bytes than characters). Pure: the transport resolves
// the handles; this module finds them and computes the ranges. Patterns follow Bluesky's own
// rich-text detection (a mention or link starts the text or follows a space or "(").

export type FacetFeature =
  { $type: "app.bsky.richtext.facet#mention"; did: string } | { $type: "app.bsky.richtext.facet#link"; uri: string };

export interface Facet {
  index: { byteStart: number; byteEnd: number };
  features: FacetFeature[];
}

export interface FoundMention {
  handle: string;
  byteStart: number;
  byteEnd: number;
}

export interface FoundLink {
  uri: string;
  byteStart: number;
  byteEnd: number;
}

const MENTION = /(^|[\s(])@([a-zA-Z0-9.-]+)\b/g;
const LINK = /(^|[\s(])(https?:\/\/\S+)/gi;
// A handle is a domain name: labels of letters, digits and hyphens, a letter-led last label.
const HANDLE = /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

const encoder = new TextEncoder();
const utf8Length = (s: string) => encoder.encode(s).length;

/** The byte range of text[start, end) (UTF-16 indexes) in the text's UTF-8 encoding. */
function byteRange(text: string, start: number, end: number): { byteStart: number; byteEnd: number } {
  const byteStart = utf8Length(text.slice(0, start));
  return { byteStart, byteEnd: byteStart + utf8Length(text.slice(start, end)) };
}

/** @handle mentions whose handle is a valid domain name, lower-cased (handles are case-insensitive). */
export function findMentions(text: string): FoundMention[] {
  const found: FoundMention[] = [];
  for (const match of text.matchAll(MENTION)) {
    const handle = match[2];
    if (!HANDLE.test(handle)) continue;
    const start = match.index + match[1].length; // the "@"
    found.push({ handle: handle.toLowerCase(), ...byteRange(text, start, start + 1 + handle.length) });
  }
  return found;
}

/** A URL as written in running text, without the sentence's punctuation after it. */
function trimTrailingPunctuation(uri: string): string {
  let trimmed = uri;
  if (/[.,;:!?]$/.test(trimmed)) trimmed = trimmed.slice(0, -1);
  if (trimmed.endsWith(")") && !trimmed.includes("(")) trimmed = trimmed.slice(0, -1);
  return trimmed;
}

const isUrl = (s: string) => URL.canParse(s);

/** http(s) links. */
export function findLinks(text: string): FoundLink[] {
  const found: FoundLink[] = [];
  for (const match of text.matchAll(LINK)) {
    const uri = trimTrailingPunctuation(match[2]);
    if (!isUrl(uri)) continue;
    const start = match.index + match[1].length;
    found.push({ uri, ...byteRange(text, start, start + uri.length) });
  }
  return found;
}

/**
 * The facets of a post: links, and mentions whose handle `didOf` knows (a mention that cannot be
 * resolved stays plain text, as in Bluesky's own app). Sorted by position.
 */
export function facetsOf(text: string, didOf: (handle: string) => string | null | undefined): Facet[] {
  const mentions = findMentions(text).flatMap(({ handle, byteStart, byteEnd }): Facet[] => {
    const did = didOf(handle);
    return did
      ? [{ index: { byteStart, byteEnd }, features: [{ $type: "app.bsky.richtext.facet#mention", did }] }]
      : [];
  });
  const links = findLinks(text).map(({ uri, byteStart, byteEnd }): Facet => ({
    index: { byteStart, byteEnd },
    features: [{ $type: "app.bsky.richtext.facet#link", uri }],
  }));
  return [...mentions, ...links].sort((a, b) => a.index.byteStart - b.index.byteStart);
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** What Bluesky limits a post by (300): user-perceived characters, an emoji with modifiers counting once. */
export function graphemeCount(text: string): number {
  return Array.from(segmenter.segment(text)).length;
}

export const BLUESKY_MAX_GRAPHEMES = 300;
