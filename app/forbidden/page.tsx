import Link from "next/link";

export const metadata = { title: "Not allowed" };

export default function ForbiddenPage() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold uppercase tracking-wide text-red-600">403</p>
        <h1 className="mt-2 text-2xl font-semibold">You don&apos;t have access to this page</h1>
        <p className="mt-2 text-slate-600">
          Your role in this workspace doesn&apos;t include it. Ask an admin if you need access.
        </p>
        <Link
          href="/inbox"
          className="mt-6 inline-block rounded-md bg-indigo-600 px-4 py-2 text-white hover:bg-indigo-700"
        >
          Back to the inbox
        </Link>
      </div>
    </main>
  );
}
