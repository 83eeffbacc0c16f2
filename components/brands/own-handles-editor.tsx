"use client";

import { useId, useState } from "react";
import { setBrandHandlesAction } from "@/lib/brands/actions";
import type { ActionFields } from "@/lib/actions/result";
import type { BrandSettings } from "@/lib/brands/brands";
import {
  HANDLE_NETWORK_LABEL,
  HANDLE_NETWORKS,
  HANDLE_PLACEHOLDER,
  displayHandle,
  parseHandle,
  type HandleNetwork,
  type OwnHandles,
} from "@/lib/brands/handles";
import { useAction } from "@/components/ui/use-action";
import { secondaryButton } from "@/components/ui/buttons";

/**
 * A brand's own accounts per network, as removable chips, and a row to add one. Each change
 * saves the whole set at once; the handle is checked here as the admin types, and again by
 * the server.
 */
export function OwnHandlesEditor({ brand }: { brand: BrandSettings }) {
  const ids = useId();
  const { pending, error, fieldErrors, run, reset, router } = useAction<ActionFields<typeof setBrandHandlesAction>>();
  const [network, setNetwork] = useState<HandleNetwork>("x");
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const listed = HANDLE_NETWORKS.filter((n) => brand.ownHandles[n]?.length);
  const message = problem ?? fieldErrors.handles?.join(" ") ?? error;

  function save(next: OwnHandles, onSaved: () => void) {
    run(() => setBrandHandlesAction({ brandId: brand.id, handles: next }), {
      onSuccess: () => {
        onSaved();
        router.refresh();
      },
    });
  }

  function add(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseHandle(network, typed);
    if (!parsed.ok) return setProblem(parsed.error);
    const current = brand.ownHandles[network] ?? [];
    if (current.includes(parsed.handle))
      return setProblem(`${displayHandle(network, parsed.handle)} is already one of ${brand.name}'s handles.`);
    setProblem(null);
    save({ ...brand.ownHandles, [network]: [...current, parsed.handle] }, () => setTyped(""));
  }

  function remove(from: HandleNetwork, handle: string) {
    setProblem(null);
    save({ ...brand.ownHandles, [from]: (brand.ownHandles[from] ?? []).filter((h) => h !== handle) }, () => {});
  }

  return (
    <div className="space-y-2">
      <div>
        <h3 id={`${ids}-title`} className="text-sm font-medium">
          Own handles
        </h3>
        <p className="text-xs text-slate-500">
          {brand.isCompetitor
            ? "The competitor's own accounts. Their posts are still listened to."
            : "The brand's own accounts: their posts are not listened to, and replies go out from them."}
        </p>
      </div>
      {listed.length === 0 ? (
        <p className="text-sm text-slate-500">No handles yet.</p>
      ) : (
        <ul aria-labelledby={`${ids}-title`} className="flex flex-wrap gap-1.5">
          {listed.flatMap((n) =>
            (brand.ownHandles[n] ?? []).map((handle) => (
              <li
                key={`${n}:${handle}`}
                data-handle={`${n}:${handle}`}
                className="flex items-center gap-1 rounded-full border border-slate-200 bg-slate-50 py-0.5 pr-1 pl-2 text-xs"
              >
                <span className="text-slate-500">{HANDLE_NETWORK_LABEL[n]}</span>
                <span className="font-medium text-slate-800">{displayHandle(n, handle)}</span>
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => remove(n, handle)}
                  aria-label={`Remove ${HANDLE_NETWORK_LABEL[n]} handle ${displayHandle(n, handle)}`}
                  className="rounded-full px-1 text-slate-500 hover:bg-slate-200 hover:text-slate-900 disabled:opacity-60"
                >
                  <span aria-hidden>×</span>
                </button>
              </li>
            )),
          )}
        </ul>
      )}
      <form onSubmit={add} noValidate aria-label={`Add a handle to ${brand.name}`} className="flex flex-wrap gap-2">
        <select
          aria-label="Network"
          value={network}
          onChange={(e) => {
            setNetwork(e.target.value as HandleNetwork);
            setProblem(null);
            reset();
          }}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          {HANDLE_NETWORKS.map((n) => (
            <option key={n} value={n}>
              {HANDLE_NETWORK_LABEL[n]}
            </option>
          ))}
        </select>
        <input
          aria-label="Handle"
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            setProblem(null);
            reset();
          }}
          placeholder={HANDLE_PLACEHOLDER[network]}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={!!message}
          aria-describedby={message ? `${ids}-error` : undefined}
          className="min-w-48 flex-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
        <button disabled={pending || !typed.trim()} className={secondaryButton}>
          {pending ? "Saving…" : "Add handle"}
        </button>
        {message && (
          <p id={`${ids}-error`} role="alert" className="w-full text-sm text-red-700">
            {message}
          </p>
        )}
      </form>
    </div>
  );
}
