import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { z } from "zod";
import { redirectWithinSite } from "./callback-url";
import { clientIpFromHeaders, TrustedProxiesError } from "./client-ip";
import { secureCookiesEnabled, SESSION_MAX_AGE_SECONDS } from "./cookies";
import { cookieFromHeader, KNOWN_DEVICE_MAX_AGE_SECONDS, knownDeviceCookieName } from "./known-device";
import { authenticate, claimsForWorkspace, GENERIC_SIGN_IN_ERROR, type SessionClaims } from "./sign-in";
import { currentRole, ROLE_REFRESH_SECONDS } from "./token-role";

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
});

type RequestHeaders = Record<string, string | string[] | undefined> | undefined;

/** The client address for throttling; a bad EARSHOT_TRUSTED_PROXIES is logged, not shown to visitors. */
function clientIp(headers: RequestHeaders): string {
  try {
    return clientIpFromHeaders(headers, authSecret());
  } catch (error) {
    if (!(error instanceof TrustedProxiesError)) throw error;
    console.error(`[auth] ${error.message}`);
    throw new Error("Sign-in is unavailable: the server's configuration is invalid. Its log says why.");
  }
}

function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: start the console with `npm start`, or set it.");
  return secret;
}

/** Remembers this browser as one the user has signed in from (lib/auth/known-device.ts). */
async function rememberDevice(token: string | null): Promise<void> {
  if (!token) return;
  const secure = secureCookiesEnabled();
  (await cookies()).set(knownDeviceCookieName(secure), token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    maxAge: KNOWN_DEVICE_MAX_AGE_SECONDS,
  });
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  useSecureCookies: secureCookiesEnabled(),
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "E-mail",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) throw new Error(GENERIC_SIGN_IN_ERROR);
        const headers = req?.headers as RequestHeaders;
        const cookieHeader = headers?.cookie;
        const deviceToken = cookieFromHeader(
          Array.isArray(cookieHeader) ? cookieHeader.join("; ") : cookieHeader,
          knownDeviceCookieName(secureCookiesEnabled()),
        );
        const result = await authenticate(parsed.data.email, parsed.data.password, clientIp(headers), deviceToken);
        if (!result.ok) throw new Error(result.error);
        await rememberDevice(result.knownDeviceToken);
        return { id: result.claims.userId, name: result.name, email: result.email, claims: result.claims };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user, trigger, session }) {
      if (user && "claims" in user) {
        Object.assign(token, (user as { claims: SessionClaims }).claims, { roleCheckedAt: nowSeconds() });
      }
      if (trigger === "update") {
        const requested = z.object({ workspaceId: z.string().min(1).max(100) }).safeParse(session);
        if (requested.success && typeof token.userId === "string") {
          const claims = await claimsForWorkspace(token.userId, requested.data.workspaceId);
          if (claims) Object.assign(token, claims, { roleCheckedAt: nowSeconds() });
        }
      }
      // Keep the role current (the proxy reads it from the token) without a query per request.
      const checkedAt = typeof token.roleCheckedAt === "number" ? token.roleCheckedAt : 0;
      if (typeof token.userId === "string" && nowSeconds() - checkedAt >= ROLE_REFRESH_SECONDS) {
        const role = await currentRole(token);
        if (role === null) return { sub: token.sub }; // membership gone or session revoked: no claims
        Object.assign(token, { role, roleCheckedAt: nowSeconds() });
      }
      return token;
    },
    async session({ session, token }) {
      return {
        ...session,
        claims: {
          userId: token.userId,
          workspaceId: token.workspaceId,
          role: token.role,
          sessionVersion: token.sessionVersion,
        },
      };
    },
    async redirect({ url, baseUrl }) {
      return redirectWithinSite(url, baseUrl);
    },
  },
};
