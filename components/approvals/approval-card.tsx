"use client";

import { useState } from "react";
import Link from "next/link";
import { approveReplyAction, rejectReplyAction } from "@/lib/outbox/approval-actions";
import type { PendingApproval } from "@/lib/outbox/approval-queue";
import { useAction } from "@/components/ui/use-action";
import { dangerButton, primaryButton, secondaryButton, textInput } from "@/components/ui/buttons";
import { ExternalLink } from "@/components/ui/external-link";
import { NETWORK_LABEL, NetworkBadge, StatusBadge } from "@/components/ui/badges";
import { RelativeTime } from "@/components/ui/relative-time";

// One reply waiting for approval: the customer's post, the case, the reply (editable) and the
// three decisions. Text from the network is rendered as text (React escapes it), links only
// when they are http(s).

function CustomerPost({ post }: { post: PendingApproval["post"] }) {
  if (!post) return <p className="text-sm text-slate-500">The post this reply answers is no longer stored.</p>;
  const who = post.authorName || post.authorHandle || "Unknown author";
  return (
    <figure className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
      <figcaption className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <NetworkBadge network={post.network} />
        <span className="font-medium text-slate-800">{who}</span>
        {post.authorHandle && post.authorName && <span>@{post.authorHandle}</span>}
        <time dateTime={post.postedAt}>{post.postedAt.slice(0, 16).replace("T", " ")} UTC</time>
        {post.url && <ExternalLink href={post.url}>View on {NETWORK_LABEL[post.network] ?? post.network}</ExternalLink>}
      </figcaption>
      <blockquote className="whitespace-pre-wrap break-words text-slate-800">{post.text}</blockquote>
    </figure>
  );
}

function Expiry({ expiresAt, now }: { expiresAt: string | null; now: number }) {
  if (!expiresAt) return null;
  return (
    <span className="text-xs text-amber-800">
      expires <RelativeTime iso={expiresAt} now={now} />
    </span>
  );
}

function RejectForm({
  outboxId,
  caseNumber,
  pending,
  onReject,
  onCancel,
}: {
  outboxId: string;
  caseNumber: number;
  pending: boolean;
  onReject: (note: string) => void;
  onCancel: () => void;
}) {
  const [note, setNote] = useState("");
  const id = `reject-note-${outboxId}`;
  return (
    <form
      className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3"
      aria-label={`Reject the reply to case #${caseNumber}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (note.trim()) onReject(note.trim());
      }}
    >
      <label htmlFor={id} className="block text-sm font-medium text-red-900">
        Why? The agent sees this note.
      </label>
      <textarea
        id={id}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        required
        maxLength={2000}
        rows={2}
        autoFocus
        className={textInput}
      />
      <div className="flex gap-2">
        <button type="submit" className={dangerButton} disabled={pending || !note.trim()}>
          Reject with this note
        </button>
        <button type="button" className={secondaryButton} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function ApprovalCard({
  item,
  now,
  onDecided,
}: {
  item: PendingApproval;
  now: number;
  /** Announced to screen readers (and shown) once the decision is made. */
  onDecided: (message: string) => void;
}) {
  const { pending, error, run, router } = useAction();
  const [body, setBody] = useState(item.body);
  const [rejecting, setRejecting] = useState(false);
  const edited = body.trim() !== item.body.trim();
  const locked = !item.canDecide || pending;
  const caseLabel = `case #${item.case.number}`;
  const bodyId = `reply-${item.outboxId}`;

  const decided = (message: string) => {
    onDecided(message);
    router.refresh();
  };
  const approve = (withEdits: boolean) =>
    run(
      () => approveReplyAction({ outboxId: item.outboxId, ...(withEdits ? { body } : {}) }),
      (data) => decided(`Approved the reply to ${caseLabel}${withEdits ? " with your edits" : ""}: ${data.state}.`),
    );
  const reject = (note: string) =>
    run(
      () => rejectReplyAction({ outboxId: item.outboxId, note }),
      () => decided(`Rejected the reply to ${caseLabel}; the agent sees your note.`),
    );

  return (
    <article
      aria-label={`Reply to ${caseLabel} by ${item.agent.name ?? "an agent"}`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <header className="flex flex-wrap items-center gap-2 text-sm">
        <Link href={`/cases/${item.case.number}`} className="font-mono text-xs text-indigo-700 hover:underline">
          #{item.case.number}
        </Link>
        <span className="font-medium">{item.case.subject}</span>
        <StatusBadge status={item.case.status} />
        <span className="ml-auto">
          <Expiry expiresAt={item.expiresAt} now={now} />
        </span>
      </header>
      {item.rule.reason && (
        <p className="text-xs text-slate-600">
          Waiting for approval: <span className="font-medium text-slate-800">{item.rule.reason}</span>
        </p>
      )}
      <CustomerPost post={item.post} />
      <div className="space-y-1">
        <label htmlFor={bodyId} className="block text-sm text-slate-700">
          Reply by <span className="font-medium">{item.agent.name ?? "an agent"}</span>{" "}
          <span className="text-xs text-slate-500">
            (<RelativeTime iso={item.createdAt} now={now} />, posts as{" "}
            {item.accountLabel ?? "the sandbox: no connected account"})
          </span>
        </label>
        <textarea
          id={bodyId}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          readOnly={!item.canDecide}
          rows={Math.min(8, Math.max(3, body.split("\n").length + 1))}
          maxLength={10_000}
          className={`${textInput} ${item.canDecide ? "" : "bg-slate-50 text-slate-600"}`}
        />
      </div>
      {!item.canDecide && (
        <p className="text-sm text-slate-600" data-testid="cannot-decide">
          {item.cannotDecideReason}
        </p>
      )}
      {rejecting && item.canDecide ? (
        <RejectForm
          outboxId={item.outboxId}
          caseNumber={item.case.number}
          pending={pending}
          onReject={reject}
          onCancel={() => setRejecting(false)}
        />
      ) : (
        <div className="flex flex-wrap gap-2">
          {/* Plain "Approve" sends the agent's text; with edits on screen, only "Approve with edits" is meant. */}
          <button type="button" className={primaryButton} disabled={locked || edited} onClick={() => approve(false)}>
            Approve
          </button>
          <button type="button" className={primaryButton} disabled={locked || !edited} onClick={() => approve(true)}>
            Approve with edits
          </button>
          {edited && (
            <button type="button" className={secondaryButton} disabled={locked} onClick={() => setBody(item.body)}>
              Undo edits
            </button>
          )}
          <button type="button" className={dangerButton} disabled={locked} onClick={() => setRejecting(true)}>
            Reject
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </article>
  );
}
