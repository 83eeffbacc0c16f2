import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { authenticate, claimsForWorkspace, GENERIC_SIGN_IN_ERROR, type SessionClaims } from "./sign-in";

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
});

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  const real = headers?.["x-real-ip"];
  return first || (Array.isArray(real) ? real[0] : real) || "unknown";
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "E-mail",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) throw new Error(GENERIC_SIGN_IN_ERROR);
        const result = await authenticate(parsed.data.email, parsed.data.password, clientIp(req?.headers));
        if (!result.ok) throw new Error(result.error);
        return { id: result.claims.userId, name: result.name, email: result.email, claims: result.claims };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user, trigger, session }) {
      if (user && "claims" in user) {
        Object.assign(token, (user as { claims: SessionClaims }).claims);
      }
      if (trigger === "update") {
        const requested = z.object({ workspaceId: z.string().min(1).max(100) }).safeParse(session);
        if (requested.success && typeof token.userId === "string") {
          const claims = await claimsForWorkspace(token.userId, requested.data.workspaceId);
          if (claims) Object.assign(token, claims);
        }
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
  },
};
