// Bluesky Jetstream events (JSON lines). Post creates become mentions, post deletes mark them
// deleted, everything else is ignored. Handle, name and followers come from a profile lookup
// when one is given; otherwise the DID stands in.
import { accept, acceptDeletion, emptyOutput, type ParseOutput } from "../mention";
import { forEachJsonLine, isObject, str } from "./lines";

export interface BlueskyProfile {
  handle: string;
  displayName?: string | null;
  followers?: number | null;
  avatarUrl?: string | null;
  bio?: string | null;
}
export type BlueskyProfiles = Map<string, BlueskyProfile>;

const POST = "app.bsky.feed.post";

/** What a reply to this post needs: its cid, and its thread's root as {uri, cid} (itself when it starts one). */
function replyRefOf(cid: string | null, reply: Record<string, unknown> | null): Record<string, string> | null {
  const root = reply && isObject(reply.root) ? reply.root : null;
  const ref: Record<string, string> = {};
  if (cid) ref.cid = cid;
  const rootUri = root ? str(root.uri) : null;
  const rootCid = root ? str(root.cid) : null;
  if (rootUri) ref.rootUri = rootUri;
  if (rootCid) ref.rootCid = rootCid;
  return Object.keys(ref).length ? ref : null;
}

export function parseBluesky(
  text: string,
  profiles: BlueskyProfiles = new Map(),
): ParseOutput & { cursor: number | null } {
  const out = { ...emptyOutput(), cursor: null as number | null };
  forEachJsonLine(text, out, (value, where) => {
    if (!isObject(value) || typeof value.did !== "string")
      return void out.rejected.push({ where, reason: "Not a Jetstream event (no did)" });
    if (typeof value.time_us === "number") out.cursor = Math.max(out.cursor ?? 0, value.time_us);
    const commit = isObject(value.commit) ? value.commit : null;
    if (value.kind !== "commit" || !commit || commit.collection !== POST) return void out.ignored++;
    const did = value.did;
    const rkey = str(commit.rkey) ?? "";
    const uri = `at://${did}/${POST}/${rkey}`;
    if (commit.operation === "delete") return void acceptDeletion(out, where, "bluesky", uri);
    const record = isObject(commit.record) ? commit.record : null;
    if (!record) return void out.rejected.push({ where, reason: "Post commit without a record" });
    const profile = profiles.get(did);
    const reply = isObject(record.reply) ? record.reply : null;
    const facets = Array.isArray(record.facets) ? record.facets.filter(isObject) : [];
    const mentionedDids = facets
      .flatMap((f) => (Array.isArray(f.features) ? f.features.filter(isObject) : []))
      .filter((f) => f.$type === "app.bsky.richtext.facet#mention")
      .map((f) => str(f.did))
      .filter((d): d is string => !!d);
    const handle = profile?.handle ?? did;
    accept(
      out,
      where,
      {
        network: "bluesky",
        externalId: uri,
        url: `https://bsky.app/profile/${profile?.handle ?? did}/post/${rkey}`,
        createdAt: str(record.createdAt) ?? "",
        text: str(record.text) ?? "",
        lang: Array.isArray(record.langs) && typeof record.langs[0] === "string" ? record.langs[0].slice(0, 2) : null,
        author: {
          accountId: did,
          handle,
          displayName: profile?.displayName ?? null,
          followers: profile?.followers ?? null,
          verified: null,
          profileUrl: `https://bsky.app/profile/${handle}`,
          avatarUrl: profile?.avatarUrl ?? null,
          bio: profile?.bio ?? null,
        },
        threadKey: reply && isObject(reply.root) ? str(reply.root.uri) : uri,
        inReplyToId: reply && isObject(reply.parent) ? str(reply.parent.uri) : null,
        replyRef: replyRefOf(str(commit.cid), reply),
        addressedTo: mentionedDids.map((d) => profiles.get(d)?.handle ?? d),
        raw: value,
      },
      commit.operation === "update",
    );
  });
  return out;
}
