import type { ParseOutput } from "../mention";
import { parseBluesky } from "./bluesky";
import { parseFacebook, parseInstagram } from "./facebook";
import { parseJsonl } from "./jsonl";
import { parseMastodon } from "./mastodon";
import { parseReddit } from "./reddit";
import { parseRss } from "./rss";
import { parseX } from "./x";
import { parseYouTube } from "./youtube";

export const FORMATS = [
  "x",
  "mastodon",
  "bluesky",
  "reddit",
  "facebook",
  "instagram",
  "youtube",
  "rss",
  "jsonl",
] as const;
export type FormatName = (typeof FORMATS)[number];

export function isFormat(value: string): value is FormatName {
  return (FORMATS as readonly string[]).includes(value);
}

/** Parses one document of the given format. Never throws on bad input: it reports it. */
export function parseFormat(format: FormatName, body: Uint8Array | string): ParseOutput {
  const text = () => (typeof body === "string" ? body : new TextDecoder("utf-8").decode(body));
  try {
    switch (format) {
      case "x":
        return parseX(text());
      case "mastodon":
        return parseMastodon(text());
      case "bluesky":
        return parseBluesky(text());
      case "reddit":
        return parseReddit(text());
      case "facebook":
        return parseFacebook(text());
      case "instagram":
        return parseInstagram(text());
      case "youtube":
        return parseYouTube(text());
      case "rss":
        return parseRss(body);
      case "jsonl":
        return parseJsonl(text());
    }
  } catch (error) {
    return {
      events: [],
      ignored: 0,
      rejected: [{ where: "document", reason: `Could not read the ${format} document: ${(error as Error).message}` }],
    };
  }
}
