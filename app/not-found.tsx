import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold uppercase tracking-wide text-slate-500">404</p>
        <h1 className="mt-2 text-2xl font-semibold">Nothing here</h1>
        <Link href="/inbox" className="mt-6 inline-block text-indigo-600 hover:underline">
          Go to the inbox
        </Link>
      </div>
    </main>
  );
}
