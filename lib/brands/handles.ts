// A brand's own handles per network: how an admin may type them, and the one form they are
// stored in. Pure (the admin form checks as the admin types; the server checks again).
//
// The stored form is what the ingestion pipeline compares authors with (lib/ingest/pipeline.ts
// normHandle: trim, drop one leading @, lowercase, on both sides), so a stored handle must be a
// fixed point of that normalisation: lowercase, no leading @, no surrounding space.
import { handleFromProfileUrl, normalizeHandle } from "@/lib/contacts/handles";

/** The networks a brand can have accounts on (RSS and webhooks have no authors of their own). */
export const HANDLE_NETWORKS = ["x", "mastodon", "bluesky", "reddit", "facebook", "instagram", "youtube"] as const;
export type HandleNetwork = (typeof HANDLE_NETWORKS)[number];

export const HANDLE_NETWORK_LABEL: Record<HandleNetwork, string> = {
  x: "X",
  mastodon: "Mastodon",
  bluesky: "Bluesky",
  reddit: "Reddit",
  facebook: "Facebook",
  instagram: "Instagram",
  youtube: "YouTube",
};

/** What the admin form shows as an example for each network. */
export const HANDLE_PLACEHOLDER: Record<HandleNetwork, string> = {
  x: "@brand",
  mastodon: "brand@mastodon.social",
  bluesky: "brand.bsky.social",
  reddit: "u/brand",
  facebook: "brandpage or 1234567890",
  instagram: "brand",
  youtube: "@brand or UC…",
};

/** Handles per network, each list normalised, de-duplicated and in the order added. */
export type OwnHandles = Partial<Record<HandleNetwork, string[]>>;

export const MAX_HANDLES_PER_NETWORK = 20;
/** Longer than any network allows (a domain is at most 253): refused before any pattern runs. */
const MAX_TYPED_LENGTH = 300;

export type HandleResult = { ok: true; handle: string } | { ok: false; error: string };

export function isHandleNetwork(value: string): value is HandleNetwork {
  return (HANDLE_NETWORKS as readonly string[]).includes(value);
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A DNS name of two labels or more ("mastodon.social", "brand.bsky.social"); the last is not a number. */
function isDomainName(value: string): boolean {
  if (value.length > 253) return false;
  const labels = value.split(".");
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]);
}

// Mastodon's own rule is letters, digits and _; other fediverse servers also allow . and -.
const FEDIVERSE_USER = /^[a-z0-9_](?:[a-z0-9_.-]{0,62}[a-z0-9_])?$/;
// did:plc identifiers are 24 characters of base32 (a–z, 2–7).
const DID_PLC = /^did:plc:[a-z2-7]{24}$/;
const YOUTUBE_CHANNEL_ID = /^uc[a-z0-9_-]{22}$/;

type Rule = { test: (handle: string) => boolean; expected: string };

const RULES: Record<HandleNetwork, Rule> = {
  x: { test: (h) => /^[a-z0-9_]{1,15}$/.test(h), expected: "1–15 letters, digits or _" },
  mastodon: {
    test: (h) => {
      const at = h.indexOf("@");
      return at > 0 && FEDIVERSE_USER.test(h.slice(0, at)) && isDomainName(h.slice(at + 1));
    },
    expected: "write it as name@instance",
  },
  bluesky: {
    test: (h) => DID_PLC.test(h) || isDomainName(h),
    expected: "write it as a domain (name.bsky.social) or a did:plc: identifier",
  },
  reddit: { test: (h) => /^[a-z0-9_-]{3,20}$/.test(h), expected: "3–20 letters, digits, _ or -, with or without u/" },
  facebook: {
    test: (h) => /^\d{1,20}$/.test(h) || /^[a-z0-9](?:[a-z0-9.]{0,48}[a-z0-9])?$/.test(h),
    expected: "a page or user name (letters, digits and .) or a numeric id",
  },
  instagram: { test: (h) => /^[a-z0-9._]{1,30}$/.test(h), expected: "up to 30 letters, digits, . or _" },
  youtube: {
    test: (h) => YOUTUBE_CHANNEL_ID.test(h) || /^[a-z0-9._-]{3,30}$/.test(h),
    expected: "an @handle or a channel id (UC…)",
  },
};

