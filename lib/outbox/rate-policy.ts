// How often one connected account may post on each network, and how long to wait before retrying
// a failed send. Pure data and arithmetic: the outbox worker asks `nextAllowedAt` before each send
// so Earshot never learns the limit from a 429, and `backoffDelay` after a retryable failure.
import type { ReplyNetwork } from "./transport";

export interface RatePolicy {
  network: ReplyNetwork;
  /** Sends allowed per account within any window of `windowMs`. */
  max: number;
  windowMs: number;
  /** Where the number comes from, and what it leaves out. */
  source: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Each network's tightest published per-account window for posting a reply. Windows slide (any
// `windowMs` span holds at most `max` sends): for limits that reset at fixed times (YouTube's
// quota at midnight Pacific) a sliding window is stricter, so it never overshoots them.
const POLICIES: Record<ReplyNetwork, readonly RatePolicy[]> = {
  mastodon: [
    {
      network: "mastodon",
      max: 300,
      windowMs: 3 * HOUR,
      source:
        "Mastodon docs, API rate limits: POST /api/v1/statuses is limited to 300 per 3 hours per account " +
        "(an instance may configure its own; the 300 per 5 minutes general limit is looser).",
    },
  ],
  bluesky: [
    {
      network: "bluesky",
      max: 1_666,
      windowMs: HOUR,
      source:
        "Bluesky docs, rate limits: repo writes cost points per account, 5,000 points per hour and 35,000 per day; " +
        "creating a record costs 3 points, so 1,666 posts per hour.",
    },
    {
      network: "bluesky",
      max: 11_666,
      windowMs: DAY,
      source:
        "Bluesky docs, rate limits: 35,000 points per day at 3 points per created record, so 11,666 posts per day.",
    },
  ],
  x: [
    {
      network: "x",
      max: 100,
      windowMs: 15 * MINUTE,
      source:
        "X API v2 rate limits: POST /2/tweets allows 100 requests per 15 minutes per user. Access tiers cap " +
        "posts lower (per-user and per-app monthly or daily caps); X answers 429 with x-rate-limit-reset then.",
    },
  ],
  facebook: [
    {
      network: "facebook",
      max: 200,
      windowMs: HOUR,
      source:
        "Meta Graph API rate limits are usage-based (Business Use Case limits scale with a Page's engaged users " +
        "over 24 hours and are reported in X-Business-Use-Case-Usage), so no fixed number is published; 200 " +
        "comments per hour per Page is a conservative budget that a small Page's allowance covers.",
    },
  ],
  instagram: [
    {
      network: "instagram",
      max: 200,
      windowMs: HOUR,
      source:
        "Instagram Platform rate limits: 200 API calls per hour per Instagram account (each reply is one " +
        "POST /{ig-comment-id}/replies or /{ig-media-id}/comments call).",
    },
  ],
  youtube: [
    {
      network: "youtube",
      max: 200,
      windowMs: DAY,
      source:
        "YouTube Data API quota: 10,000 units per day by default and comments.insert / commentThreads.insert " +
        "cost 50 units each, so 200 replies per day. The quota is per Google Cloud project, shared by every " +
        "account connected through it, and resets at midnight Pacific time.",
    },
  ],
  reddit: [
    {
      network: "reddit",
      max: 100,
      windowMs: MINUTE,
      source:
        "Reddit Data API terms: 100 queries per minute per OAuth client id (averaged over 10 minutes); " +
        "Reddit's own anti-spam may slow new or low-karma accounts further (RATELIMIT errors).",
    },
  ],
};

/** The network's primary posting limit (for Bluesky the hourly one; `rateLimitsFor` has both). */
export function rateLimitFor(network: ReplyNetwork): RatePolicy {
  return POLICIES[network][0];
}

/** Every published posting window for the network (Bluesky has an hourly and a daily one). */
export function rateLimitsFor(network: ReplyNetwork): readonly RatePolicy[] {
  return POLICIES[network];
}

/**
 * When the account may send next under `policy`: null when it may send now, otherwise the moment
 * enough of the sends in the window leave it. `sentAt` is this account's sends, in any order;
 * those older than the window are ignored, so passing more history is harmless.
 */
export function nextAllowedAt(sentAt: readonly Date[], policy: RatePolicy, now: Date): Date | null {
  const windowStart = now.getTime() - policy.windowMs;
  // A send at t occupies the window until t + windowMs.
  const inWindow = sentAt
    .map((d) => d.getTime())
    .filter((t) => t > windowStart)
    .sort((a, b) => a - b);
  if (inWindow.length < policy.max) return null;
  // With exactly `max` sends the oldest must leave; with more (a lowered limit), enough of the oldest.
  const mustLeave = inWindow[inWindow.length - policy.max];
  return new Date(mustLeave + policy.windowMs);
}

/** The latest of `nextAllowedAt` over several windows (Bluesky's hour and day), or null. */
export function nextAllowedAtAll(sentAt: readonly Date[], policies: readonly RatePolicy[], now: Date): Date | null {
  let latest: Date | null = null;
  for (const policy of policies) {
    const at = nextAllowedAt(sentAt, policy, now);
    if (at && (!latest || at > latest)) latest = at;
  }
  return latest;
}

export const MAX_ATTEMPTS = 8;
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = HOUR;

/**
 * How long to wait after failed attempt number `attempt` (1 for the first failure): the step
 * doubles from 30 s (30 s, 1 min, 2 min, … capped at 1 hour), and the wait is a random point
 * between half the step and the whole step, so retries of many replies do not arrive together.
 * `random` returns [0, 1) like Math.random; tests pass fixed values.
 */
export function backoffDelay(attempt: number, random: () => number): number {
  const exponent = Math.min(Math.max(Math.floor(attempt), 1) - 1, 30);
  const step = Math.min(BACKOFF_BASE_MS * 2 ** exponent, BACKOFF_CAP_MS);
  const fraction = Math.min(Math.max(random(), 0), 1);
  return Math.round(step * (0.5 + 0.5 * fraction));
}
