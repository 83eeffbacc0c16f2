// Declared handles as people type them into a CRM: "@Jane", "https://twitter.com/Jane",
// "x.com/jane", "https://mastodon.social/@jane", "bsky.app/profile/jane.bsky.social",
// "https://www.youtube.com/@Jane". Normalised on import and on save. Pure.

/** A handle without @, lowercased; Mastodon's user@server keeps its server. */
export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@/, "").toLowerCase();
}

const SOCIAL_HOSTS: Record<string, string> = {
  "twitter.com": "x",
  "x.com": "x",
  "instagram.com": "instagram",
  "facebook.com": "facebook",
  "fb.com": "facebook",
  "youtube.com": "youtube",
  "reddit.com": "reddit",
  "old.reddit.com": "reddit",
  "bsky.app": "bluesky",
};

function parseUrl(value: string): URL | null {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(text);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".") ? url : null;
  } catch {
    return null;
  }
}

const looksLikeUrl = (value: string) =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+\/\S/i.test(value);
const bareHost = (url: URL) => url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, "");

/** The network and handle a profile URL points at, or null when it is not a profile URL. */
export function handleFromProfileUrl(value: string): { network: string | null; handle: string } | null {
  if (!looksLikeUrl(value.trim())) return null;
  const url = parseUrl(value.trim());
  if (!url) return null;
  const host = bareHost(url);
  const segments = url.pathname
    .split("/")
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  const first = segments[0] ?? "";
  const network = SOCIAL_HOSTS[host] ?? null;
  let handle: string | null = null;
  if (network === "facebook" && first === "profile.php") handle = url.searchParams.get("id");
  else if (network === "youtube")
    handle = first.startsWith("@") ? first : ["c", "user", "channel"].includes(first) ? (segments[1] ?? null) : first;
  else if (network === "reddit") handle = first === "u" || first === "user" ? (segments[1] ?? null) : null;
  else if (network === "bluesky") handle = first === "profile" ? (segments[1] ?? null) : null;
  else if (network) handle = first || null;
  else if (first.startsWith("@")) return { network: "mastodon", handle: normalizeHandle(`${first.slice(1)}@${host}`) };
  else if (first === "users" && segments[1])
    return { network: "mastodon", handle: normalizeHandle(`${segments[1]}@${host}`) };
  return handle ? { network, handle: normalizeHandle(handle) } : null;
}

/** A declared handle in its normal form, whatever way it was typed. */
export function normalizeDeclaredHandle(value: string): string {
  const fromUrl = handleFromProfileUrl(value);
  return fromUrl ? fromUrl.handle : normalizeHandle(value);
}

/**
 * The part of a handle that people reuse across networks: Mastodon's user without the
 * server, a Bluesky handle's first label when it is on bsky.social. Null when there is none.
 */
export function handleLocalPart(handle: string): string | null {
  const h = normalizeHandle(handle);
  if (h.includes("@")) return h.split("@")[0] || null;
  if (h.endsWith(".bsky.social")) return h.slice(0, -".bsky.social".length) || null;
  return null;
}

/** A Bluesky handle on the owner's own domain ("janedoe.com"): the domain, else null. */
export function blueskyDomain(network: string, handle: string): string | null {
  if (network !== "bluesky") return null;
  const h = normalizeHandle(handle);
  if (h.startsWith("did:") || h.endsWith(".bsky.social") || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(h)) return null;
  return h;
}
