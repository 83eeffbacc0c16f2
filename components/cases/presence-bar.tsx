"use client";

import { useEffect } from "react";
import useSWR from "swr";
import { casePresenceAction } from "@/lib/cases/actions";
import { fetchJson } from "@/components/ui/fetch-json";
import type { PresenceResponse } from "@/app/api/cases/[id]/presence/route";

/** Who else is on this case right now; sends our own heartbeat (viewing, or replying while writing). */
export function PresenceBar({ caseId }: { caseId: string }) {
  const { data } = useSWR<PresenceResponse>(`/api/cases/${caseId}/presence`, fetchJson, { refreshInterval: 2000 });
  useEffect(() => {
    const send = () => {
      const writing = !!(
        document.querySelector(
          'textarea[aria-label="Reply"], textarea[aria-label="Note"]',
        ) as HTMLTextAreaElement | null
      )?.value;
      void casePresenceAction({ caseId, state: writing ? "replying" : "viewing" });
    };
    send();
    const timer = setInterval(send, 4000);
    return () => clearInterval(timer);
  }, [caseId]);
  const others = data?.others ?? [];
  if (!others.length) return null;
  return (
    <p role="status" aria-label="Presence" className="rounded bg-sky-50 px-2 py-1 text-sm text-sky-900">
      {others.map((o) => `${o.name} is ${o.state === "replying" ? "replying" : "viewing"}`).join(" · ")}
    </p>
  );
}
