// HTML (as found in feeds, Mastodon statuses, YouTube comments) to readable text. Pure.
//
// Scripts, styles and comments are dropped, block elements become line breaks, the rest of
// the markup goes, and every HTML entity is decoded with the maintained `entities` package
// (the whole HTML5 table plus numeric references). Written as linear scans: bodies from the
// network can be megabytes of unbalanced markup, and a backtracking regex over unterminated
// `<script` or `<!--` would be quadratic.
//
// This is for storing text at ingestion. The matcher's own HTML rule (query spec §1.6) lives
// in lib/listening/query/text.ts and is deliberately not this one.
import { decodeHTML } from "entities";

const HIDDEN = /<(script|style|noscript|template|head|title)\b/gi;
const PARAGRAPH = new Set([
  "p",
  "div",
  "blockquote",
  "pre",
  "ul",
  "ol",
  "dl",
  "table",
  "section",
  "article",
  "aside",
  "header",
  "footer",
  "nav",
  "figure",
  "figcaption",
  "main",
  "hr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "form",
  "fieldset",
  "address",
  "details",
  "summary",
]);
const LINE = new Set(["li", "tr", "dt", "dd", "caption", "option"]);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*>|<![^<>]*>|<\?[^<>]*>/g;
const MARKUP = /<\/?[a-zA-Z][a-zA-Z0-9:-]*(?:[\s/>]|$)|<!--/;

/** True when the string holds something that reads as an HTML tag or comment. */
export function hasMarkup(text: string): boolean {
  return MARKUP.test(text);
}

/** Drops <!-- comments --> (an unterminated one runs to the end, as in a browser). */
function dropComments(html: string): string {
  if (!html.includes("<!--")) return html;
  let out = "";
  let from = 0;
  for (;;) {
    const start = html.indexOf("<!--", from);
    if (start < 0) return out + html.slice(from);
    out += html.slice(from, start);
    const end = html.indexOf("-->", start + 4);
    if (end < 0) return out;
    from = end + 3;
  }
}

/** Drops script, style and similar elements with their content. */
function dropHidden(html: string): string {
  let out = "";
  let from = 0;
  HIDDEN.lastIndex = 0;
  for (let m = HIDDEN.exec(html); m; m = HIDDEN.exec(html)) {
    out += `${html.slice(from, m.index)} `;
    const close = new RegExp(`</${m[1]}\\s*>`, "gi");
    close.lastIndex = m.index + m[0].length;
    const end = close.exec(html);
    if (!end) return out;
    from = end.index + end[0].length;
    HIDDEN.lastIndex = from;
  }
  return out + html.slice(from);
}

/** Tidies what is left: spaces per line trimmed, at most one blank line in a row. */
function tidy(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t\f\v]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Text with entities but no markup: entities decoded, its own line breaks kept. */
export function decodeEntities(text: string): string {
  return text.includes("&") ? decodeHTML(text) : text;
}

/** HTML to readable text. Text without any markup only has its entities decoded. */
export function htmlToPlainText(html: string): string {
  if (!hasMarkup(html)) return tidy(decodeEntities(html.replace(/\r\n?/g, "\n")));
  // In HTML, source line breaks are spaces; only the markup makes lines.
  const flat = dropHidden(dropComments(html)).replace(/[ \t\n\r\f]+/g, " ");
  const text = flat.replace(TAG, (_whole, slash: string | undefined, name: string | undefined) => {
    const tag = name?.toLowerCase();
    if (!tag) return "";
    if (PARAGRAPH.has(tag)) return "\n\n";
    if (tag === "br" || (LINE.has(tag) && !slash)) return "\n";
    if (tag === "td" || tag === "th") return " ";
    return "";
  });
  return tidy(decodeEntities(text));
}
