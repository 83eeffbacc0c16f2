// Mastodon REST statuses (array or single), a status context, search results, and streaming
// events ({event, payload} objects as JSON lines, or server-sent events). HTML becomes text
// (every HTML entity decoded); boosts are not new mentions.
import { decodeEntities, htmlToPlainText } from "../html-text";
import { accept, acceptDeletion, emptyOutput, type ParseOutput } from "../mention";
import { forEachJsonDocument, isObject, num, str } from "./lines";
import { parseJsonExact } from "../json";

function addStatus(out: ParseOutput, status: unknown, where: string, edit = false): void {
  if (!isObject(status)) return void out.rejected.push({ where, reason: "Status is not an object" });
  if (!("content" in status) || !isObject(status.account)) {
    const kind = "acct" in status && "username" in status ? "a Mastodon account" : "not a Mastodon status";
    return void out.rejected.push({ where, reason: `This is ${kind}, not a status (no content/account)` });
  }
  if (status.reblog) return void out.ignored++;
  const account = status.account;
  const mentions = Array.isArray(status.mentions)
    ? status.mentions
        .filter(isObject)
        .map((m) => str(m.acct))
        .filter((h): h is string => !!h)
    : [];
  accept(
    out,
    where,
    {
      network: "mastodon",
      externalId: str(status.id) ?? "",
      url: str(status.url) ?? str(status.uri),
      createdAt: str(status.created_at) ?? "",
      text: htmlToPlainText(str(status.content) ?? ""),
      title: str(status.spoiler_text) || null,
      lang: str(status.language),
      author: {
        accountId: str(account.id) ?? "",
        handle: str(account.acct) ?? str(account.username) ?? "",
        displayName: str(account.display_name),
        followers: num(account.followers_count),
        verified: null,
        profileUrl: str(account.url),
        avatarUrl: str(account.avatar),
        bio: typeof account.note === "string" && account.note ? htmlToPlainText(account.note) : null,
        website: fieldsWebsite(account.fields),
      },
      threadKey: str(status.in_reply_to_id) ? null : str(status.id),
      inReplyToId: str(status.in_reply_to_id),
      // A reply keeps the post's audience: a direct message is answered directly.
      replyRef: str(status.visibility) ? { visibility: str(status.visibility)! } : null,
      metrics: {
        favourites: num(status.favourites_count) ?? 0,
        reblogs: num(status.reblogs_count) ?? 0,
        replies: num(status.replies_count) ?? 0,
      },
      addressedTo: mentions,
      raw: status,
    },
    edit || !!status.edited_at,
  );
}

function addEvent(out: ParseOutput, event: string, payload: unknown, where: string): void {
  let data = payload;
  if (typeof payload === "string" && event !== "delete") {
    try {
      data = parseJsonExact(payload);
    } catch (error) {
      return void out.rejected.push({ where, reason: `Malformed payload (${(error as Error).message})` });
    }
  }
  if (event === "update") addStatus(out, data, where);
  else if (event === "status.update") addStatus(out, data, where, true);
  else if (event === "delete") {
    acceptDeletion(out, where, "mastodon", str(data));
  } else out.ignored++; // notifications, filters_changed, announcements…
}

export function parseMastodon(text: string): ParseOutput {
  const out = emptyOutput();
  if (/^\s*(event|data|:)/.test(text) && !/^\s*[[{]/.test(text)) {
    // Server-sent events from /api/v1/streaming.
    text.split(/\r?\n\r?\n/).forEach((block, i) => {
      const event = /^event:\s*(.*)$/m.exec(block)?.[1]?.trim();
      const dataLines = block.split(/\r?\n/).filter((l) => l.startsWith("data:"));
      const data = dataLines.map((l) => l.slice(5).replace(/^ /, "")).join("\n");
      if (event) addEvent(out, event, data, `event ${i + 1}`);
      // Blocks of comments only (":thump" heartbeats) are not events; data without a name is a broken one.
      else if (dataLines.length)
        out.rejected.push({ where: `event ${i + 1}`, reason: "Event data without an event name" });
    });
    return out;
  }
  forEachJsonDocument(text, out, (value, where) => {
    if (Array.isArray(value)) value.forEach((s, i) => addStatus(out, s, `${where}, status ${i + 1}`));
    else if (isObject(value) && typeof value.event === "string") addEvent(out, value.event, value.payload, where);
    else if (isSearchResult(value)) {
      // /api/v2/search: the statuses are posts; the accounts and hashtags found are not.
      value.statuses.forEach((s, i) => addStatus(out, s, `${where}, status ${i + 1}`));
      out.ignored +=
        (Array.isArray(value.accounts) ? value.accounts.length : 0) +
        (Array.isArray(value.hashtags) ? value.hashtags.length : 0);
    } else if (isObject(value) && (Array.isArray(value.ancestors) || Array.isArray(value.descendants))) {
      const all = [
        ...(Array.isArray(value.ancestors) ? value.ancestors : []),
        ...(Array.isArray(value.descendants) ? value.descendants : []),
      ];
      all.forEach((s, i) => addStatus(out, s, `${where}, context status ${i + 1}`));
    } else addStatus(out, value, where);
  });
  return out;
}

function isSearchResult(value: unknown): value is { statuses: unknown[]; accounts?: unknown; hashtags?: unknown } {
  return (
    isObject(value) &&
    Array.isArray(value.statuses) &&
    !("content" in value) &&
    (Array.isArray(value.accounts) || Array.isArray(value.hashtags) || Object.keys(value).length === 1)
  );
}

/** The first web address among the profile's metadata fields (verified links come first). */
function fieldsWebsite(fields: unknown): string | null {
  if (!Array.isArray(fields)) return null;
  const sorted = [...fields]
    .filter((f): f is Record<string, unknown> => !!f && typeof f === "object")
    .sort((a, b) => Number(!!b.verified_at) - Number(!!a.verified_at));
  for (const f of sorted) {
    const value = typeof f.value === "string" ? f.value : "";
    const linked = /href="(https?:\/\/[^"]+)"/.exec(value)?.[1];
    const href = linked ? decodeEntities(linked) : /^https?:\/\/\S+$/.test(value) ? value : null;
    if (href) return href;
  }
  return null;
}
