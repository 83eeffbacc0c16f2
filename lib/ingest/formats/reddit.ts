// Reddit listings: posts (t3) and comments (t1) with nested replies; `more` stubs and
// private messages (t4) are not mentions. A comment whose body reads [deleted] or [removed]
// is a deletion, not a mention. Reddit's JSON escapes &, < and > in text (it is markdown, not
// HTML), so text is entity-decoded, never stripped of "tags".
import { decodeEntities } from "../html-text";
import { accept, acceptDeletion, emptyOutput, type ParseOutput } from "../mention";
import { forEachJsonDocument, isObject, num, str } from "./lines";

const GONE = new Set(["[deleted]", "[removed]"]);
const REDDIT = "https://www.reddit.com";

/** The post id (without t3_) a comment belongs to: link_id, or the post named in its permalink/context. */
function postIdOf(data: Record<string, unknown>): string | null {
  const linkId = str(data.link_id);
  if (linkId) return linkId.replace(/^t3_/, "");
  const path = str(data.permalink) ?? str(data.context) ?? "";
  return /\/comments\/([a-z0-9]+)\//i.exec(path)?.[1] ?? null;
}

/**
 * The thing's address: its permalink (or an inbox item's context), else one built from its
 * ids in Reddit's documented form, /r/<sub>/comments/<post>/comment/<comment>/.
 */
function permalinkOf(data: Record<string, unknown>, isPost: boolean, id: string | null): string | null {
  const given = str(data.permalink) || str(data.context)?.replace(/\?context=\d+$/, "");
  if (given) {
    if (given.startsWith("/")) return `${REDDIT}${given}`;
    return /^https?:\/\//i.test(given) ? given : null;
  }
  if (!id || !/^[a-z0-9]+$/i.test(id)) return null;
  const sub = str(data.subreddit);
  const prefix = sub && /^[A-Za-z0-9_]{1,50}$/.test(sub) ? `${REDDIT}/r/${sub}` : REDDIT;
  if (isPost) return `${prefix}/comments/${id}/`;
  const post = postIdOf(data);
  return post && /^[a-z0-9]+$/i.test(post) ? `${prefix}/comments/${post}/comment/${id}/` : null;
}

function walk(out: ParseOutput, thing: unknown, where: string): void {
  if (Array.isArray(thing)) return thing.forEach((t, i) => walk(out, t, `${where}[${i}]`));
  if (!isObject(thing)) return void out.rejected.push({ where, reason: "Not a Reddit thing" });
  if (thing.kind === "Listing" && isObject(thing.data)) {
    const children = Array.isArray(thing.data.children) ? thing.data.children : [];
    return children.forEach((c, i) => walk(out, c, `${where}.children[${i}]`));
  }
  if (isObject(thing.json) && isObject(thing.json.data) && Array.isArray(thing.json.data.things)) {
    return thing.json.data.things.forEach((t, i) => walk(out, t, `${where}.things[${i}]`));
  }
  const data = isObject(thing.data) ? thing.data : null;
  if (!data || (thing.kind !== "t1" && thing.kind !== "t3")) {
    if (thing.kind === "more" || thing.kind === "t4" || thing.kind === "t5" || thing.kind === "t2")
      return void out.ignored++;
    return void out.rejected.push({ where, reason: `Unknown Reddit kind ${JSON.stringify(thing.kind)}` });
  }
  const isPost = thing.kind === "t3";
  if (!isPost && data.was_comment === false) return void out.ignored++;
  const id = str(data.id) ?? str(data.name)?.replace(/^t[13]_/, "") ?? null;
  const externalId = str(data.name) ?? (id ? `${thing.kind}_${id}` : "");
  const author = str(data.author);
  const body = isPost ? str(data.selftext) || (data.is_self ? "" : str(data.url)) || "" : (str(data.body) ?? "");
  const postId = isPost ? id : postIdOf(data);
  if (!isPost && GONE.has(body.trim())) {
    // Deleted by its author or removed by a moderator: whatever we hold of it is gone too.
    acceptDeletion(out, where, "reddit", externalId);
  } else {
    const title = isPost ? str(data.title) : str(data.link_title);
    accept(out, where, {
      network: "reddit",
      externalId,
      url: permalinkOf(data, isPost, id),
      createdAt:
        num(data.created_utc) !== null ? new Date(num(data.created_utc)! * 1000) : (str(data.created_utc) ?? ""),
      text: decodeEntities(body).trim(),
      title: title ? decodeEntities(title) : null,
      lang: null,
      // An account deleted since keeps its comments on Reddit, without a name.
      author:
        author && !GONE.has(author)
          ? { accountId: str(data.author_fullname) ?? author, handle: author, profileUrl: `${REDDIT}/user/${author}` }
          : null,
      threadKey: isPost ? externalId || null : postId ? `t3_${postId}` : null,
      inReplyToId: isPost ? null : str(data.parent_id),
      metrics: { score: num(data.score) ?? 0, comments: num(data.num_comments) ?? 0 },
      raw: { ...data, replies: undefined },
    });
  }
  if (isObject(data.replies)) walk(out, data.replies, `${where}.replies`);
}

export function parseReddit(text: string): ParseOutput {
  const out = emptyOutput();
  forEachJsonDocument(text, out, (value, where) => walk(out, value, where));
  return out;
}
