// A post prepared for matching: tokenised once, fields normalised (spec §1, §3.6).
import { htmlToText, hostOf, linkHosts, looksLikeHtml, tokenize, type Token } from "./text";

export interface PostInput {
  text: string;
  title?: string | null;
  lang?: string | null;
  source?: string | null;
  url?: string | null;
  author?: { handle?: string | null; followers?: number | null; verified?: boolean | null } | null;
  /** The body is HTML. Defaults to true for Mastodon and RSS bodies that look like HTML. */
  html?: boolean;
}

export interface AnalyzedPost {
  /** The searchable text (title and body joined by a newline); spans index into it. */
  text: string;
  tokens: Token[];
  lang: string | null;
  source: string | null;
  handle: string | null;
  followers: number | null;
  verified: boolean | null;
  hosts: string[];
}

export function analyzePost(post: PostInput): AnalyzedPost {
  const html = post.html ?? ((post.source === "mastodon" || post.source === "rss") && looksLikeHtml(post.text ?? ""));
  const body = html ? htmlToText(post.text ?? "") : (post.text ?? "");
  const title = post.title ? (html ? htmlToText(post.title) : post.title) : "";
  const text = title ? `${title}\n${body}` : body;
  const hosts = linkHosts(text);
  const own = post.url ? hostOf(post.url) : null;
  if (own) hosts.push(own);
  const handle = post.author?.handle ? post.author.handle.replace(/^@/, "").toLowerCase() : null;
  return {
    text,
    tokens: tokenize(text),
    lang: post.lang ? post.lang.toLowerCase() : null,
    source: post.source ? post.source.toLowerCase() : null,
    handle,
    followers: typeof post.author?.followers === "number" ? post.author.followers : null,
    verified: typeof post.author?.verified === "boolean" ? post.author.verified : null,
    hosts,
  };
}
