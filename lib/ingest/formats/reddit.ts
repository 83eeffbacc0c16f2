// Reddit listings: posts (t3) and comments (t1) with nested replies; `more` stubs and
// private messages (t4) are not mentions.
import { htmlToText } from "../../listening/query/text";
import { accept, emptyOutput, type ParseOutput } from "../mention";
import { forEachJsonDocument, isObject, num, str } from "./lines";

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
    if (thing.kind === "more" || thing.kind === "t4" || thing.kind === "t5" || thing.kind === "t2") return void out.ignored++;
    return void out.rejected.push({ where, reason: `Unknown Reddit kind ${JSON.stringify(thing.kind)}` });
  }
  const isPost = thing.kind === "t3";
  if (!isPost && data.was_comment === false) return void out.ignored++;
  const author = str(data.author);
  const permalink = str(data.permalink) ?? (str(data.context)?.replace(/\?context=\d+$/, "") ?? null);
  const body = isPost ? (str(data.selftext) || (data.is_self ? "" : str(data.url)) || "") : (str(data.body) ?? "");
  accept(out, where, {
    network: "reddit",
    externalId: str(data.name) ?? `${thing.kind}_${str(data.id)}`,
    url: permalink ? `https://www.reddit.com${permalink}` : null,
    createdAt: new Date((num(data.created_utc) ?? NaN) * 1000),
    text: htmlToText(body),
    title: isPost ? str(data.title) : str(data.link_title),
    lang: null,
    author: author && author !== "[deleted]" ? { accountId: str(data.author_fullname) ?? author, handle: author, profileUrl: `https://www.reddit.com/user/${author}` } : null,
    threadKey: isPost ? str(data.name) : str(data.link_id),
    inReplyToId: isPost ? null : str(data.parent_id),
    metrics: { score: num(data.score) ?? 0, comments: num(data.num_comments) ?? 0 },
    raw: { ...data, replies: undefined },
  });
  if (isObject(data.replies)) walk(out, data.replies, `${where}.replies`);
}

export function parseReddit(text: string): ParseOutput {
  const out = emptyOutput();
  forEachJsonDocument(text, out, (value, where) => walk(out, value, where));
  return out;
}
