"use client";

import useSWR from "swr";
import type { InboxSummaryResponse } from "@/app/api/inbox/summary/route";
import { fetchJson } from "@/components/ui/fetch-json";

/** Live count of unassigned cases, refreshed in the background. */
export function InboxBadge() {
  const { data } = useSWR<InboxSummaryResponse>("/api/inbox/summary", fetchJson, { refreshInterval: 15_000 });
  if (!data || data.unassigned === 0) return null;
  return (
    <span
      title={`${data.unassigned} unassigned, ${data.mine} yours`}
      className="rounded-full bg-indigo-600 px-2 py-0.5 text-xs text-white"
    >
      {data.unassigned}
    </span>
  );
}
