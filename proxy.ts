import { NextResponse, type NextRequest } from "next/server";
import { encode, getToken, type JWT } from "next-auth/jwt";
import { withForwardingMoved } from "@/lib/auth/client-ip";
import { replaceCookie, secureCookiesEnabled, SESSION_MAX_AGE_SECONDS, sessionCookieName } from "@/lib/auth/cookies";
import { requiredRoleForPath, roleAtLeast, type RoleName } from "@/lib/auth/roles";
import { contentSecurityPolicy, createNonce, HSTS, servedOverHttps } from "@/lib/auth/security-headers";
import { currentRole, needsRoleCheck } from "@/lib/auth/token-role";

// Runs in front of every page and route handler except /api/v1 (see `config` below):
// 1. Security: a Content-Security-Policy with a fresh nonce (Next copies it onto its scripts)
//    and HSTS over https; next.config.js adds the constant headers to every response.
// 2. Client address: the client's X-Forwarded-For is moved aside, so that routes see the
//    socket peer and decide what to trust (lib/auth/client-ip.ts, docs/security.md).
// 3. Access: signed-out visitors go to the sign-in page, and a role below an area's level is
//    refused, with the role re-read from the database where it matters (lib/auth/token-role.ts).
//    Pages, server actions and route handlers check again against the database.

const PUBLIC_PREFIXES = ["/signin", "/forbidden", "/api/auth", "/api/health"];
const isPublic = (pathname: string) => PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));

function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: start the console with `npm start`, or set it.");
  return secret;
}

export async function proxy(request: NextRequest) {
  const secret = authSecret();
  const nonce = createNonce();
  const https = servedOverHttps(request.headers.get("x-forwarded-proto"), process.env.NEXTAUTH_URL);
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });
  const forwarded = withForwardingMoved(request.headers, secret);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", csp);

  const response = await decide(request, forwarded, secret);
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

async function decide(request: NextRequest, forwarded: Headers, secret: string): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const pass = () => NextResponse.next({ request: { headers: forwarded } });
  if (isPublic(pathname)) return pass();

  const isApi = pathname.startsWith("/api/");
  const secure = secureCookiesEnabled();
  const stored = await getToken({ req: request, secret, secureCookie: secure });
  if (!stored) {
    const url = new URL("/signin", request.url);
    url.searchParams.set("callbackUrl", pathname + search);
    return isApi ? NextResponse.json({ error: "Sign in first." }, { status: 401 }) : NextResponse.redirect(url);
  }
  const required = requiredRoleForPath(pathname);
  const current = await withCurrentRole(stored, required, secret);
  if (!current) return signedOut(request, isApi, secure);
  if (current.reissued)
    forwarded.set("cookie", replaceCookie(forwarded.get("cookie"), sessionCookieName(secure), current.reissued));

  let response: NextResponse;
  if (required && !roleAtLeast(current.token.role as RoleName, required)) {
    // Page views get the explanatory page; server-action posts and other requests a plain 403.
    response =
      request.method !== "GET" || request.headers.has("next-action")
        ? NextResponse.json({ error: "You don't have permission to do that." }, { status: 403 })
        : NextResponse.rewrite(new URL("/forbidden", request.url), { status: 403, request: { headers: forwarded } });
  } else {
    response = pass();
  }
  if (current.reissued) {
    response.cookies.set(sessionCookieName(secure), current.reissued, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure,
      maxAge: SESSION_MAX_AGE_SECONDS,
    });
  }
  return response;
}

/**
 * The token with its role re-read from the database where needed (lib/auth/token-role.ts), and
 * the re-signed token when it changed; null when the membership is gone or the session revoked.
 */
async function withCurrentRole(
  token: JWT,
  required: RoleName | null,
  secret: string,
): Promise<{ token: JWT; reissued: string | null } | null> {
  const now = Math.floor(Date.now() / 1000);
  if (!needsRoleCheck(token, required, now)) return { token, reissued: null };
  const role = await currentRole(token);
  if (role === null) return null;
  // Re-issue only when it changes something: a new role, or a periodic check that was due.
  if (role === token.role && !needsRoleCheck(token, null, now)) return { token, reissued: null };
  const updated = { ...token, role, roleCheckedAt: now } as JWT;
  return { token: updated, reissued: await encode({ token: updated, secret, maxAge: SESSION_MAX_AGE_SECONDS }) };
}

/** The membership is gone or the session was revoked: forget the token and start over. */
function signedOut(request: NextRequest, isApi: boolean, secure: boolean): NextResponse {
  const url = new URL("/signin", request.url);
  url.searchParams.set("error", "SessionEnded");
  const response = isApi
    ? NextResponse.json({ error: "Your session has ended. Sign in again." }, { status: 401 })
    : NextResponse.redirect(url);
  response.cookies.set(sessionCookieName(secure), "", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    maxAge: 0,
  });
  return response;
}

export const config = {
  // Everything but static files and /api/v1. /api/v1 authenticates itself (API keys, webhook
  // signatures), answers oversized bodies early, and gets its headers from next.config.js:
  // running the proxy there would make Next buffer every upload before the route sees it.
  matcher: ["/((?!_next/static|_next/image|favicon.svg|api/v1/).*)"],
};
