"use client";

import Link from "next/link";
import { redeliverWebhookAction } from "@/lib/webhooks/actions";
import type { WebhookDeliveryRow } from "@/lib/webhooks/endpoints";
import { useAction } from "@/components/ui/use-action";

const STATE_STYLE: Record<string, string> = {
  queued: "bg-sky-100 text-sky-800",
  sending: "bg-violet-100 text-violet-800",
  sent: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  cancelled: "bg-slate-100 text-slate-500",
};

const REDELIVERABLE = new Set(["sent", "failed"]);

/** An instant as "2026-12-01 10:00 UTC" (the same on server and browser). */
export const utcMinute = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** An endpoint's deliveries, newest first: what was sent, what the endpoint answered, and "Redeliver". */
export function DeliveryLog({
  id,
  endpointId,
  deliveries,
  next,
  paged,
}: {
  id: string;
  endpointId: string;
  deliveries: WebhookDeliveryRow[];
  next: string | null;
  /** True past the first page (offers a way back to the newest). */
  paged: boolean;
}) {
  const { pending, error, run } = useAction();
  const logHref = (after?: string) =>
    `/admin/webhooks?${new URLSearchParams({ log: endpointId, ...(after ? { after } : {}) })}`;

  return (
    <div id={id} className="space-y-2 border-t border-slate-100 pt-3">
      <h3 className="text-sm font-medium">Delivery log</h3>
      {deliveries.length === 0 ? (
        <p className="text-sm text-slate-500">No deliveries yet. &ldquo;Send test&rdquo; queues one.</p>
      ) : (
        <table className="w-full text-left text-xs">
          <caption className="sr-only">Deliveries to this endpoint, newest first</caption>
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">
                Time
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                Event
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                State
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                HTTP
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                Attempts
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                Response
              </th>
              <th scope="col" className="py-1 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {deliveries.map((d) => (
              <tr key={d.id} data-delivery={d.id}>
                <td className="whitespace-nowrap py-1.5 pr-2">
                  <time dateTime={d.createdAt}>{utcMinute(d.createdAt)}</time>
                </td>
                <td className="py-1.5 pr-2">
                  <code>{d.event}</code>
                </td>
                <td className="py-1.5 pr-2">
                  <span className={`rounded px-1.5 py-0.5 font-medium ${STATE_STYLE[d.state] ?? "bg-slate-100"}`}>
                    {d.state}
                  </span>
                </td>
                <td className="py-1.5 pr-2 font-mono">{d.responseStatus ?? "—"}</td>
                <td className="py-1.5 pr-2">{d.attempts}</td>
                <td className="max-w-md py-1.5 pr-2">
                  <Response delivery={d} />
                </td>
                <td className="py-1.5 text-right">
                  {REDELIVERABLE.has(d.state) && (
                    <button
                      type="button"
                      disabled={pending}
                      aria-label={`Redeliver ${d.event} from ${utcMinute(d.createdAt)}`}
                      onClick={() => run(() => redeliverWebhookAction({ deliveryId: d.id }))}
                      className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-50 disabled:opacity-60"
                    >
                      Redeliver
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <nav aria-label="Delivery log pages" className="flex gap-3 text-xs">
        {paged && (
          <Link href={logHref()} className="text-indigo-700 hover:underline">
            Newest
          </Link>
        )}
        {next && (
          <Link href={logHref(next)} className="text-indigo-700 hover:underline">
            Older deliveries
          </Link>
        )}
      </nav>
    </div>
  );
}

/** The error and the endpoint's answer: plain text (React escapes it), the excerpt behind a disclosure. */
function Response({ delivery }: { delivery: WebhookDeliveryRow }) {
  const { lastError, responseBody, sentAt, nextAttemptAt, state } = delivery;
  return (
    <div className="space-y-1">
      {lastError && state !== "sent" && <p className="text-red-700">{lastError}</p>}
      {state === "sent" && sentAt && <p className="text-slate-500">Delivered {utcMinute(sentAt)}</p>}
      {state === "queued" && <p className="text-slate-500">Next attempt {utcMinute(nextAttemptAt)}</p>}
      {responseBody ? (
        <details>
          <summary className="cursor-pointer text-slate-600">Response body</summary>
          <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono">
            {responseBody}
          </pre>
        </details>
      ) : null}
    </div>
  );
}
