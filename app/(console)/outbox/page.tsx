import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requireUser } from "@/lib/auth/guards";
import { listOutbox, outboxAccounts } from "@/lib/outbox/list";
import { OUTBOX_STATES } from "@/lib/outbox/states";
import { REPLY_NETWORKS } from "@/lib/outbox/transport";
import { idParam, parseFields, textParam, type SearchParams } from "@/lib/util/params";
import { PageHeader } from "@/components/ui/page-header";
import { NetworkBadge } from "@/components/ui/badges";
import { ExternalLink } from "@/components/ui/external-link";
import { DeliveryBadge } from "@/components/cases/delivery-status";

export const metadata: Metadata = { title: "Outbox" };

const FIELDS = {
  state: z.enum(OUTBOX_STATES).optional(),
  network: z.enum(REPLY_NETWORKS as unknown as [string, ...string[]]).optional(),
  account: idParam.optional(),
  after: textParam(300).optional(),
};

export default async function OutboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const { value, problems } = parseFields(FIELDS, await searchParams);
  const [page, accounts] = await Promise.all([
    listOutbox(user.workspace.id, {
      state: value.state,
      network: value.network,
      accountId: value.account,
      cursor: value.after,
    }),
    outboxAccounts(user.workspace.id),
  ]);
  const base = new URLSearchParams(
    Object.entries({ state: value.state, network: value.network, account: value.account }).filter(
      (e): e is [string, string] => !!e[1],
    ),
  );
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Replies and their delivery. A brand without a connected account on a network uses the sandbox: the reply is recorded, nothing is posted."
      />
      <div className="space-y-3 p-6">
        {problems.length > 0 && (
          <p role="status" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">
            {problems.join(" ")}
          </p>
        )}
        <form className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter the outbox">
          <label className="flex flex-col gap-1">
            <span className="text-xs text-slate-500">Delivery</span>
            <select
              name="state"
              defaultValue={value.state ?? ""}
              className="rounded-md border border-slate-300 px-2 py-1"
            >
              <option value="">Any</option>
              {OUTBOX_STATES.filter((s) => s !== "draft").map((s) => (
                <option key={s} value={s}>
                  {s.replace("_", " ")}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-xs text-slate-500">Network</span>
            <select
              name="network"
              defaultValue={value.network ?? ""}
              className="rounded-md border border-slate-300 px-2 py-1"
            >
              <option value="">Any</option>
              {REPLY_NETWORKS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-xs text-slate-500">Account</span>
            <select
              name="account"
              defaultValue={value.account ?? ""}
              className="rounded-md border border-slate-300 px-2 py-1"
            >
              <option value="">Any</option>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label} ({a.network})
                </option>
              ))}
            </select>
          </label>
          <button className="rounded-md border border-slate-300 bg-white px-3 py-1" type="submit">
            Filter
          </button>
        </form>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="outbox-table">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-3 py-2">Written</th>
                <th className="px-3 py-2">Case</th>
                <th className="px-3 py-2">Network</th>
                <th className="px-3 py-2">Agent</th>
                <th className="px-3 py-2">Posts as</th>
                <th className="px-3 py-2">Reply</th>
                <th className="px-3 py-2">Delivery</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-500">
                    <time dateTime={r.at}>{r.at.slice(0, 16).replace("T", " ")} UTC</time>
                  </td>
                  <td className="px-3 py-2">
                    <Link href={`/cases/${r.caseNumber}`} className="font-mono text-xs text-indigo-700 hover:underline">
                      #{r.caseNumber}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <NetworkBadge network={r.network} />
                  </td>
                  <td className="px-3 py-2 text-slate-600">{r.author ?? "API"}</td>
                  <td className="px-3 py-2 text-slate-600">{r.account ?? "sandbox"}</td>
                  <td className="max-w-md px-3 py-2">
                    <span className="line-clamp-2">{r.excerpt}</span>
                    {r.error && r.delivery !== "sent" && <span className="block text-xs text-red-700">{r.error}</span>}
                  </td>
                  <td className="space-y-1 px-3 py-2 text-xs">
                    <DeliveryBadge delivery={r.delivery} />
                    {r.url && (
                      <div>
                        <ExternalLink href={r.url}>on the network</ExternalLink>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
              {!page.rows.length && (
                <tr>
                  <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                    No replies match.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        {page.next && (
          <Link
            className="text-sm text-indigo-700 hover:underline"
            href={`/outbox?${new URLSearchParams([...base, ["after", page.next]]).toString()}`}
          >
            Older replies →
          </Link>
        )}
      </div>
    </>
  );
}
