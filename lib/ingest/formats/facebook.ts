// Facebook page webhooks (`feed` and `mention` changes) and Instagram webhooks (`comments`,
// `mentions`). Everything delivered by a page's own webhook reaches the brand directly.
import { accept, acceptDeletion, emptyOutput, type ParseOutput } from "../mention";
import { forEachJsonDocument, isObject, num, str } from "./lines";

const MENTION_ITEMS = new Set(["post", "status", "comment", "photo", "video", "share"]);

function fbDate(v: unknown): Date | string {
  const n = num(v);
  return n !== null ? new Date(n * 1000) : (str(v) ?? "");
}

/**
 * An entry is counted once when it cannot hold mentions: rejected when it is not an object,
 * ignored when it carries something other than changes (Messenger's `messaging`, standby).
 */
function isChangesEntry(
  out: ParseOutput,
  entry: unknown,
  where: string,
): entry is Record<string, unknown> & { changes: unknown[] } {
  if (!isObject(entry)) {
    out.rejected.push({ where, reason: "Entry is not an object" });
    return false;
  }
  if (!Array.isArray(entry.changes)) {
    out.ignored++;
    return false;
  }
  return true;
}

/** A short description of an unexpected value (JSON.stringify could overflow on deep nesting). */
function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 80));
  if (value === null || typeof value !== "object") return String(value);
  return Array.isArray(value) ? "an array" : "an object";
}

export function parseFacebook(text: string): ParseOutput {
  const out = emptyOutput();
  forEachJsonDocument(text, out, (value, where) => {
    if (!isObject(value) || !Array.isArray(value.entry))
      return void out.rejected.push({ where, reason: "Not a webhook delivery (no entry array)" });
    if (value.object !== "page")
      return void out.rejected.push({ where, reason: `Expected object "page", got ${describeValue(value.object)}` });
    value.entry.forEach((entry, e) => {
      if (!isChangesEntry(out, entry, `${where}, entry ${e + 1}`)) return;
      const pageId = str(entry.id);
      entry.changes.forEach((change, c) => {
        const at = `${where}, entry ${e + 1}, change ${c + 1}`;
        if (!isObject(change) || !isObject(change.value) || (change.field !== "feed" && change.field !== "mention"))
          return void out.ignored++;
        const v = change.value;
        const item = str(v.item) ?? "";
        const verb = str(v.verb) ?? "";
        if (!MENTION_ITEMS.has(item)) return void out.ignored++; // likes, reactions, events…
        const id = item === "comment" ? str(v.comment_id) : str(v.post_id);
        if (!id) return void out.rejected.push({ where: at, reason: `${item} without an id` });
        if (verb === "remove" || verb === "hide") return void acceptDeletion(out, at, "facebook", id);
        if (verb !== "add" && verb !== "edit" && verb !== "edited") return void out.ignored++;
        const from = isObject(v.from) ? v.from : null;
        const authorId = str(from?.id) ?? str(v.sender_id);
        const postId = str(v.post_id);
        const parent = str(v.parent_id);
        accept(
          out,
          at,
          {
            network: "facebook",
            externalId: id,
            url: `https://www.facebook.com/${id}`,
            createdAt: fbDate(v.created_time ?? entry.time),
            text: str(v.message) ?? "",
            author: authorId
              ? {
                  accountId: authorId,
                  handle: str(from?.name) ?? str(v.sender_name) ?? authorId,
                  displayName: str(from?.name) ?? str(v.sender_name),
                  profileUrl: `https://www.facebook.com/${authorId}`,
                }
              : null,
            threadKey: postId,
            inReplyToId: item === "comment" && parent ? parent : null,
            addressedTo: pageId ? [pageId] : [],
            direct: true,
            raw: { pageId, field: change.field, value: v },
          },
          verb !== "add",
        );
      });
    });
  });
  return out;
}

export function parseInstagram(text: string): ParseOutput {
  const out = emptyOutput();
  forEachJsonDocument(text, out, (value, where) => {
    if (!isObject(value) || !Array.isArray(value.entry))
      return void out.rejected.push({ where, reason: "Not a webhook delivery (no entry array)" });
    if (value.object !== "instagram")
      return void out.rejected.push({
        where,
        reason: `Expected object "instagram", got ${describeValue(value.object)}`,
      });
    value.entry.forEach((entry, e) => {
      if (!isChangesEntry(out, entry, `${where}, entry ${e + 1}`)) return;
      entry.changes.forEach((change, c) => {
        const at = `${where}, entry ${e + 1}, change ${c + 1}`;
        if (!isObject(change) || !isObject(change.value)) return void out.ignored++;
        const v = change.value;
        const from = isObject(v.from) ? v.from : null;
        const media = isObject(v.media) ? str(v.media.id) : str(v.media_id);
        if (change.field === "comments" || change.field === "live_comments") {
          accept(out, at, {
            network: "instagram",
            externalId: str(v.id) ?? "",
            createdAt: fbDate(entry.time),
            text: str(v.text) ?? "",
            author:
              from && str(from.id)
                ? {
                    accountId: str(from.id)!,
                    handle: str(from.username) ?? str(from.id)!,
                    profileUrl: str(from.username) ? `https://www.instagram.com/${str(from.username)}` : null,
                  }
                : null,
            threadKey: media,
            inReplyToId: str(v.parent_id),
            direct: true,
            raw: { field: change.field, value: v },
          });
        } else if (change.field === "mentions") {
          // The delivery names the comment or media only; its text comes from a Graph lookup.
          accept(out, at, {
            network: "instagram",
            externalId: str(v.comment_id) ?? media ?? "",
            createdAt: fbDate(entry.time),
            text: "",
            threadKey: media,
            direct: true,
            raw: { field: change.field, value: v },
          });
        } else out.ignored++;
      });
    });
  });
  return out;
}
