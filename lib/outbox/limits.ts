// How long a reply may be on each network, counted the way the network counts it, so the
// composer can say "12 characters over" before the network refuses the post. Pure: the browser
// imports it for the live meter and the server for the same check before queueing.
import type { ReplyNetwork } from "./transport";

export type LimitUnit = "characters" | "graphemes" | "weighted characters";

export interface ReplyLimit {
  max: number;
  unit: LimitUnit;
}

export interface LimitOptions {
  /** A Mastodon instance's own limit (instance configuration `statuses.max_characters`). */
  instanceLimit?: number;
}

export interface ReplyCount extends ReplyLimit {
  network: ReplyNetwork;
  used: number;
  over: boolean;
  /** Negative when over. */
  remaining: number;
}

/** The networks' own names, for messages (lib code cannot reach components/ui/badges). */
export const REPLY_NETWORK_NAME: Record<ReplyNetwork, string> = {
  x: "X",
  mastodon: "Mastodon",
  bluesky: "Bluesky",
  reddit: "Reddit",
  facebook: "Facebook",
  instagram: "Instagram",
  youtube: "YouTube",
};

export const MASTODON_DEFAULT_LIMIT = 500;

// Where each number comes from:
// - X: twitter-text v3 configuration (github.com/twitter/twitter-text config/v3.json):
//   maxWeightedTweetLength 280, scale 100, defaultWeight 200, transformedURLLength 23.
// - Bluesky: the app.bsky.feed.post lexicon, `text` maxGraphemes 300 (atproto lexicons/app/bsky/feed/post.json).
// - Mastodon: the instance's `configuration.statuses.max_characters` (GET /api/v2/instance), 500 by default
//   (StatusLengthValidator::MAX_CHARS in mastodon/mastodon).
// - Reddit: a comment's body is at most 10,000 characters (Reddit's "this field is too long" limit on /api/comment).
// - YouTube: comments are at most 10,000 characters (YouTube Help; the Data API answers commentTextTooLong past it).
// - Facebook: a comment is at most 8,000 characters (Facebook's composer limit; the Graph API does not publish one).
// - Instagram: captions and comments are at most 2,200 characters (Instagram Help Center; the Graph API's
//   IG Comment reference names no number, so this is the app's documented caption limit).
const FIXED_LIMITS: Record<Exclude<ReplyNetwork, "mastodon">, ReplyLimit> = {
  x: { max: 280, unit: "weighted characters" },
  bluesky: { max: 300, unit: "graphemes" },
  reddit: { max: 10_000, unit: "characters" },
  youtube: { max: 10_000, unit: "characters" },
  facebook: { max: 8_000, unit: "characters" },
  instagram: { max: 2_200, unit: "characters" },
};

export function replyLimit(network: ReplyNetwork, options: LimitOptions = {}): ReplyLimit {
  if (network !== "mastodon") return FIXED_LIMITS[network];
  const instance = options.instanceLimit;
  const max = instance && Number.isFinite(instance) && instance > 0 ? Math.floor(instance) : MASTODON_DEFAULT_LIMIT;
  return { max, unit: "characters" };
}

export function countReply(network: ReplyNetwork, text: string, options: LimitOptions = {}): ReplyCount {
  const limit = replyLimit(network, options);
  const used = usedLength(network, text);
  return { network, ...limit, used, over: used > limit.max, remaining: limit.max - used };
}

/** "12 characters over X's limit of 280 weighted characters", or null within the limit. */
export function overLimitReason(count: ReplyCount): string | null {
  if (!count.over) return null;
  const by = count.used - count.max;
  const name = REPLY_NETWORK_NAME[count.network];
  return `${by} ${by === 1 ? "character" : "characters"} over ${name}'s limit of ${count.max.toLocaleString("en-US")} ${count.unit}`;
}

function usedLength(network: ReplyNetwork, text: string): number {
  switch (network) {
    case "x":
      return xWeightedLength(text);
    case "bluesky":
      return graphemeCount(text);
    case "mastodon":
      return mastodonLength(text);
    default:
      return Array.from(text).length;
  }
}

// ---- graphemes ----------------------------------------------------------------------------

const graphemeSegmenter =
  typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter("en", { granularity: "grapheme" }) : null;

