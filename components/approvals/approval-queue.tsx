"use client";

import { useState } from "react";
import type { PendingApproval } from "@/lib/outbox/approval-queue";
import { ApprovalCard } from "./approval-card";

// The "Needs approval" list. The last decision's outcome stays announced here (aria-live) after
// its card has left the list with the page's revalidation.

export function ApprovalQueue({ items, now }: { items: PendingApproval[]; now: number }) {
  const [status, setStatus] = useState("");
  return (
    <div className="space-y-4">
      <p role="status" aria-live="polite" className={status ? "text-sm text-emerald-800" : "sr-only"}>
        {status}
      </p>
      {items.length ? (
        <ul className="space-y-4" aria-label="Replies waiting for approval">
          {items.map((item) => (
            <li key={item.outboxId}>
              <ApprovalCard item={item} now={now} onDecided={setStatus} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-sm text-slate-500">
          Nothing waits for approval.
        </p>
      )}
    </div>
  );
}
