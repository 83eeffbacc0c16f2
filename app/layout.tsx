import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Earshot", template: "%s · Earshot" },
  description: "Social customer service: listen, route, answer.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The Content-Security-Policy's nonce is new for every request (proxy.ts) and Next puts it on
  // its scripts while rendering, so no page may be prerendered: a prerendered page's scripts
  // would carry no nonce and be blocked. Waiting for the request makes every page dynamic.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
