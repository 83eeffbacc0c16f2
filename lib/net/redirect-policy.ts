// What follows a redirect. Pure.
//
// Credentials (a Mastodon token, an X bearer token, cookies) are meant for the origin they were
// configured for. A redirect to another origin (scheme, host or port differs) must not carry
// them there: a feed host that redirects to an attacker's server would otherwise hand over the
// token. Once dropped they stay dropped, even if the chain comes back to the first origin.

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Statuses whose Location is followed (not 300 or 305 "use proxy", and not 304). */
export function isFollowedRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

export function sameOrigin(a: URL, b: URL): boolean {
  return a.origin === b.origin;
}

const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "cookie2"]);
/** Custom headers that by their name carry a secret (x-api-key, x-auth-token, x-access-token …). */
const CREDENTIAL_NAME = /(^|-)(auth|authorization|token|api-?key|key|secret|session|password|signature)(-|$)/;

export function isCredentialHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return CREDENTIAL_HEADERS.has(lower) || CREDENTIAL_NAME.test(lower);
}

export function withoutCredentials(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !isCredentialHeader(name)));
}

/** The headers for the next hop of a redirect from `from` to `to`. */
export function headersForRedirect(
  headers: Readonly<Record<string, string>>,
  from: URL,
  to: URL,
): Record<string, string> {
  return sameOrigin(from, to) ? { ...headers } : withoutCredentials(headers);
}
