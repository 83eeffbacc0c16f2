"use client";

import { useEffect, useRef, useState } from "react";
import { addCaseNoteAction, replyToCaseAction } from "@/lib/cases/actions";
import { placeholderProblem, renderMacro, type MacroContext } from "@/lib/cases/macros";
import { noteOwnChange, useOwnVersion } from "@/components/cases/case-controls";
import { primaryButton, secondaryButton } from "@/components/ui/buttons";
import { useAction } from "@/components/ui/use-action";
import { ReplyMeter, ReplyPreview } from "@/components/cases/reply-meter";
import { countReply, overLimitReason } from "@/lib/outbox/limits";
import type { ReplyContext } from "@/lib/outbox/reply-context";

interface Props {
  caseId: string;
  version: number;
  macros: Array<{ id: string; name: string; body: string; actions: unknown }>;
  macroContext: MacroContext;
  reply: ReplyContext;
}

/** Networks where a reply must name the customer to reach them (Mastodon notifies only mentioned accounts). */
const MENTION_FIRST = new Set(["mastodon"]);

const mentionPrefill = (reply: ReplyContext) =>
  reply.network && MENTION_FIRST.has(reply.network) && reply.authorHandle ? `@${reply.authorHandle} ` : "";

/** What the agent is told once the reply is stored, by its delivery state. */
function sentMessage(delivery: string | undefined, account: string | null): string {
  if (delivery === "pending_approval") return "Reply saved: it waits for a manager's approval before it goes out.";
  if (delivery === "queued") return `Reply queued: it goes out as ${account ?? "the brand"} in a moment.`;
  return "Reply sent (sandbox).";
}

