// X API v2: recent-search pages ({data: [...], includes, meta}) and filtered-stream lines
// ({data: {...}, includes, matching_rules}). Ids stay strings; big rule ids stay exact.
import { accept, emptyOutput, type ParseOutput } from "../mention";
import { forEachJsonDocument, isObject, num, str } from "./lines";

const NO_LANGUAGE = new Set(["und", "qst", "qme", "qam", "qht", "zxx", "art", "qct"]);

// Tweet ids since November 2010 are snowflakes: milliseconds since Twitter's epoch in the high bits.
const TWITTER_EPOCH = 1288834974657n;
const FIRST_SNOWFLAKE = 29_700_859_247n;

/** The time a snowflake id was made; null for anything that is not one. */
export function snowflakeTime(id: string | null): Date | null {
  if (!id || !/^\d{1,20}$/.test(id)) return null;
  const n = BigInt(id);
  if (n < FIRST_SNOWFLAKE) return null;
  const ms = Number((n >> 22n) + TWITTER_EPOCH);
  return ms <= Date.UTC(9999, 0, 1) ? new Date(ms) : null;
}

/**
 * When the tweet was posted: created_at when given and readable; X API v2 only sends it when
 * asked (its default fields are id and text), so otherwise the id's own timestamp; failing
 * both, the time it was received.
 */
function postedAt(createdAt: string | null, id: string | null, receivedAt: Date): Date {
  const given = createdAt ? new Date(createdAt) : null;
  if (given && !Number.isNaN(given.getTime())) return given;
  return snowflakeTime(id) ?? receivedAt;
}

/** X escapes exactly these three characters in a post's text (and nothing else). */
function unescapeXText(text: string): string {
  return text.includes("&")
    ? text.replace(/&(lt|gt|amp);/g, (_, name: string) => (name === "lt" ? "<" : name === "gt" ? ">" : "&"))
    : text;
}

export function parseX(text: string, options: { receivedAt?: Date } = {}): ParseOutput {
  const out = emptyOutput();
  const receivedAt = options.receivedAt ?? new Date();
  forEachJsonDocument(text, out, (value, where) => {
    if (!isObject(value)) return void out.rejected.push({ where, reason: "Expected an object with data" });
    if (!("data" in value)) {
      if ("errors" in value)
        return void out.rejected.push({
          where,
          reason: `X reported errors: ${JSON.stringify(value.errors).slice(0, 300)}`,
        });
      if (isObject(value.meta) && value.meta.result_count === 0) return;
      return void out.rejected.push({ where, reason: "No data: not an X API v2 response" });
    }
    const users = new Map<string, Record<string, unknown>>();
    const includes = isObject(value.includes) ? value.includes : {};
    for (const u of Array.isArray(includes.users) ? includes.users : [])
      if (isObject(u) && str(u.id)) users.set(str(u.id)!, u);
    const tweets = Array.isArray(value.data) ? value.data : [value.data];
    const matchingRules = Array.isArray(value.matching_rules) ? value.matching_rules : undefined;
    tweets.forEach((tweet, i) => {
      const at = tweets.length > 1 ? `${where}, tweet ${i + 1}` : where;
      if (!isObject(tweet)) return void out.rejected.push({ where: at, reason: "Tweet is not an object" });
      const refs = Array.isArray(tweet.referenced_tweets) ? tweet.referenced_tweets.filter(isObject) : [];
      if (refs.some((r) => r.type === "retweeted")) return void out.ignored++; // a retweet is not a new mention
      const id = str(tweet.id);
      const author = users.get(str(tweet.author_id) ?? "");
      const handle = str(author?.username);
      const metrics = isObject(author?.public_metrics) ? author.public_metrics : {};
      const history = Array.isArray(tweet.edit_history_tweet_ids) ? tweet.edit_history_tweet_ids.map(String) : [];
      // An edit gets a new id; the mention keeps the original's so the edit updates it.
      const originalId = history[0] ?? id;
      const mentioned =
        isObject(tweet.entities) && Array.isArray(tweet.entities.mentions)
          ? tweet.entities.mentions
              .filter(isObject)
              .map((m) => str(m.username))
              .filter((h): h is string => !!h)
          : [];
      const repliedUser = users.get(str(tweet.in_reply_to_user_id) ?? "");
      const lang = str(tweet.lang);
      accept(
        out,
        at,
        {
          network: "x",
          externalId: originalId ?? "",
          url: handle && id ? `https://x.com/${handle}/status/${id}` : id ? `https://x.com/i/web/status/${id}` : null,
          createdAt: postedAt(str(tweet.created_at), id, receivedAt),
          text: unescapeXText(str(tweet.text) ?? ""),
          lang: lang && !NO_LANGUAGE.has(lang) ? lang : null,
          author: str(tweet.author_id)
            ? {
                accountId: str(tweet.author_id)!,
                handle: handle ?? str(tweet.author_id)!,
                displayName: str(author?.name),
                followers: num(metrics.followers_count),
                verified: typeof author?.verified === "boolean" ? author.verified : null,
                profileUrl: handle ? `https://x.com/${handle}` : null,
                avatarUrl: str(author?.profile_image_url),
                bio: str(author?.description),
                location: str(author?.location),
                website: profileWebsite(author),
              }
            : null,
          threadKey: str(tweet.conversation_id),
          inReplyToId: str(refs.find((r) => r.type === "replied_to")?.id),
          metrics: Object.fromEntries(
            Object.entries(isObject(tweet.public_metrics) ? tweet.public_metrics : {}).filter(
              ([, v]) => typeof v === "number",
            ),
          ) as Record<string, number>,
          addressedTo: [
            ...new Set([
              ...mentioned,
              ...(repliedUser && str(repliedUser.username) ? [str(repliedUser.username)!] : []),
            ]),
          ],
          raw: matchingRules ? { tweet, matching_rules: matchingRules } : { tweet },
        },
        originalId !== id,
      );
    });
  });
  return out;
}

/** The profile's website: X wraps it in t.co, with the real address in entities.url. */
function profileWebsite(user: Record<string, unknown> | undefined): string | null {
  if (!user) return null;
  const entities = isObject(user.entities) && isObject(user.entities.url) ? user.entities.url : null;
  const urls = entities && Array.isArray(entities.urls) ? entities.urls : [];
  const first = urls.find(isObject);
  return str(first?.expanded_url) ?? str(user.url);
}
