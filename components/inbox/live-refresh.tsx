"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import useSWR from "swr";
import { fetchJson } from "@/components/ui/fetch-json";
import type { ChangeVersion } from "@/lib/inbox/version";

/**
 * Keeps a server-rendered page live: a cheap version check every second; when it changes
 * (anyone's change: a new mention, an assignment, a reply) the page re-renders on the server.
 * Shows when the connection is lost, and catches up as soon as it is back.
 */
export function LiveRefresh({ url, initial }: { url: string; initial?: string }) {
  const router = useRouter();
  const seen = useRef<string | undefined>(initial);
  const { data, error } = useSWR<ChangeVersion>(url, fetchJson, {
    refreshInterval: 1000,
    revalidateOnFocus: true,
    dedupingInterval: 500,
  });
  const wasDown = useRef(false);
  useEffect(() => {
    if (error) wasDown.current = true;
  }, [error]);
  useEffect(() => {
    if (!data) return;
    if (seen.current !== undefined && (data.version !== seen.current || wasDown.current)) router.refresh();
    seen.current = data.version;
    wasDown.current = false;
  }, [data, router]);
  return (
    <span
      role="status"
      aria-live="polite"
      data-testid="live-status"
      className={`text-xs ${error ? "rounded bg-red-100 px-2 py-0.5 text-red-800" : "text-emerald-700"}`}
    >
      {error ? "Disconnected — reconnecting…" : "● Live"}
    </span>
  );
}