/** Reply (public, through the outbox) or internal note. r and n focus them. */
export function Composer({ caseId, version, macros, macroContext, reply }: Props) {
  const [mode, setMode] = useState<"reply" | "note">("reply");
  const [body, setBody] = useState(() => mentionPrefill(reply));
  const [preview, setPreview] = useState(false);
  const [solveWith, setSolveWith] = useState(false);
  const [stale, setStale] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [unfilled, setUnfilled] = useState<string | null>(null);
  const { pending, error, run, router } = useAction();
  const area = useRef<HTMLTextAreaElement>(null);
  // The version the agent was looking at when they started writing: if the case changes while
  // they write (the page refreshes live), sending asks for confirmation. The agent's own changes
  // meanwhile (claiming it, say) are followed, so they never count as a change.
  const [startVersion, setStartVersion] = useState(version);
  const baseVersion = useOwnVersion(caseId, startVersion);
  const current = useOwnVersion(caseId, version);
  const prefill = mentionPrefill(reply);
  const write = (text: string) => {
    if ((!body || body === prefill) && text !== prefill) setStartVersion(current);
    setBody(text);
    setUnfilled(null);
  };

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if ((event.target as HTMLElement).closest("input, textarea, select") || event.metaKey || event.ctrlKey) return;
      if (event.key === "r" || event.key === "n") {
        setMode(event.key === "r" ? "reply" : "note");
        area.current?.focus();
        event.preventDefault();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  function submit(confirmStale = false) {
    // The server refuses the same; checking here says so before anything is sent.
    const problem = mode === "reply" ? placeholderProblem(body) : null;
    setUnfilled(problem);
    if (problem) return;
    const sentFrom = baseVersion;
    run(
      () =>
        mode === "reply"
          ? replyToCaseAction({ caseId, version: sentFrom, body, confirmStale, solve: solveWith })
          : addCaseNoteAction({ caseId, body }),
      {
        onSuccess: (result) => {
          // Without confirmStale the reply applied on top of exactly this version; a note applies on
          // top of whatever is current, so only a reply's step is known to be the agent's own.
          if (mode === "reply" && !confirmStale) noteOwnChange(caseId, sentFrom, result.version);
          setBody(mode === "reply" ? prefill : "");
          setStale(false);
          setSolveWith(false);
          setSent(
            mode === "reply"
              ? sentMessage((result as { delivery?: string }).delivery, reply.account?.label ?? null)
              : "Note added.",
          );
          router.refresh();
        },
        // A reply to a case that changed meanwhile asks for confirmation instead of failing.
        onFailure: (failure) => {
          const stale = failure.code === "CONFLICT" && !!(failure.details as { stale?: boolean } | undefined)?.stale;
          if (stale) setStale(true);
          return stale;
        },
      },
    );
  }

  const network = mode === "reply" ? reply.network : null;
  const count = network ? countReply(network, body, { instanceLimit: reply.account?.textLimit ?? undefined }) : null;
  const overReason = count ? overLimitReason(count) : null;
  // X lets a brand reply by API only where the author addressed it: said before the agent types.
  const blocked = mode === "reply" && !!reply.account && !reply.eligibility.allowed;
  const needsReauth = mode === "reply" && reply.account?.status === "reauth";
  const empty = !body.trim() || body.trim() === prefill.trim();

  return (
    <section aria-label="Composer" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex items-center gap-2 text-sm">
        <button
          className={mode === "reply" ? primaryButton : secondaryButton}
          onClick={() => setMode("reply")}
          type="button"
        >
          Reply (r)
        </button>
        <button
          className={mode === "note" ? primaryButton : secondaryButton}
          onClick={() => setMode("note")}
          type="button"
        >
          Internal note (n)
        </button>
        {mode === "reply" && macros.length > 0 && (
          <select
            aria-label="Insert macro"
            className="ml-auto rounded-md border border-slate-300 px-2 py-1 text-sm"
            value=""
            onChange={(e) => {
              const macro = macros.find((m) => m.id === e.target.value);
              if (!macro) return;
              write(renderMacro(macro.body, macroContext));
              setSolveWith((macro.actions as { status?: string } | null)?.status === "SOLVED");
              area.current?.focus();
            }}
          >
            <option value="">Insert macro…</option>
            {macros.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        )}
      </div>
      {blocked && (
        <p role="note" className="rounded bg-amber-50 px-2 py-1 text-sm text-amber-800" data-testid="reply-not-allowed">
          {reply.eligibility.reason}
        </p>
      )}
      {needsReauth && (
        <p role="note" className="rounded bg-red-50 px-2 py-1 text-sm text-red-700">
          {reply.account?.label} must be connected again (Admin → Channels) before replies go out; replies wait until
          then.
        </p>
      )}
      <textarea
        ref={area}
        disabled={blocked}
        value={body}
        onChange={(e) => write(e.target.value)}
        rows={4}
        aria-label={mode === "reply" ? "Reply" : "Note"}
        placeholder={mode === "reply" ? "Public reply to the customer" : "Only agents see notes"}
        className={`w-full rounded-md border px-2 py-1.5 text-sm ${mode === "note" ? "border-amber-300 bg-amber-50" : "border-slate-300"}`}
      />
      {network && (
        <ReplyMeter
          network={network}
          text={body}
          instanceLimit={reply.account?.textLimit ?? undefined}
          accountLabel={reply.account?.label ?? null}
        />
      )}
      {network && preview && <ReplyPreview network={network} text={body} authorHandle={reply.account?.label ?? null} />}
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {network && (
          <button className={secondaryButton} type="button" aria-pressed={preview} onClick={() => setPreview(!preview)}>
            {preview ? "Hide preview" : "Preview"}
          </button>
        )}
        {mode === "reply" && (
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={solveWith} onChange={(e) => setSolveWith(e.target.checked)} /> and solve
          </label>
        )}
        <button
          className={primaryButton}
          disabled={pending || empty || !!overReason || blocked}
          title={overReason ? `Too long: ${overReason}` : blocked ? reply.eligibility.reason : undefined}
          onClick={() => submit(false)}
        >
          {pending ? "Sending…" : mode === "reply" ? (overReason ? "Too long to send" : "Send reply") : "Add note"}
        </button>
        {sent && (
          <span role="status" className="text-emerald-700">
            {sent}
          </span>
        )}
      </div>
      {stale && (
        <div
          role="alertdialog"
          aria-label="Case changed"
          className="space-y-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm"
        >
          <p>This case changed since you opened it. Read the latest messages first.</p>
          <div className="flex gap-2">
            <button className={primaryButton} onClick={() => submit(true)} disabled={pending}>
              Send anyway
            </button>
            <button
              className={secondaryButton}
              onClick={() => {
                setStale(false);
                router.refresh();
              }}
            >
              Show me the changes
            </button>
          </div>
        </div>
      )}
      {(unfilled ?? error) && (
        <p role="alert" className="rounded bg-red-50 px-2 py-1 text-sm text-red-700">
          {unfilled ?? error}
        </p>
      )}
    </section>
  );
}
