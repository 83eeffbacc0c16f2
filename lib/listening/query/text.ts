// Text normalisation and tokenisation, spec §1. Pure: no I/O, runs in the browser too.
//
// A token keeps three forms: `text` (NFKC, lower case, diacritics removed: what terms match),
// `orig` (NFKC only: what {Case} terms match) and its character span in the analysed text
// (what explanations highlight).

export const enum TokenKind {
  Plain = 0,
  Hashtag = 1,
  Mention = 2,
}

export interface Token {
  text: string;
  orig: string;
  start: number;
  end: number;
  kind: TokenKind;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const MARK = /\p{M}/u;
const MARKS = /\p{M}+/gu;
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** NFKC + lower case + diacritics removed, for one word (or a query word). */
export function normalizeWord(word: string): string {
  const folded = word.normalize("NFKC").toLowerCase();
  if (ASCII_ONLY.test(folded)) return folded;
  return folded.normalize("NFD").replace(MARKS, "").normalize("NFC");
}

function isWordCodePoint(ch: string): boolean {
  if (ch.length === 1 && ch.charCodeAt(0) < 128) {
    const c = ch.charCodeAt(0);
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  }
  const n = ch.normalize("NFKC");
  if (n.length === 0) return false;
  for (const part of n) if (!WORD_CHAR.test(part) && !MARK.test(part)) return false;
  return true;
}

function prefixChar(ch: string | undefined): string | undefined {
  if (ch === undefined) return undefined;
  if (ch === "#" || ch === "@") return ch;
  const n = ch.normalize("NFKC");
  return n === "#" || n === "@" ? n : undefined;
}

/** Splits text into tokens (spec §1.3–1.5). Offsets are UTF-16 indices into `text`. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  if (ASCII_ONLY.test(text)) {
    // Fast path for the common case: no normalisation needed, one lower-casing for the text.
    const lower = text.toLowerCase();
    const n = lower.length;
    let i = 0;
    while (i < n) {
      let c = lower.charCodeAt(i);
      if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95)) {
        i++;
        continue;
      }
      const start = i;
      do c = lower.charCodeAt(++i);
      while (i < n && ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95));
      const before = start > 0 ? lower.charCodeAt(start - 1) : 0;
      tokens.push({
        text: lower.slice(start, i),
        orig: text.slice(start, i),
        start,
        end: i,
        kind: before === 35 ? TokenKind.Hashtag : before === 64 ? TokenKind.Mention : TokenKind.Plain,
      });
    }
    return tokens;
  }
  let i = 0;
  let prev: string | undefined;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (!isWordCodePoint(ch) || MARK.test(ch)) {
      prev = ch;
      i += ch.length;
      continue;
    }
    const start = i;
    const marker = prefixChar(prev);
    i += ch.length;
    while (i < text.length) {
      const next = String.fromCodePoint(text.codePointAt(i)!);
      if (!isWordCodePoint(next)) break; // marks count as word characters here (they follow a letter)
      i += next.length;
    }
    const raw = text.slice(start, i);
    const orig = raw.normalize("NFKC");
    tokens.push({
      text: normalizeWord(raw),
      orig,
      start,
      end: i,
      kind: marker === "#" ? TokenKind.Hashtag : marker === "@" ? TokenKind.Mention : TokenKind.Plain,
    });
    prev = text[i - 1];
  }
  return tokens;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** HTML to text (spec §1.6): tags dropped, block ends become line breaks, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h[1-6]|blockquote|tr)\s*>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
      if (entity[0] === "#") {
        const code =
          entity[1] === "x" || entity[1] === "X" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[entity.toLowerCase()] ?? whole;
    })
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][^>]*>|&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(text);
}

const URL_RE = /\bhttps?:\/\/[^\s<>"')\]]+/gi;

/** Hosts of the http(s) links in a text, lower case, without a trailing dot. */
export function linkHosts(text: string): string[] {
  const hosts: string[] = [];
  for (const m of text.matchAll(URL_RE)) {
    const host = hostOf(m[0]);
    if (host) hosts.push(host);
  }
  return hosts;
}

export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return null;
  }
}
