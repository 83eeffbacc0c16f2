import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { requiredRoleForPath, roleAtLeast, type RoleName } from "@/lib/auth/roles";

// First line of defence: signed-out visitors go to the sign-in page, and a role below an
// area's level is refused. Pages, server actions and route handlers check again against the
// database (lib/auth/session.ts), so a stale token never grants more than the current role.
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  const isApi = pathname.startsWith("/api/");
  if (!token) {
    if (isApi) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
    const url = new URL("/signin", request.url);
    url.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(url);
  }
  const required = requiredRoleForPath(pathname);
  if (required && !roleAtLeast(token.role as RoleName, required)) {
    // Page views get the explanatory page; server-action posts and other requests a plain 403.
    if (request.method !== "GET" || request.headers.has("next-action")) {
      return NextResponse.json({ error: "You don't have permission to do that." }, { status: 403 });
    }
    return NextResponse.rewrite(new URL("/forbidden", request.url), { status: 403 });
  }
  return NextResponse.next();
}

export const config = {
  // Everything except sign-in, next-auth's own endpoints, the health probe and static files.
  // /api/v1 authenticates itself (API keys, webhook signatures), never with a session.
  matcher: ["/((?!signin|forbidden|api/auth|api/health|api/v1/|_next/static|_next/image|favicon.svg).*)"],
};
