"use client";

import { useEffect, useRef, useState } from "react";
import { addCaseNoteAction, replyToCaseAction } from "@/lib/cases/actions";
import { placeholderProblem, renderMacro, type MacroContext } from "@/lib/cases/macros";
import { noteOwnChange, useOwnVersion } from "@/components/cases/case-controls";
import { primaryButton, secondaryButton } from "@/components/ui/buttons";
import { useAction } from "@/components/ui/use-action";

interface Props {
  caseId: string;
  version: number;
  macros: Array<{ id: string; name: string; body: string; actions: unknown }>;
  macroContext: MacroContext;
}

/** Reply (public, through the outbox) or internal note. r and n focus them. */
export function Composer({ caseId, version, macros, macroContext }: Props) {
  const [mode, setMode] = useState<"reply" | "note">("reply");
  const [body, setBody] = useState("");
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
  const write = (text: string) => {
    if (!body && text) setStartVersion(current);
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
          setBody("");
          setStale(false);
          setSolveWith(false);
          setSent(mode === "reply" ? "Reply sent (sandbox)." : "Note added.");
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
      <textarea
        ref={area}
        value={body}
        onChange={(e) => write(e.target.value)}
        rows={4}
        aria-label={mode === "reply" ? "Reply" : "Note"}
        placeholder={mode === "reply" ? "Public reply to the customer" : "Only agents see notes"}
        className={`w-full rounded-md border px-2 py-1.5 text-sm ${mode === "note" ? "border-amber-300 bg-amber-50" : "border-slate-300"}`}
      />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {mode === "reply" && (
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={solveWith} onChange={(e) => setSolveWith(e.target.checked)} /> and solve
          </label>
        )}
        <button className={primaryButton} disabled={pending || !body.trim()} onClick={() => submit(false)}>
          {pending ? "Sending…" : mode === "reply" ? "Send reply" : "Add note"}
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
