"use client";

import { useState } from "react";
import { deleteAccountAction, testAccountAction } from "@/lib/outbox/account-actions";
import type { AccountView } from "@/lib/outbox/accounts";
import { NETWORK_LABEL } from "@/components/ui/badges";
import { useAction } from "@/components/ui/use-action";
import { TONE_CLASS, activePause, formatUtc, statusBadgeOf } from "./account-display";

type TestAnswer = { ok: true; name: string } | { ok: false; reason: string; reauth: boolean };

const smallButton = "rounded border px-2 py-1 text-xs disabled:opacity-50";

/** One connected account: who it posts as, its health, and Test / Edit / Disconnect. */
export function AccountRow({
  account,
  now,
  onEdit,
}: {
  account: AccountView;
  now: number;
  onEdit: (account: AccountView) => void;
}) {
  const badge = statusBadgeOf(account);
  const pause = activePause(account, now);
  const hints = Object.values(account.secretHints);
  return (
    <tr data-account={`${account.brandName}/${account.network}`} className="align-top">
      <td className="px-3 py-2 font-medium">{account.brandName}</td>
      <td className="px-3 py-2">{NETWORK_LABEL[account.network] ?? account.network}</td>
      <td className="px-3 py-2">
        <div>{account.label}</div>
        {hints.length > 0 && <div className="font-mono text-xs text-slate-500">{hints.join(" · ")}</div>}
        {account.textLimit !== null && (
          <div className="text-xs text-slate-500">{account.textLimit.toLocaleString("en")} characters a reply</div>
        )}
      </td>
      <td className="px-3 py-2">
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${TONE_CLASS[badge.tone]}`}>{badge.label}</span>
        {badge.mustReconnect && (
          <div className="mt-1 text-xs font-semibold text-red-700">
            The network refused these credentials.{" "}
            <button type="button" onClick={() => onEdit(account)} className="underline hover:no-underline">
              Connect again
            </button>
          </div>
        )}
        {account.lastError && account.status !== "ok" && (
          <div className="mt-1 max-w-xs break-words text-xs text-red-700">{account.lastError}</div>
        )}
        {pause && (
          <div className="mt-1 text-xs text-amber-800">Rate limited: replies paused until {formatUtc(pause)}</div>
        )}
      </td>
      <td className="whitespace-nowrap px-3 py-2 text-xs text-slate-600">
        {account.lastTestedAt ? formatUtc(account.lastTestedAt) : "Never"}
      </td>
      <td className="px-3 py-2">
        <RowActions account={account} onEdit={onEdit} />
      </td>
    </tr>
  );
}

function RowActions({ account, onEdit }: { account: AccountView; onEdit: (account: AccountView) => void }) {
  const test = useAction();
  const disconnect = useAction();
  const [answer, setAnswer] = useState<TestAnswer | null>(null);
  const [confirming, setConfirming] = useState(false);
  const networkName = NETWORK_LABEL[account.network] ?? account.network;

  function runTest() {
    setAnswer(null);
    test.run(
      () => testAccountAction({ accountId: account.id }),
      (result) => {
        setAnswer(result);
        test.router.refresh();
      },
    );
  }

  return (
    <div className="space-y-1 text-right">
      <div className="flex flex-wrap justify-end gap-1">
        <button
          type="button"
          disabled={test.pending}
          onClick={runTest}
          className={`${smallButton} border-slate-300 hover:bg-slate-50`}
        >
          {test.pending ? "Testing…" : "Test connection"}
        </button>
        <button
          type="button"
          onClick={() => onEdit(account)}
          className={`${smallButton} border-slate-300 hover:bg-slate-50`}
        >
          Edit
        </button>
        {!confirming && (
          <button
            type="button"
            onClick={() => setConfirming(true)}
            className={`${smallButton} border-red-200 text-red-700 hover:bg-red-50`}
          >
            Disconnect
          </button>
        )}
      </div>
      {confirming && (
        <div role="group" aria-label="Confirm disconnect" className="rounded bg-red-50 p-2 text-left text-xs">
          <p className="text-red-900">
            Disconnect {account.brandName} on {networkName}? Its stored credentials are deleted.
          </p>
          <div className="mt-1 flex gap-1">
            <button
              type="button"
              disabled={disconnect.pending}
              onClick={() => disconnect.run(() => deleteAccountAction({ accountId: account.id }))}
              className={`${smallButton} border-red-300 bg-white text-red-700 hover:bg-red-100`}
            >
              {disconnect.pending ? "Disconnecting…" : "Yes, disconnect"}
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className={`${smallButton} border-slate-300 bg-white hover:bg-slate-50`}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {/* The test's answer, read out when it arrives: who the account posts as, or the network's exact error. */}
      <div aria-live="polite" className="text-left text-xs">
        {answer?.ok && <p className="text-emerald-800">Connected as {answer.name}</p>}
        {answer && !answer.ok && (
          <p className="text-red-700">
            {answer.reason}
            {answer.reauth && " — connect again with new credentials."}
          </p>
        )}
        {(test.error ?? disconnect.error) && <p className="text-red-700">{test.error ?? disconnect.error}</p>}
      </div>
    </div>
  );
}
