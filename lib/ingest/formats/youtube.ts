// YouTube Data API commentThreads responses: top-level comments and included replies.
import { htmlToPlainText } from "../html-text";
import { accept, emptyOutput, type ParseOutput } from "../mention";
import { forEachJsonDocument, isObject, num, str } from "./lines";

function addComment(
  out: ParseOutput,
  comment: unknown,
  where: string,
  threadId: string | null,
  videoId: string | null,
): void {
  if (!isObject(comment) || !isObject(comment.snippet))
    return void out.rejected.push({ where, reason: "Comment without snippet" });
  const s = comment.snippet;
  const id = str(comment.id);
  const channel = isObject(s.authorChannelId) ? str(s.authorChannelId.value) : null;
  const video = str(s.videoId) ?? videoId;
  accept(
    out,
    where,
    {
      network: "youtube",
      externalId: id ?? "",
      url: video && id ? `https://www.youtube.com/watch?v=${video}&lc=${id}` : null,
      createdAt: str(s.publishedAt) ?? "",
      // textOriginal is what was typed; textDisplay is its HTML rendering (only sent to some callers).
      text: str(s.textOriginal) ?? htmlToPlainText(str(s.textDisplay) ?? ""),
      author: channel
        ? {
            accountId: channel,
            handle: str(s.authorDisplayName) ?? channel,
            displayName: str(s.authorDisplayName),
            profileUrl: str(s.authorChannelUrl),
            avatarUrl: str(s.authorProfileImageUrl),
          }
        : null,
      threadKey: threadId,
      inReplyToId: str(s.parentId),
      metrics: { likes: num(s.likeCount) ?? 0 },
      raw: comment,
    },
    !!s.updatedAt && s.updatedAt !== s.publishedAt,
  );
}

export function parseYouTube(text: string): ParseOutput {
  const out = emptyOutput();
  forEachJsonDocument(text, out, (value, where) => {
    const items =
      isObject(value) && Array.isArray(value.items)
        ? value.items
        : isObject(value) && value.kind === "youtube#commentThread"
          ? [value]
          : null;
    if (!items) return void out.rejected.push({ where, reason: "Not a commentThreads response (no items)" });
    items.forEach((thread, i) => {
      const at = `${where}, thread ${i + 1}`;
      if (!isObject(thread) || !isObject(thread.snippet))
        return void out.rejected.push({ where: at, reason: "Thread without snippet" });
      const threadId = str(thread.id);
      const videoId = str(thread.snippet.videoId);
      addComment(out, thread.snippet.topLevelComment, at, threadId, videoId);
      const replies = isObject(thread.replies) && Array.isArray(thread.replies.comments) ? thread.replies.comments : [];
      replies.forEach((r, k) => addComment(out, r, `${at}, reply ${k + 1}`, threadId, videoId));
    });
  });
  return out;
}
