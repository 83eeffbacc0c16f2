import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

const MESSAGES: Record<string, string> = {
  SessionEnded: "Your session has ended. Sign in again.",
  CredentialsSignin: "Invalid e-mail or password.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  // Only a path on this site: `/\evil.example` and the like would leave it after signing in.
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (!params.error && (await getSessionUser())) redirect(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-3 flex h-12 w-12 items-center justify-center rounded-xl bg-indigo-600 text-xl font-bold text-white">
            E
          </div>
          <h1 className="text-2xl font-semibold">Sign in to Earshot</h1>
          <p className="mt-1 text-sm text-slate-500">Hear every customer, answer every case.</p>
        </div>
        <SignInForm callbackUrl={callbackUrl} initialError={params.error ? (MESSAGES[params.error] ?? null) : null} />
      </div>
    </main>
  );
}
