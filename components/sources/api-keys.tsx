"use client";

import { useState } from "react";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/api-keys/actions";
import type { ApiKeyRow } from "@/lib/api-keys/keys";
import { useAction } from "@/components/ui/use-action";

export function ApiKeys({ keys }: { keys: ApiKeyRow[] }) {
  const [name, setName] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  const { pending, error, run } = useAction();

  const create = (event: React.FormEvent) => {
    event.preventDefault();
    run(
      () => createApiKeyAction({ name }),
      (key) => {
        setCreated(key.key);
        setName("");
      },
    );
  };

  return (
    <section aria-label="API keys" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">API keys</h2>
      <p className="text-xs text-slate-500">
        For <code>POST /api/v1/ingest/&lt;format&gt;</code> with <code>Authorization: Bearer &lt;key&gt;</code>.
      </p>
      <form onSubmit={create} className="flex gap-2">
        <input
          aria-label="Key name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Key name, e.g. Zapier"
          className="flex-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
        <button
          disabled={pending || !name.trim()}
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm text-white disabled:opacity-50"
        >
          Create key
        </button>
      </form>
      {created && (
        <p role="status" className="rounded bg-amber-50 p-2 text-xs text-amber-900">
          Copy this key now; it will not be shown again:{" "}
          <code data-testid="new-api-key" className="break-all font-mono">
            {created}
          </code>
        </p>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <ul className="divide-y divide-slate-100 text-sm">
        {keys.map((k) => (
          <li key={k.id} className="flex items-center justify-between py-2">
            <span>
              {k.name} <code className="text-xs text-slate-500">esk_{k.prefix}_…</code>
              {k.revokedAt ? (
                <span className="ml-2 text-xs text-red-600">revoked</span>
              ) : k.lastUsedAt ? (
                <span className="ml-2 text-xs text-slate-500">
                  last used {new Date(k.lastUsedAt).toISOString().slice(0, 16).replace("T", " ")}
                </span>
              ) : null}
            </span>
            {!k.revokedAt && (
              <button
                type="button"
                disabled={pending}
                onClick={() => run(() => revokeApiKeyAction({ keyId: k.id }))}
                className="rounded border border-red-200 px-2 py-1 text-xs text-red-700 hover:bg-red-50"
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
