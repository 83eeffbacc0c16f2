"use client";

import { useRef, useState } from "react";
import type { AccountView } from "@/lib/outbox/accounts";
import { AccountForm, type NetworkFields } from "./account-form";
import { AccountRow } from "./account-row";

/**
 * Admin → Channels → Connected accounts: per brand and network, the credentials replies are
 * posted with. The table's Edit (and "Connect again") opens the same form, pre-filled.
 */
export function ConnectedAccounts({
  accounts,
  brands,
  networks,
  now,
}: {
  accounts: AccountView[];
  brands: Array<{ id: string; name: string }>;
  networks: NetworkFields[];
  /** When the page read the accounts: decides whether a rate-limit pause is still in force. */
  now: number;
}) {
  const [editing, setEditing] = useState<AccountView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const reauth = accounts.filter((a) => a.status === "reauth").length;

  function edit(account: AccountView) {
    setEditing(account);
    setNotice(null);
    formRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  return (
    <div className="grid gap-6 xl:grid-cols-[1fr_24rem]">
      <section aria-labelledby="connected-accounts-title" className="rounded-lg border border-slate-200 bg-white">
        <header className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
          <div>
            <h2 id="connected-accounts-title" className="font-medium">
              Connected accounts
            </h2>
            <p className="text-xs text-slate-500">
              The accounts replies are posted from, per brand and network. Tokens are stored encrypted and never shown
              again.
            </p>
          </div>
          {reauth > 0 && (
            <span role="status" className="rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800">
              {reauth} need{reauth === 1 ? "s" : ""} re-authentication
            </span>
          )}
        </header>
        {accounts.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-500">
            No accounts yet: replies stay in the sandbox until a brand&apos;s account is connected.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="accounts-table">
              <thead className="bg-slate-50 text-xs uppercase text-slate-500">
                <tr>
                  <th className="px-3 py-2">Brand</th>
                  <th className="px-3 py-2">Network</th>
                  <th className="px-3 py-2">Posts as</th>
                  <th className="px-3 py-2">Status</th>
                  <th className="px-3 py-2">Last tested</th>
                  <th className="px-3 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {accounts.map((account) => (
                  <AccountRow key={account.id} account={account} now={now} onEdit={edit} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <div ref={formRef} className="scroll-mt-4">
        <AccountForm
          key={editing?.id ?? "new"}
          brands={brands}
          networks={networks}
          accounts={accounts}
          editing={editing}
          onSaved={(text) => {
            setEditing(null);
            setNotice(text);
          }}
          onCancel={() => setEditing(null)}
        />
        <p role="status" aria-live="polite" className="mt-2 text-sm text-emerald-800">
          {notice}
        </p>
      </div>
    </div>
  );
}
