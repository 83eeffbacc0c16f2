// Cookie settings shared by next-auth's options, the proxy and the sign-in route. Secure cookies
// follow the public URL: behind a TLS-terminating proxy, set NEXTAUTH_URL to the https address
// (docs/security.md). Deciding per request would flip the cookie names between requests.
// Pure: no Next imports.

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export function secureCookiesEnabled(publicUrl = process.env.NEXTAUTH_URL): boolean {
  return (publicUrl ?? "").toLowerCase().startsWith("https://");
}

/** next-auth's session cookie name for that setting (next-auth 4 defaults). */
export function sessionCookieName(secure = secureCookiesEnabled()): string {
  return secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** A Cookie request header with one cookie's value replaced (or added). */
export function replaceCookie(cookieHeader: string | null, name: string, value: string): string {
  const others = (cookieHeader ?? "")
    .split(";")
    .map((c) => c.trim())
    .filter((c) => c && (c.includes("=") ? c.slice(0, c.indexOf("=")) : c) !== name);
  return [...others, `${name}=${value}`].join("; ");
}