// V8's segmenter slows down quadratically on long strings (16,000 characters take a quarter of a
// second), and the meter recounts on every keystroke, so text is segmented in windows. Every
// segment that starts inside a window starts at a true boundary (a boundary depends only on the
// text before it and the one character after), so all of a window's segments but its last are
// exact; the next window starts where that last one did.
const SEGMENT_WINDOW = 512;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The user-perceived characters (code points where the runtime has no Intl.Segmenter). */
function* graphemes(text: string): Generator<string> {
  if (!graphemeSegmenter) {
    yield* Array.from(text);
    return;
  }
  let at = 0;
  let window = SEGMENT_WINDOW;
  while (at < text.length) {
    // Never cut a surrogate pair: half a code point would end the segment before it early.
    const end = isHighSurrogate(text.charCodeAt(at + window - 1)) ? at + window + 1 : at + window;
    const segments = Array.from(graphemeSegmenter.segment(text.slice(at, end)));
    if (end >= text.length) {
      for (const segment of segments) yield segment.segment;
      return;
    }
    const last = segments[segments.length - 1];
    if (last.index === 0) {
      // One grapheme fills the window (a letter under hundreds of combining marks): widen it.
      window *= 2;
      continue;
    }
    for (const segment of segments.slice(0, -1)) yield segment.segment;
    at += last.index;
    window = SEGMENT_WINDOW;
  }
}

function graphemeCount(text: string): number {
  const all = graphemes(text);
  let n = 0;
  while (!all.next().done) n++;
  return n;
}

// ---- URLs ---------------------------------------------------------------------------------

const URL_WEIGHT = 23;

// twitter-text's valid_url_preceding_chars: a URL does not start right after a letter, a digit,
// @ $ # (their full-width forms) or a directional override. Bare domains also not after . _ - /
// so "foo.example.com" is not read as "example.com" starting mid-word.
const AFTER_PROTOCOL_BOUNDARY = String.raw`(?<![\p{L}\p{N}@＠$#＃\u202A-\u202E])`;
const AFTER_BARE_BOUNDARY = String.raw`(?<![\p{L}\p{N}@＠$#＃\u202A-\u202E._/-])`;
// Labels alternate runs of letters/digits with runs of - or _, so the expression never has two
// ways to match the same text (no catastrophic backtracking on a long word as the agent types).
const LABEL = String.raw`[\p{L}\p{N}]+(?:[-_]+[\p{L}\p{N}]+)*`;
const PROTOCOL_URL = new RegExp(`${AFTER_PROTOCOL_BOUNDARY}https?://[^\\s<>"]+`, "giu");
const BARE_URL = new RegExp(
  `${AFTER_BARE_BOUNDARY}((?:${LABEL}\\.)+)([a-z]{2,})(?![\\p{L}\\p{N}@＠])(?::\\d{1,5})?([/?#][^\\s<>"]*)?`,
  "giu",
);

// Generic TLDs X links without a protocol. Two-letter country TLDs are linked only with a path or
// a second label ("example.io/x", "www.example.io"), as twitter-text's invalidShortDomain rule
// does, except .co and .tv (its validSpecialCcTLD) — so "file.md" and "no.is" stay plain text.
const GENERIC_TLDS = new Set(
  (
    "com net org info biz edu gov mil int app dev xyz online site shop store tech blog news page cloud live art " +
    "design club top pro name mobi social media email link website space studio support help today world agency " +
    "digital network solutions company"
  ).split(" "),
);
const SPECIAL_CCTLDS = new Set(["co", "tv"]);

interface Span {
  start: number;
  end: number;
}

function occurrences(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Drops sentence punctuation after a URL, keeping a ")" that closes a "(" inside it (Wikipedia links). */
function trimUrl(url: string): string {
  let end = url.length;
  while (end > 0) {
    const last = url[end - 1];
    if (last === ")") {
      const body = url.slice(0, end);
      if (occurrences(body, "(") >= occurrences(body, ")")) break;
    } else if (!/[.,:;!?'"’”\]}>*]/.test(last)) break;
    end--;
  }
  return url.slice(0, end);
}

function protocolUrlSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(PROTOCOL_URL)) {
    const url = trimUrl(match[0]);
    // "https://" alone, or followed only by punctuation, is not a link.
    if (/^https?:\/\/[\p{L}\p{N}]/iu.test(url)) spans.push({ start: match.index, end: match.index + url.length });
  }
  return spans;
}

function isLinkableBareDomain(labels: string, tld: string, path: string | undefined): boolean {
  const lower = tld.toLowerCase();
  if (GENERIC_TLDS.has(lower)) return true;
  if (lower.length !== 2) return false;
  const labelCount = labels.split(".").length - 1;
  return SPECIAL_CCTLDS.has(lower) || labelCount >= 2 || (path !== undefined && path.length > 1);
}

function bareUrlSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(BARE_URL)) {
    if (!isLinkableBareDomain(match[1], match[2], match[3])) continue;
    const url = trimUrl(match[0]);
    spans.push({ start: match.index, end: match.index + url.length });
  }
  return spans;
}

