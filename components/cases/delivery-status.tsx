"use client";

import { useState } from "react";
import type { OutboundDelivery } from "@/lib/cases/detail";
import { cancelReplyAction, editAndResendReplyAction, retryReplyAction } from "@/lib/outbox/reply-actions";
import { primaryButton, secondaryButton } from "@/components/ui/buttons";
import { ExternalLink } from "@/components/ui/external-link";
import { useAction } from "@/components/ui/use-action";

// A reply's delivery in the conversation: its state, the link to the post once sent, why it
// failed or was rejected, and what the agent can do about it.

const TONE: Record<string, string> = {
  sent: "bg-emerald-50 text-emerald-800",
  "sent (sandbox)": "bg-emerald-50 text-emerald-800",
  queued: "bg-sky-50 text-sky-800",
  sending: "bg-sky-50 text-sky-800",
  pending_approval: "bg-amber-50 text-amber-800",
  failed: "bg-red-50 text-red-800",
  rejected: "bg-red-50 text-red-800",
  cancelled: "bg-slate-100 text-slate-700",
};

const LABEL: Record<string, string> = {
  pending_approval: "waiting for approval",
  queued: "queued",
  sending: "sending",
  sent: "sent",
  failed: "failed",
  rejected: "rejected",
  cancelled: "not sent",
};

export function DeliveryBadge({ delivery }: { delivery: string }) {
  return (
    <span className={`rounded px-1 ${TONE[delivery] ?? "bg-white text-slate-700"}`} data-testid="delivery">
      {LABEL[delivery] ?? delivery}
    </span>
  );
}

export function DeliveryDetails({ outbox, body }: { outbox: OutboundDelivery; body: string }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(body);
  const { pending, error, run } = useAction();
  const undelivered = ["failed", "rejected", "cancelled"].includes(outbox.state);
  return (
    <div className="mt-2 space-y-1 text-xs text-slate-600" data-testid="delivery-details">
      {outbox.account && <p>Posted as {outbox.account}</p>}
      {outbox.url && (
        <p>
          <ExternalLink href={outbox.url}>View the reply on the network</ExternalLink>
          {outbox.returned && <span className="ml-2 text-slate-500">(seen in the stream)</span>}
        </p>
      )}
      {outbox.state === "queued" && outbox.attempts > 0 && outbox.error && (
        <p>
          Retrying after: {outbox.error}
          {outbox.nextAttemptAt ? ` (next attempt ${outbox.nextAttemptAt.slice(11, 16)} UTC)` : ""}
        </p>
      )}
      {outbox.state === "pending_approval" && outbox.error && <p>{outbox.error}</p>}
      {outbox.state === "rejected" && outbox.decisionNote && (
        <p className="text-red-700" role="note">
          Rejected by a manager: {outbox.decisionNote}
        </p>
      )}
      {(outbox.state === "failed" || outbox.state === "cancelled") && outbox.error && (
        <p className="text-red-700" role="note">
          {outbox.error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {outbox.state === "failed" && outbox.errorCode !== "reauth" && (
          <button
            className={secondaryButton}
            disabled={pending}
            onClick={() => run(() => retryReplyAction({ outboxId: outbox.id }))}
          >
            Retry
          </button>
        )}
        {undelivered && !editing && (
          <button className={secondaryButton} onClick={() => setEditing(true)}>
            Edit and resend
          </button>
        )}
        {(outbox.state === "pending_approval" || outbox.state === "queued") && (
          <button
            className={secondaryButton}
            disabled={pending}
            onClick={() => run(() => cancelReplyAction({ outboxId: outbox.id }))}
          >
            Withdraw
          </button>
        )}
      </div>
      {editing && (
        <div className="space-y-1">
          <textarea
            aria-label="Edited reply"
            className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="flex gap-2">
            <button
              className={primaryButton}
              disabled={pending || !text.trim()}
              onClick={() =>
                run(
                  () => editAndResendReplyAction({ outboxId: outbox.id, body: text }),
                  () => setEditing(false),
                )
              }
            >
              Resend
            </button>
            <button className={secondaryButton} onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
