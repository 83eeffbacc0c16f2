// Profile and post addresses shaped like each network's, for the generated demo.
import type { Network } from "@/lib/generated/prisma/client";

export function profileUrl(network: Network, handle: string): string {
  switch (network) {
    case "x":
      return `https://x.com/${handle}`;
    case "mastodon":
      return `https://mastodon.social/@${handle}`;
    case "bluesky":
      return `https://bsky.app/profile/${handle}.bsky.social`;
    case "reddit":
      return `https://www.reddit.com/user/${handle}`;
    case "facebook":
      return `https://www.facebook.com/${handle}`;
    case "instagram":
      return `https://www.instagram.com/${handle}`;
    case "youtube":
      return `https://www.youtube.com/@${handle}`;
    default:
      return `https://blog.example.com/${handle}`;
  }
}

export function postUrl(network: Network, handle: string, id: string): string {
  switch (network) {
    case "x":
      return `https://x.com/${handle}/status/${id}`;
    case "mastodon":
      return `https://mastodon.social/@${handle}/${id}`;
    case "bluesky":
      return `https://bsky.app/profile/${handle}.bsky.social/post/${id}`;
    case "reddit":
      return `https://www.reddit.com/r/travel/comments/${id}`;
    case "youtube":
      return `https://www.youtube.com/watch?v=demo&lc=${id}`;
    default:
      return `https://www.${network === "rss" ? "travelblog.example.com/posts" : network + ".com/posts"}/${id}`;
  }
}

/** Fills `{key}` placeholders; unknown keys become empty. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");
}