/** Non-overlapping URL spans in text order: those with a protocol win over bare domains inside them. */
function urlSpans(text: string, withBareDomains: boolean): Span[] {
  const spans = protocolUrlSpans(text);
  if (withBareDomains) {
    for (const bare of bareUrlSpans(text))
      if (!spans.some((s) => bare.start < s.end && s.start < bare.end)) spans.push(bare);
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Sums `measure` over the text between URLs, plus `URL_WEIGHT` per URL. */
function lengthWithUrls(text: string, spans: Span[], measure: (plain: string) => number): number {
  let total = 0;
  let at = 0;
  for (const span of spans) {
    total += measure(text.slice(at, span.start)) + URL_WEIGHT;
    at = span.end;
  }
  return total + measure(text.slice(at));
}

// ---- X ------------------------------------------------------------------------------------

// twitter-text v3 `ranges`: code points here weigh 100 (= 1 character at scale 100); all others
// weigh the defaultWeight 200 (= 2), e.g. CJK.
const X_LIGHT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];
const X_EMOJI_WEIGHT = 2;

function xCodePointWeight(codePoint: number): number {
  return X_LIGHT_RANGES.some(([low, high]) => codePoint >= low && codePoint <= high) ? 1 : 2;
}

// twitter-text (emojiParsingEnabled) counts a whole emoji sequence as the default weight, 2:
// ZWJ families, skin tones, flags (regional indicator pairs), keycaps (0-9 # * then FE0F 20E3).
const EMOJI_PART = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const KEYCAP = /^[0-9#*]\uFE0F?\u20E3$/u;

function xGraphemeWeight(grapheme: string): number {
  const codePoints = Array.from(grapheme);
  // A lone code point keeps its range weight: "©" and "®" are Extended_Pictographic but shown
  // as text, and twitter-text's emoji pattern wants them followed by U+FE0F to count as emoji.
  if (codePoints.length > 1 && (EMOJI_PART.test(grapheme) || KEYCAP.test(grapheme))) return X_EMOJI_WEIGHT;
  return codePoints.reduce((sum, c) => sum + xCodePointWeight(c.codePointAt(0)!), 0);
}

function xPlainWeight(plain: string): number {
  let total = 0;
  for (const grapheme of graphemes(plain)) total += xGraphemeWeight(grapheme);
  return total;
}

/** twitter-text v3's weighted length: NFC, URLs 23, emoji sequences 2, CJK and others 2, Latin 1. */
export function xWeightedLength(text: string): number {
  const normalized = text.normalize("NFC");
  return lengthWithUrls(normalized, urlSpans(normalized, true), xPlainWeight);
}

// ---- Mastodon -----------------------------------------------------------------------------

// Account::MENTION_RE in mastodon/mastodon: "@user@domain" counts as "@user", since only the
// local part is shown. Applied after URLs are taken out, as StatusLengthValidator does.
const REMOTE_MENTION = /(?<![=/\p{L}\p{N}_])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)@[\p{L}\p{N}_.-]*[\p{L}\p{N}_]/giu;

function mastodonPlainLength(plain: string): number {
  return graphemeCount(plain.replace(REMOTE_MENTION, "@$1"));
}

/**
 * Mastodon's StatusLengthValidator: every http(s) URL counts 23, a remote mention counts its
 * local part, and the rest counts grapheme clusters (`each_grapheme_cluster.size`), which
 * equals code points except for combined sequences (a ZWJ family emoji is 1, not 7).
 */
export function mastodonLength(text: string): number {
  return lengthWithUrls(text, urlSpans(text, false), mastodonPlainLength);
}

// ---- preview support ----------------------------------------------------------------------

export type PreviewPart = { kind: "text" | "mention" | "link"; text: string };

const MENTION =
  /(?<![\p{L}\p{N}_@])@[\p{L}\p{N}_]+(?:[.-][\p{L}\p{N}_]+)*(?:@[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+)?/gu;

/** The text split into plain runs, @mentions and http(s) links, for a preview that styles them. */
export function previewParts(text: string): PreviewPart[] {
  const marks: Array<Span & { kind: "mention" | "link" }> = protocolUrlSpans(text).map((s) => ({ ...s, kind: "link" }));
  for (const match of text.matchAll(MENTION)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!marks.some((m) => span.start < m.end && m.start < span.end)) marks.push({ ...span, kind: "mention" });
  }
  marks.sort((a, b) => a.start - b.start);
  const parts: PreviewPart[] = [];
  let at = 0;
  for (const mark of marks) {
    if (mark.start > at) parts.push({ kind: "text", text: text.slice(at, mark.start) });
    parts.push({ kind: mark.kind, text: text.slice(mark.start, mark.end) });
    at = mark.end;
  }
  if (at < text.length) parts.push({ kind: "text", text: text.slice(at) });
  return parts;
}
