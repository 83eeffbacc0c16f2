// The networks' reply transports, by network. Pure (client code may read `fields` for the form).
import type { NetworkTransport, ReplyNetwork } from "./transport";
import { blueskyTransport } from "./transports/bluesky";
import { facebookTransport } from "./transports/facebook";
import { instagramTransport } from "./transports/instagram";
import { mastodonTransport } from "./transports/mastodon";
import { redditTransport } from "./transports/reddit";
import { xTransport } from "./transports/x";
import { youtubeTransport } from "./transports/youtube";

const TRANSPORTS: Record<ReplyNetwork, NetworkTransport> = {
  mastodon: mastodonTransport,
  bluesky: blueskyTransport,
  x: xTransport,
  facebook: facebookTransport,
  instagram: instagramTransport,
  youtube: youtubeTransport,
  reddit: redditTransport,
};

export function isReplyNetwork(network: string | null | undefined): network is ReplyNetwork {
  return !!network && Object.hasOwn(TRANSPORTS, network);
}

export function transportOf(network: ReplyNetwork): NetworkTransport {
  return TRANSPORTS[network];
}