const ARTICLE: Record<HandleNetwork, string> = {
  x: "an",
  mastodon: "a",
  bluesky: "a",
  reddit: "a",
  facebook: "a",
  instagram: "an",
  youtube: "a",
};

/** "an X", "a Mastodon": for messages. */
const label = (network: HandleNetwork) => `${ARTICLE[network]} ${HANDLE_NETWORK_LABEL[network]}`;

/** A profile URL pasted instead of a handle: the handle it names, if it is this network's. */
function fromProfileUrl(network: HandleNetwork, typed: string): HandleResult | null {
  const found = handleFromProfileUrl(typed);
  if (!found) return null;
  if (found.network !== network) {
    const other = found.network && isHandleNetwork(found.network) ? label(found.network) : "another network's";
    return { ok: false, error: `'${typed}' is ${other} profile, not ${label(network)} one.` };
  }
  return { ok: true, handle: found.handle };
}

/**
 * One handle as the admin typed it, in its stored form: trimmed, without a leading @ (and
 * Reddit's u/), lowercased. A profile URL of the same network is read as its handle.
 */
export function parseHandle(network: HandleNetwork, typed: string): HandleResult {
  const text = typed.trim();
  if (!text) return { ok: false, error: `Enter ${label(network)} handle.` };
  if (text.length > MAX_TYPED_LENGTH) return { ok: false, error: `That is too long for ${label(network)} handle.` };
  const fromUrl = fromProfileUrl(network, text);
  if (fromUrl && !fromUrl.ok) return fromUrl;
  let handle = fromUrl ? fromUrl.handle : normalizeHandle(text);
  if (network === "reddit") handle = handle.replace(/^\/?u(?:ser)?\//, "");
  const rule = RULES[network];
  if (!rule.test(handle)) return { ok: false, error: `'${text}' is not ${label(network)} handle: ${rule.expected}.` };
  return { ok: true, handle };
}

export type OwnHandlesResult = { ok: true; handles: OwnHandles } | { ok: false; errors: string[] };

/**
 * Every network's handles parsed: the normalised lists (duplicates dropped, empty networks
 * left out, in the order of HANDLE_NETWORKS), or every handle's error at once.
 */
export function parseOwnHandles(input: Record<string, readonly string[] | undefined>): OwnHandlesResult {
  const errors: string[] = [];
  const handles: OwnHandles = {};
  for (const network of Object.keys(input)) {
    if (!isHandleNetwork(network)) errors.push(`Earshot has no own handles for '${network}'.`);
  }
  for (const network of HANDLE_NETWORKS) {
    const list = input[network] ?? [];
    const kept = new Set<string>();
    for (const typed of list) {
      const parsed = parseHandle(network, typed);
      if (parsed.ok) kept.add(parsed.handle);
      else errors.push(parsed.error);
    }
    if (kept.size > MAX_HANDLES_PER_NETWORK)
      errors.push(`At most ${MAX_HANDLES_PER_NETWORK} ${HANDLE_NETWORK_LABEL[network]} handles per brand.`);
    if (kept.size) handles[network] = [...kept];
  }
  return errors.length ? { ok: false, errors } : { ok: true, handles };
}

/** A brand's stored handles (JSON written by anyone, so read defensively): known networks, strings only. */
export function readOwnHandles(stored: unknown): OwnHandles {
  const out: OwnHandles = {};
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return out;
  const record = stored as Record<string, unknown>;
  for (const network of HANDLE_NETWORKS) {
    const list = record[network];
    if (!Array.isArray(list)) continue;
    const strings = list.filter((h): h is string => typeof h === "string" && h.length > 0);
    if (strings.length) out[network] = [...new Set(strings)];
  }
  return out;
}

/** A stored handle as people write it on its network: @brand, @brand@instance, u/brand. */
export function displayHandle(network: HandleNetwork, handle: string): string {
  if (network === "reddit") return `u/${handle}`;
  if (network === "facebook" || handle.startsWith("did:")) return handle;
  if (network === "youtube" && YOUTUBE_CHANNEL_ID.test(handle)) return handle;
  return `@${handle}`;
}
