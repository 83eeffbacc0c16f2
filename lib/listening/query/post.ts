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
  /** Hosts of the post's URL and of the links in its text (computed on first use). */
  readonly hosts: string[];
}

/** A class so that every analysed post has one shape; link hosts are found on first use. */
class Analyzed implements AnalyzedPost {
  private linkHosts: string[] | null = null;
  constructor(
    readonly text: string,
    readonly tokens: Token[],
    readonly lang: string | null,
    readonly source: string | null,
    readonly handle: string | null,
    readonly followers: number | null,
    readonly verified: boolean | null,
    private readonly url: string | null,
  ) {}

  get hosts(): string[] {
    if (this.linkHosts === null) {
      const hosts = linkHosts(this.text);
      const own = this.url ? hostOf(this.url) : null;
      if (own) hosts.push(own);
      this.linkHosts = hosts;
    }
    return this.linkHosts;
  }
}

export function analyzePost(post: PostInput): AnalyzedPost {
  const html = post.html ?? ((post.source === "mastodon" || post.source === "rss") && looksLikeHtml(post.text ?? ""));
  const body = html ? htmlToText(post.text ?? "") : (post.text ?? "");
  const title = post.title ? (html ? htmlToText(post.title) : post.title) : "";
  const text = title ? `${title}\n${body}` : body;
  const handle = post.author?.handle ? post.author.handle.replace(/^@/, "").toLowerCase() : null;
  return new Analyzed(
    text,
    tokenize(text),
    post.lang ? post.lang.toLowerCase() : null,
    post.source ? post.source.toLowerCase() : null,
    handle,
    typeof post.author?.followers === "number" ? post.author.followers : null,
    typeof post.author?.verified === "boolean" ? post.author.verified : null,
    post.url ?? null,
  );
}
